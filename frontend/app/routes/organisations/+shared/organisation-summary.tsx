import { Link } from 'react-router';
import type { OrganisationDetail } from '~/lib/api/types';
import { formatDate, formatNumber } from '~/lib/format';
import { ORGANISATION_TYPE_NAME } from '~/lib/roles';

type Ref = { code: string; name: string } | null;

/**
 * An organisation's ODS record as a summary list. Parent organisations link to their directory
 * page when the viewer can use the directory (not regions: they are outside every commissioner's area).
 */
export function OrganisationSummary({ org, linkParents = false }: { org: OrganisationDetail; linkParents?: boolean }) {
  const ref = (r: Ref, link = linkParents) => {
    if (!r) return <span className="text-ink-secondary">Not recorded</span>;
    const label = `${r.name} (${r.code})`;
    return link ? <Link to={`/organisations/${encodeURIComponent(r.code)}`}>{label}</Link> : label;
  };
  const address = [...org.addressLines, org.town, org.county, org.postcode].filter(Boolean);
  const isPractice = org.type === 'practice';
  const rows: Array<[string, React.ReactNode]> = [
    ['Name', org.name],
    ['ODS code', org.code],
    ['Type', ORGANISATION_TYPE_NAME[org.type]],
    ['Status', org.status === 'active' ? 'Active' : 'Inactive'],
    [
      'Address',
      address.length ? (
        <address className="not-italic">
          {address.map((line, i) => (
            <span key={i} className="block">
              {line}
            </span>
          ))}
        </address>
      ) : (
        <span className="text-ink-secondary">Not recorded</span>
      ),
    ],
    ['Telephone', org.telephone ?? <span className="text-ink-secondary">Not recorded</span>],
  ];
  if (isPractice) {
    rows.push(
      [
        'Registered patients',
        org.registeredPatients != null ? (
          <>
            {formatNumber(org.registeredPatients)}
            {org.registeredPatientsDate ? <span className="text-ink-secondary"> (at {formatDate(org.registeredPatientsDate)})</span> : null}
          </>
        ) : (
          <span className="text-ink-secondary">Not recorded</span>
        ),
      ],
      ['Current clinical system', org.clinicalSystemSupplier ?? <span className="text-ink-secondary">Not recorded</span>],
      ['Primary care network (PCN)', ref(org.pcn)],
    );
  }
  if (org.type === 'practice' || org.type === 'pcn') rows.push(['Sub-ICB location', ref(org.subIcb)]);
  if (['practice', 'pcn', 'sub_icb'].includes(org.type)) rows.push(['Integrated care board (ICB)', ref(org.icb)]);
  if (['practice', 'pcn', 'sub_icb', 'icb'].includes(org.type)) rows.push(['NHS England region', ref(org.region, false)]);
  if (org.openDate) rows.push(['Opened', formatDate(org.openDate)]);

  return (
    <dl className="summary-list">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
