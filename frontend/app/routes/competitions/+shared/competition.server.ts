import { data, redirect, type AppLoadContext } from 'react-router';
import { api, ok } from '~/lib/api/client.server';
import type { FieldErrors } from '~/lib/forms';
import { requireUser } from '~/lib/session.server';
import { BUYERS, formProblem } from '../../orders/+shared/order.server';
import type { CompetitionDetail } from './competition';

export { BUYERS, formProblem, saveStep, text, writer } from '../../orders/+shared/order.server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The competition id from the URL, or the 404 page. */
export function competitionId(params: { id?: string }): string {
  if (!params.id || !UUID.test(params.id)) throw data({ message: 'There is no competition with that id.' }, { status: 404 });
  return params.id;
}

export async function loadCompetition(request: Request, id: string): Promise<CompetitionDetail> {
  return ok(request, api(request).GET('/api/competitions/{id}', { params: { path: { id } } }));
}

/**
 * For a step's page: the signed-in buyer and the competition, or back to the competition when it
 * is completed (read-only from then on).
 */
export async function loadEditableCompetition(request: Request, params: { id?: string }, context?: AppLoadContext) {
  const session = await requireUser(request, BUYERS, context);
  const id = competitionId(params);
  const competition = await loadCompetition(request, id);
  if (competition.status !== 'draft') throw redirect(`/competitions/${id}`);
  return { session, id, competition };
}

/** An Idempotency-Key header from the form's hidden key (one per rendering of the form). */
export function idempotency(key: string): Record<string, string> {
  return UUID.test(key) ? { 'Idempotency-Key': key } : {};
}

/** Errors found before calling the API, shown the same way as the API's. */
export function fieldErrors(request: Request, errors: FieldErrors, values?: Record<string, string>) {
  const fields = Object.fromEntries(Object.keys(errors).map((k) => [k, k]));
  return formProblem(request, { status: 400, code: 'validation', title: '', errors: Object.entries(errors).map(([field, message]) => ({ field, message })) }, fields, values);
}
