import { recordPackageErrors, releaseErrors, releasePackageErrors } from './ocds-schema';

/** The validator the e2e tests rely on really rejects invalid OCDS, offline. */
describe('OCDS 1.1.5 schema validation', () => {
  const release = {
    ocid: 'ocds-test01-C000001',
    id: 'C000001-01-award',
    date: '2027-01-01T10:00:00.000Z',
    tag: ['award', 'contract'],
    initiationType: 'tender',
    contracts: [{ id: 'C000001', awardID: 'C000001', status: 'active', value: { amount: 14760, currency: 'GBP' } }],
  };
  const pkg = (releases: unknown[]) => ({ uri: 'https://example.test/p', version: '1.1', publishedDate: '2027-01-01T10:00:00Z', publisher: { name: 'P' }, releases });

  it('accepts a minimal valid release and package', () => {
    expect(releaseErrors(release)).toEqual([]);
    expect(releasePackageErrors(pkg([release]))).toEqual([]);
  });

  it.each([
    ['no ocid', { ...release, ocid: undefined }],
    ['an unknown tag', { ...release, tag: ['signed'] }],
    ['an initiation type other than tender', { ...release, initiationType: 'auction' }],
    ['an amount as a string', { ...release, contracts: [{ ...release.contracts[0], value: { amount: '14760.00', currency: 'GBP' } }] }],
    ['an unknown currency', { ...release, contracts: [{ ...release.contracts[0], value: { amount: 1, currency: 'XXY' } }] }],
    ['a contract status outside the codelist', { ...release, contracts: [{ ...release.contracts[0], status: 'ended' }] }],
    ['a date without a time zone', { ...release, date: '2027-01-01T10:00:00' }],
  ])('rejects a release with %s, directly and through the package $ref', (_what, bad) => {
    expect(releaseErrors(bad)).not.toEqual([]);
    expect(releasePackageErrors(pkg([bad]))).not.toEqual([]);
  });

  it('rejects a package without releases and a record without a valid compiled release', () => {
    expect(releasePackageErrors(pkg([]))).not.toEqual([]);
    const record = { uri: 'https://example.test/r', version: '1.1', publishedDate: '2027-01-01T10:00:00Z', publisher: { name: 'P' } };
    expect(recordPackageErrors({ ...record, records: [{ ocid: release.ocid, releases: [release], compiledRelease: { ...release, tag: ['compiled'] } }] })).toEqual([]);
    expect(recordPackageErrors({ ...record, records: [{ ocid: release.ocid, releases: [release], compiledRelease: { ...release, tag: ['merged'] } }] })).not.toEqual([]);
    expect(recordPackageErrors({ ...record, records: [] })).not.toEqual([]);
  });
});
