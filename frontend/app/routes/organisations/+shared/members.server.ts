import { data } from 'react-router';
import { z } from 'zod';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import type { InvitationView, MemberView, Page, SessionView } from '~/lib/api/types';
import { keepValues, parseForm, problemToForm } from '~/lib/forms';
import { inviteSchema, type MemberActionResult } from './members';

const setAdminSchema = z.object({
  userId: z.uuid(),
  name: z.string().max(200).optional(),
  isAdmin: z.enum(['true', 'false']).transform((v) => v === 'true'),
});

/** Operators manage users of any organisation; administrators those of their own. */
export function canManage(session: SessionView, code: string): boolean {
  return session.role === 'operator' || (session.isAdmin && session.organisation.code === code);
}

const LIST_SIZE = 100;

export async function loadPeople(request: Request, code: string): Promise<{ members: Page<MemberView>; invitations: Page<InvitationView> }> {
  const client = api(request);
  const path = { code };
  const [members, invitations] = await Promise.all([
    ok(request, client.GET('/api/organisations/{code}/members', { params: { path, query: { pageSize: LIST_SIZE } } })),
    ok(request, client.GET('/api/organisations/{code}/invitations', { params: { path, query: { pageSize: LIST_SIZE } } })),
  ]);
  return { members, invitations };
}

/**
 * The two forms on an organisation's people section: invite someone (`intent=invite`) and make a
 * member an administrator or not (`intent=set-admin`). Call after the CSRF check.
 */
export async function handlePeopleAction(request: Request, session: SessionView, code: string, formData: FormData) {
  if (!canManage(session, code)) {
    throw data({ message: 'Only administrators of this organisation can manage its users.' }, { status: 403 });
  }
  const client = api(request, { csrfToken: session.csrfToken });
  const intent = formData.get('intent');

  if (intent === 'invite') {
    const values = keepValues(formData, ['email']);
    const parsed = parseForm(inviteSchema, formData);
    if (!parsed.success) return data<MemberActionResult>({ intent, errors: parsed.errors, values }, { status: 400 });
    const result = await attempt(
      client.POST('/api/organisations/{code}/invitations', {
        params: { path: { code } },
        body: { email: parsed.data.email, isAdmin: parsed.data.isAdmin },
      }),
    );
    if (result.ok) return { intent, errors: {}, notice: `Invitation sent to ${result.data.email}` } satisfies MemberActionResult;
    if (result.problem.status >= 500 || result.problem.status === 403) throwProblem(request, result.problem);
    return data<MemberActionResult>({ intent, ...problemToForm(result.problem, { email: 'email', isAdmin: 'isAdmin' }), values }, { status: result.problem.status });
  }

  if (intent === 'set-admin') {
    const parsed = parseForm(setAdminSchema, formData);
    if (!parsed.success) throw data({ message: 'That change could not be understood.' }, { status: 400 });
    const { userId, isAdmin } = parsed.data;
    const result = await attempt(
      client.PATCH('/api/organisations/{code}/members/{userId}', { params: { path: { code, userId } }, body: { isAdmin } }),
    );
    if (result.ok) {
      const who = result.data.name || result.data.email;
      return {
        intent,
        errors: {},
        notice: isAdmin ? `${who} is now an administrator` : `${who} is no longer an administrator`,
      } satisfies MemberActionResult;
    }
    if (result.problem.status >= 500 || result.problem.status === 403) throwProblem(request, result.problem);
    return data<MemberActionResult>({ intent, errors: {}, formError: result.problem.detail ?? result.problem.title }, { status: result.problem.status });
  }

  throw data({ message: 'Unknown action.' }, { status: 400 });
}
