import { Link } from 'react-router';
import { AccreditationSummary, AssessmentTables } from '~/components/assessment-tables';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SuccessNotice } from '~/components/notice';
import { api, ok } from '~/lib/api/client.server';
import { accreditationName } from '~/lib/catalogue';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/assessment';

export const meta: Route.MetaFunction = ({ data: d, error }) => [
  { title: error || !d ? errorTitle(error) : pageTitle(`Assessment of ${d.assessment.name ?? d.assessment.itemId}`) },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const assessment = await ok(request, api(request).GET('/api/assessments/{itemId}', { params: { path: { itemId: params.itemId } } }));
  const saved = new URL(request.url).searchParams.get('saved');
  const notice = saved
    ? `Result for ${saved} saved. Accreditation is now ${accreditationName(assessment.accreditation.status)}${assessment.accreditation.reason ? `: ${assessment.accreditation.reason}` : ''}`
    : undefined;
  return { assessment, notice };
}

export default function OperatorAssessment({ loaderData }: Route.ComponentProps) {
  const { assessment, notice } = loaderData;
  const base = `/operator/assessments/${assessment.itemId}`;
  return (
    <>
      <p className="mb-4">
        <Link to={`/operator/items/${assessment.itemId}`}>Publication status of this item</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">
        {assessment.supplier.name} ({assessment.supplier.code}), {assessment.itemId}
      </span>
      <h1>Assessment of {assessment.name ?? assessment.itemId}</h1>
      <SuccessNotice>{notice}</SuccessNotice>
      <AccreditationSummary assessment={assessment} />
      <AssessmentTables assessment={assessment} recordLink={(subject, id) => `${base}/${subject}/${encodeURIComponent(String(id))}`} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
