import { PUBLICATION_STATUSES, PublicationStatus, ListingContent } from './listing';
import { completenessIssues, diffListings, normaliseContent, OPERATOR_ACTIONS, publicationTransition } from './publication.rules';

describe('publicationTransition', () => {
  // Every allowed pair; all the other 49 - 13 pairs must be refused.
  const allowed: Record<string, string> = {
    'draft→submitted': 'submit',
    'submitted→draft': 'withdraw',
    'submitted→published': 'approve',
    'submitted→rejected': 'reject',
    'rejected→submitted': 'resubmit',
    'published→suspended': 'suspend',
    'published→in_remediation': 'remediate',
    'published→unpublished': 'unpublish',
    'suspended→published': 'reinstate',
    'in_remediation→published': 'reinstate',
    'unpublished→published': 'reinstate',
  };
  const pairs = PUBLICATION_STATUSES.flatMap((from) => PUBLICATION_STATUSES.map((to) => [from, to] as [PublicationStatus, PublicationStatus]));

  it.each(pairs)('%s → %s', (from, to) => {
    expect(publicationTransition(from, to)).toBe(allowed[`${from}→${to}`] ?? null);
  });

  it('covers all 49 pairs and lets operators only suspend, remediate, unpublish and reinstate', () => {
    expect(pairs).toHaveLength(49);
    expect(pairs.filter(([f, t]) => publicationTransition(f, t)).length).toBe(Object.keys(allowed).length);
    expect([...OPERATOR_ACTIONS].sort()).toEqual(['reinstate', 'remediate', 'suspend', 'unpublish']);
  });
});

const complete: ListingContent = normaliseContent({
  name: 'Thing',
  summary: 'S',
  description: 'D',
  capabilityIds: [1],
  epicIds: ['E1', 'E2'],
  frameworkIds: ['TIF001'],
  applicationTypes: [{ key: 'browser-based', details: {} }],
  hostingTypes: [{ key: 'PublicCloud', summary: 'x', requiresHscn: false }],
  serviceLevels: { availability: '99.9%', supportHours: '9-5', responseTimes: '1h' },
  dataProcessing: { dataLocation: 'UK only', processingSummary: 'x', subProcessors: [] },
  prices: [
    { id: 'p1', provisioningType: 'per_patient', priceType: 'flat', calculationType: 'single_fixed', quantityBasis: 'per_service_recipient', billingPeriod: 'year', unit: 'per patient', tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 12600 }] },
  ],
});
const must = new Map([[1, { capabilityName: 'Appointments', epicIds: ['E1', 'E2'] }]]);

describe('completenessIssues', () => {
  it('accepts a complete solution', () => {
    expect(completenessIssues('solution', complete, must)).toEqual([]);
  });

  it('names every missing section of an empty solution', () => {
    const fields = completenessIssues('solution', normaliseContent({ name: 'x' }), must).map((i) => i.field);
    expect(fields).toEqual(['summary', 'description', 'frameworkIds', 'prices', 'capabilityIds', 'applicationTypes', 'hostingTypes', 'serviceLevels', 'dataProcessing']);
  });

  it('requires the MUST epics of each claimed capability', () => {
    const issues = completenessIssues('solution', { ...complete, epicIds: ['E1'] }, must);
    expect(issues).toEqual([{ field: 'epicIds', section: 'Capabilities', message: expect.stringContaining('missing: E2') }]);
  });

  it('accepts the MUST epics of either epic generation (legacy C1E1… or current E…)', () => {
    const both = new Map([[1, { capabilityName: 'Appointments', epicIds: ['C1E1', 'C1E2', 'E1', 'E2'] }]]);
    expect(completenessIssues('solution', { ...complete, epicIds: ['C1E1', 'C1E2'] }, both)).toEqual([]);
    expect(completenessIssues('solution', { ...complete, epicIds: ['E1', 'E2'] }, both)).toEqual([]);
    expect(completenessIssues('solution', { ...complete, epicIds: ['C1E1', 'E1'] }, both)).toHaveLength(1);
  });

  it('asks less of services', () => {
    const fields = completenessIssues('associated_service', normaliseContent({ name: 'x' }), must).map((i) => i.field);
    expect(fields).toEqual(['summary', 'description', 'frameworkIds', 'prices']);
  });
});

describe('diffListings', () => {
  const names = { capabilities: new Map([[1, 'Appointments'], [2, 'Prescribing']]), epics: new Map(), frameworks: new Map([['TIF001', 'Tech Innovation']]) };

  it('is empty for identical content', () => {
    expect(diffListings(complete, complete, names)).toEqual([]);
  });

  it('shows text changes, capabilities by name and prices by id', () => {
    const after: ListingContent = {
      ...complete,
      summary: 'New',
      capabilityIds: [2],
      prices: [{ ...complete.prices[0], tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 13000 }] }, { ...complete.prices[0], id: 'p2' }],
      serviceLevels: { ...complete.serviceLevels!, availability: '99.5%' },
      aboutUrl: 'https://example.com',
    };
    const changes = diffListings(complete, after, names);
    expect(changes).toEqual(
      expect.arrayContaining([
        { path: 'summary', label: 'Summary', change: 'changed', before: 'S', after: 'New' },
        { path: 'aboutUrl', label: 'About page', change: 'added', before: null, after: 'https://example.com' },
        { path: 'capabilityIds[2]', label: 'Capability: Prescribing', change: 'added', before: null, after: 'Prescribing' },
        { path: 'capabilityIds[1]', label: 'Capability: Appointments', change: 'removed', before: 'Appointments', after: null },
        expect.objectContaining({ path: 'prices[p1]', change: 'changed' }),
        expect.objectContaining({ path: 'prices[p2]', change: 'added' }),
        expect.objectContaining({ path: 'serviceLevels.availability', before: '99.9%', after: '99.5%' }),
      ]),
    );
    expect(changes).toHaveLength(7);
  });

  it('shows everything as added for a first version', () => {
    const changes = diffListings(null, complete, names);
    expect(changes.map((c) => c.path)).toEqual(expect.arrayContaining(['name', 'summary', 'capabilityIds[1]', 'frameworkIds[TIF001]', 'prices[p1]', 'serviceLevels', 'dataProcessing']));
    expect(changes.every((c) => c.change === 'added')).toBe(true);
  });
});
