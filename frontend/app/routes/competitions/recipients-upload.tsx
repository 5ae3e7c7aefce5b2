import { redirect } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { RecipientsUploadForm, uploadFieldIds } from '~/components/recipients';
import { attempt } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { readRecipientsCsv, uploadRefused } from '~/lib/recipients.server';
import { BackToCompetition, CompetitionCaption } from './+shared/competition';
import { competitionId, loadEditableCompetition, writer } from './+shared/competition.server';
import type { Route } from './+types/recipients-upload';

export const meta = titled('Upload service recipients');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition } = await loadEditableCompetition(request, params, context);
  return { competition: { id: competition.id, name: competition.name, recipientCount: competition.recipients.length } };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  const file = await readRecipientsCsv(formData, 'competition');
  if (!('csv' in file)) return file;
  const result = await attempt(client.POST('/api/competitions/{id}/recipients/csv', { params: { path: { id } }, body: { csv: file.csv } }));
  if (result.ok) return redirect(`/competitions/${id}/recipients?uploaded=1`);
  return uploadRefused(request, result.problem, 'competition');
}

export default function UploadRecipients({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      <BackToCompetition id={c.id} />
      <CompetitionCaption competition={c} />
      <h1>Upload service recipients</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={uploadFieldIds(errors)} />
      <RecipientsUploadForm owner="competition" recipientCount={c.recipientCount} errors={errors} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
