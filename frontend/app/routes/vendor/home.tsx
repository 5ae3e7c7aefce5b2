import { Link } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { api, ok } from '~/lib/api/client.server';
import { accreditationName, PUBLICATION_STATUS_NAME } from '~/lib/catalogue';
import { formatDate, plural } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/home';

export const meta = titled('Your supplier account');

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireUser(request, ['vendor'], context);
  const client = api(request);
  const [items, assessments] = await Promise.all([
    ok(request, client.GET('/api/vendor/items', { params: { query: { pageSize: 100 } } })),
    ok(request, client.GET('/api/vendor/assessments', { params: { query: { pageSize: 100 } } })),
  ]);
  const byStatus: Record<string, number> = {};
  for (const i of items.items) byStatus[i.publicationStatus] = (byStatus[i.publicationStatus] ?? 0) + 1;
  // Needs attention: a draft not yet submitted, a rejection, a suspension or remediation, a lapsed or failed accreditation.
  const attention = items.items.filter(
    (i) =>
      i.openVersionStatus === 'draft' ||
      ['rejected', 'suspended', 'in_remediation'].includes(i.publicationStatus) ||
      i.accreditationStatus === 'lapsed' ||
      i.accreditationStatus === 'failed',
  );
  const dates = assessments.items
    .flatMap((a) => [
      a.nextDueOn ? { itemId: a.itemId, name: a.name ?? a.itemId, date: a.nextDueOn, what: 'work-off plan due' } : null,
      a.nextExpiresOn ? { itemId: a.itemId, name: a.name ?? a.itemId, date: a.nextExpiresOn, what: 'result expires' } : null,
    ])
    .filter((d) => d !== null)
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, 5);
  return { supplier: session.organisation, total: items.total, byStatus, attention: attention.slice(0, 10), attentionCount: attention.length, dates };
}

export default function VendorHome({ loaderData }: Route.ComponentProps) {
  const { supplier, total, byStatus, attention, attentionCount, dates } = loaderData;
  return (
    <>
      <span className="mb-2 block text-lg text-ink-secondary">Supplier {supplier.code}</span>
      <h1>{supplier.name}</h1>
      <ul className="mb-10 grid gap-6 md:grid-cols-3">
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/vendor/items">Your catalogue items</Link>
          </h2>
          <p>{plural(total, 'item')}:</p>
          <ul className="mb-0 list-disc pl-5">
            {Object.entries(byStatus).map(([status, n]) => (
              <li key={status}>
                {PUBLICATION_STATUS_NAME[status] ?? status}: {n}
              </li>
            ))}
          </ul>
        </li>
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/vendor/assessments">Accreditation</Link>
          </h2>
          <p className="mb-0">Conformance results, reasons and when results expire or work-off plans are due.</p>
        </li>
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/vendor/applications">Framework applications</Link>
          </h2>
          <p className="mb-0">Apply to an open framework round, answer its declaration, see your results and sign the agreement.</p>
        </li>
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/vendor/supplier">Supplier profile</Link>
          </h2>
          <p className="mb-0">Your legal name, Companies House number, summary, website, address and contacts.</p>
        </li>
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/orders">Orders received</Link>
          </h2>
          <p className="mb-0">Completed orders for your solutions and services.</p>
        </li>
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/contracts">Contracts</Link>
          </h2>
          <p className="mb-0">Contracts for your solutions, with their end dates and notice deadlines.</p>
        </li>
        <li className="card mb-0">
          <h2 className="text-xl">
            <Link to="/vendor/payouts">Payouts</Link>
          </h2>
          <p className="mb-0">Connect your Stripe account so practices paying from local funds can pay you by card or Direct Debit.</p>
        </li>
      </ul>

      <section aria-labelledby="attention-heading" className="mb-10 max-w-3xl">
        <h2 id="attention-heading">Needs your attention</h2>
        {attention.length ? (
          <>
            <p>{plural(attentionCount, 'item')} to look at:</p>
            <ul className="list-disc pl-5">
              {attention.map((i) => (
                <li key={i.id}>
                  <Link to={`/vendor/items/${i.id}`}>{i.name}</Link> ({i.id}):{' '}
                  {i.openVersionStatus === 'draft'
                    ? 'draft not yet submitted'
                    : ['rejected', 'suspended', 'in_remediation'].includes(i.publicationStatus)
                      ? (PUBLICATION_STATUS_NAME[i.publicationStatus] ?? '').toLowerCase()
                      : `accreditation ${accreditationName(i.accreditationStatus).toLowerCase()}`}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>Nothing needs your attention.</p>
        )}
      </section>

      <section aria-labelledby="dates-heading" className="mb-10 max-w-3xl">
        <h2 id="dates-heading">Next assessment dates</h2>
        {dates.length ? (
          <ul className="list-disc pl-5">
            {dates.map((d) => (
              <li key={`${d.itemId}-${d.what}`}>
                {formatDate(d.date)}: <Link to={`/vendor/items/${d.itemId}/assessment`}>{d.name}</Link>, {d.what}
              </li>
            ))}
          </ul>
        ) : (
          <p>No results expire and no work-off plans are due.</p>
        )}
      </section>
      <p>
        You can also <Link to="/organisation">see your organisation's details and manage its users</Link>.
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
