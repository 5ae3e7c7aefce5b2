import { data, Form, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { attempt } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatNumber } from '~/lib/format';
import { formatPence } from '~/lib/money';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { RadioGroup } from '../orders/+shared/order';
import { BackToCompetition, CompetitionCaption, formatPoints, wholeTerm } from './+shared/competition';
import { BUYERS, competitionId, fieldErrors, formProblem, idempotency, loadCompetition, text, writer } from './+shared/competition.server';
import type { Route } from './+types/award';

export const meta = titled('Award the contract');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, BUYERS, context);
  const id = competitionId(params);
  const competition = await loadCompetition(request, id);
  if (competition.status !== 'completed' || competition.orderRef || !competition.results) throw redirect(`/competitions/${id}`);
  const result = competition.results;
  const winners = result.ranking.filter((r) => result.winners.includes(r.itemId));
  return {
    competition: { id: competition.id, name: competition.name, termMonths: competition.termMonths, framework: competition.framework, recipients: competition.recipients },
    winners,
    tie: result.tie,
    idempotencyKey: crypto.randomUUID(),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  const itemId = text(formData, 'itemId');
  if (formData.get('tie') === 'yes' && !itemId) return fieldErrors(request, { itemId: 'Choose which of the joint winners to award the contract to' });
  const result = await attempt(
    client.POST('/api/competitions/{id}/award', { params: { path: { id } }, body: itemId ? { itemId } : {}, headers: idempotency(text(formData, 'idempotencyKey')) }),
  );
  if (result.ok) return redirect(`/competitions/${id}?awarded=1`);
  if (result.problem.status === 409) return redirect(`/competitions/${id}`);
  return formProblem(request, result.problem, { itemId: 'itemId' });
}

export default function Award({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c, winners, tie, idempotencyKey } = loaderData;
  const errors = actionData?.errors ?? {};
  const winner = winners[0];
  return (
    <>
      <BackToCompetition id={c.id} />
      <CompetitionCaption competition={c} />
      <h1>Award the contract</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <p className="max-w-3xl">
        Awarding creates a draft order with the winner’s supplier, the winning solution at the price compared, the service recipients (
        {c.recipients.map((r) => `${r.name}, ${r.odsCode}`).join('; ')}) and a maximum term of {c.termMonths} months under{' '}
        {c.framework ? c.framework.name : 'the framework chosen'}. You then enter the commencement date and complete the order.
      </p>
      <Form method="post" noValidate className="max-w-3xl">
        <CsrfInput />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        {tie ? (
          <>
            <input type="hidden" name="tie" value="yes" />
            <RadioGroup
              name="itemId"
              legend="The result is a tie. Which joint winner do you award the contract to?"
              options={winners.map((w) => ({
                value: w.itemId,
                label: `${w.name} (${w.supplierName})`,
                hint: `${formatPoints(w.totalPoints)} points; whole-term cost ${w.wholeTermPence == null ? 'not known' : formatPence(w.wholeTermPence)}`,
              }))}
              error={errors.itemId}
            />
          </>
        ) : winner ? (
          <dl className="summary-list">
            <div>
              <dt>Winner</dt>
              <dd data-testid="award-winner">
                {winner.name} ({winner.supplierName})
              </dd>
            </div>
            <div>
              <dt>Total points</dt>
              <dd>{formatPoints(winner.totalPoints)}</dd>
            </div>
            <div>
              <dt>Whole-term cost</dt>
              <dd>{wholeTerm(winner.wholeTermPence)}</dd>
            </div>
            <div>
              <dt>Service recipients</dt>
              <dd>{formatNumber(c.recipients.length)}</dd>
            </div>
          </dl>
        ) : null}
        <button type="submit" className="button">
          Create the draft order
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
