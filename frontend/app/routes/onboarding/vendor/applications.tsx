import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { api, ok } from '~/lib/api/client.server';
import { formatDate, formatDateTime } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { ApplicationStatusTag, ResultTag, RoundStatusTag } from '../+shared/onboarding';
import type { Route } from './+types/applications';

export const meta = titled('Framework applications');

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const client = api(request);
  const [applications, rounds] = await Promise.all([ok(request, client.GET('/api/onboarding/applications', {})), ok(request, client.GET('/api/onboarding/frameworks'))]);
  const applied = new Set(applications.map((a) => a.frameworkId));
  const open = rounds.filter((r) => r.source === 'operator' && (r.status === 'open' || r.status === 'coming') && !applied.has(r.id));
  return { applications, open };
}

export default function VendorApplications({ loaderData }: Route.ComponentProps) {
  const { applications, open } = loaderData;
  return (
    <>
      <h1>Framework applications</h1>
      <section aria-labelledby="open-heading" className="mb-10">
        <h2 id="open-heading">Rounds you can apply to</h2>
        {open.length ? (
          <ul className="list-disc pl-5">
            {open.map((r) => (
              <li key={r.id}>
                <Link to={`/vendor/frameworks/${r.id}`}>{r.name}</Link> ({r.id}): <RoundStatusTag status={r.status} />
                {r.dates.closesOn ? ` closes ${formatDate(r.dates.closesOn)}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>
            There are no other open rounds. <Link to="/framework-rounds">See every framework round</Link>.
          </p>
        )}
      </section>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">Your applications</h2>
        {applications.length ? (
          <DataTable id="applications" caption="Your framework applications">
            <thead>
              <tr>
                <th scope="col">Framework</th>
                <th scope="col">Round</th>
                <th scope="col">Application</th>
                <th scope="col">Submitted</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/vendor/applications/${a.id}`}>{a.frameworkName}</Link> ({a.frameworkId})
                  </td>
                  <td>
                    <RoundStatusTag status={a.frameworkStatus} />
                  </td>
                  <td>
                    <ApplicationStatusTag status={a.status} />
                  </td>
                  <td>{a.submittedAt ? formatDateTime(a.submittedAt) : 'Not yet'}</td>
                  <td>
                    <ResultTag result={a.result} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ) : (
          <p>You have not applied to a framework yet.</p>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
