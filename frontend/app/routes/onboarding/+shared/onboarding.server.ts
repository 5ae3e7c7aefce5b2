import { data, type AppLoadContext } from 'react-router';
import { api, ok } from '~/lib/api/client.server';
import type { Role } from '~/lib/api/types';
import { requireUser } from '~/lib/session.server';
import type { ApplicationView, RoundDetail } from './onboarding';

export { formProblem, text } from '../../orders/+shared/order.server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROUND_ID = /^[A-Za-z0-9]{2,16}$/;

/** The round id from the URL, or the 404 page. */
export function roundId(params: { id?: string }): string {
  if (!params.id || !ROUND_ID.test(params.id)) throw data({ message: 'There is no framework with that id.' }, { status: 404 });
  return params.id;
}

/** The application id from the URL, or the 404 page. */
export function applicationId(params: { id?: string }): string {
  if (!params.id || !UUID.test(params.id)) throw data({ message: 'There is no application with that id.' }, { status: 404 });
  return params.id;
}

export function loadRound(request: Request, id: string): Promise<RoundDetail> {
  return ok(request, api(request).GET('/api/onboarding/frameworks/{id}', { params: { path: { id } } })) as Promise<RoundDetail>;
}

export function loadApplication(request: Request, id: string): Promise<ApplicationView> {
  return ok(request, api(request).GET('/api/onboarding/applications/{id}', { params: { path: { id } } }));
}

/** The signed-in user in one of `roles` and an API client whose writes carry the CSRF token. */
export async function writer(request: Request, roles: readonly Role[], context?: AppLoadContext) {
  const session = await requireUser(request, roles, context);
  return { session, client: api(request, { csrfToken: session.csrfToken }) };
}
