import { redirect } from 'react-router';
import { z } from 'zod';
import { api, attempt, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { parseForm } from '~/lib/forms';
import { ROLE_HOME } from '~/lib/roles';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/switch-organisation';

const schema = z.object({ membershipId: z.uuid({ message: 'Choose an organisation' }) });

export function loader() {
  return redirect('/');
}

/** The header's "Acting for" switcher: act for another organisation, starting at its home page. */
export async function action({ request }: Route.ActionArgs) {
  const formData = await readFormWithCsrf(request);
  const session = await requireUser(request);
  const parsed = parseForm(schema, formData);
  if (!parsed.success) throw redirect(ROLE_HOME[session.role]);
  const result = await attempt(
    api(request, { csrfToken: session.csrfToken }).PUT('/api/auth/session/membership', { body: { membershipId: parsed.data.membershipId } }),
  );
  if (!result.ok) throwProblem(request, result.problem);
  return redirect(ROLE_HOME[result.data.role]);
}
