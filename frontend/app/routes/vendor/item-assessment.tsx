import { Link } from 'react-router';
import { AccreditationSummary, AssessmentTables } from '~/components/assessment-tables';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { api, ok } from '~/lib/api/client.server';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/item-assessment';

export const meta: Route.MetaFunction = ({ data: d, error }) => [
  { title: error || !d ? errorTitle(error) : pageTitle(`Assessment of ${d.assessment.name ?? d.assessment.itemId}`) },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const assessment = await ok(request, api(request).GET('/api/assessments/{itemId}', { params: { path: { itemId: params.id } } }));
  return { assessment };
}

export default function VendorItemAssessment({ loaderData }: Route.ComponentProps) {
  const { assessment } = loaderData;
  return (
    <>
      <p className="mb-4">
        <Link to="/vendor/assessments">Back to accreditation of your items</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">{assessment.itemId}</span>
      <h1>Assessment of {assessment.name ?? assessment.itemId}</h1>
      <AccreditationSummary assessment={assessment} />
      <p className="max-w-3xl">
        The marketplace assurance team records these results. <Link to={`/vendor/items/${assessment.itemId}`}>Go to the listing</Link>.
      </p>
      <AssessmentTables assessment={assessment} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
