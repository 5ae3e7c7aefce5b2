import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SuccessNotice } from '~/components/notice';
import { chooserFieldIds, PracticeChooser, RecipientsTable, type Chooser } from '~/components/recipients';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { areaPractices, chosenOdsCodes } from '~/lib/recipients.server';
import { BackToCompetition, CompetitionCaption } from './+shared/competition';
import { competitionId, fieldErrors, loadEditableCompetition, saveStep, writer } from './+shared/competition.server';
import type { Route } from './+types/recipients';

export const meta = titled('Service recipients');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition, session } = await loadEditableCompetition(request, params, context);
  const base = { id: competition.id, name: competition.name, recipients: competition.recipients };
  const uploaded = new URL(request.url).searchParams.get('uploaded') === '1';
  // A practice buys for itself: its own practice is the one to choose.
  const own = session.organisation;
  const chooser: Chooser =
    session.role === 'commissioner' ? await areaPractices(request) : { q: '', total: 1, searchable: false, practices: [{ code: own.code, name: own.name, town: null }] };
  return { competition: base, uploaded, chooser };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  const odsCodes = chosenOdsCodes(formData);
  if (!odsCodes.length) return fieldErrors(request, { practices: 'Choose at least one practice' });
  // Errors name the code's position (odsCodes[i]): each is about the practices chosen.
  const fields = Object.fromEntries([['odsCodes', 'practices'], ...odsCodes.map((_, i) => [`odsCodes[${i}]`, 'practices']), ...odsCodes.map((_, i) => [`odsCodes.${i}`, 'practices'])]);
  return saveStep(request, client.PUT('/api/competitions/{id}/recipients', { params: { path: { id } }, body: { odsCodes } }), {
    next: `/competitions/${id}`,
    fields,
  });
}

export default function Recipients({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c, chooser, uploaded } = loaderData;
  const errors = actionData?.errors ?? {};
  return (
    <>
      {uploaded ? <SuccessNotice>The CSV file has been uploaded: the competition now has {c.recipients.length} service recipients.</SuccessNotice> : null}
      <BackToCompetition id={c.id} />
      <CompetitionCaption competition={c} />
      <h1>Service recipients</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={chooserFieldIds(chooser)} />
      <p className="max-w-3xl">
        The practices that will use the solution. Each solution’s whole-term cost is worked out for them, using each practice’s registered patients
        for per-patient prices.
      </p>
      <RecipientsTable recipients={c.recipients} owner="competition" />
      <PracticeChooser
        owner="competition"
        recipients={c.recipients}
        chooser={chooser}
        errors={errors}
        legend="Which practices will use the solution?"
        uploadHref={`/competitions/${c.id}/recipients/upload`}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
