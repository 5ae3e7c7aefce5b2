import { data, Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SuccessNotice } from '~/components/notice';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { problemToForm, type FormResult } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/preferences';

export const meta = titled('Choose which alerts you get');

const GROUPS = ['notice-deadlines', 'end-dates', 'accreditation'] as const;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, null, context);
  const { preferences } = await ok(request, api(request).GET('/api/notification-preferences'));
  return { preferences, saved: new URL(request.url).searchParams.get('saved') === '1' };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requireUser(request, null, context);
  const formData = await readFormWithCsrf(request);
  const preferences = GROUPS.map((group) => ({ group, inApp: formData.get(`${group}.inApp`) === 'on', email: formData.get(`${group}.email`) === 'on' }));
  const result = await attempt(api(request, { csrfToken: session.csrfToken }).PUT('/api/notification-preferences', { body: { preferences } }));
  if (result.ok) return redirect('/notifications/preferences?saved=1');
  if (result.problem.status >= 500 || result.problem.status === 401 || result.problem.status === 403) throwProblem(request, result.problem);
  return data<FormResult>(problemToForm(result.problem, {}, 'Your choices could not be saved. Check them and try again.'), { status: result.problem.status });
}

export default function Preferences({ loaderData, actionData }: Route.ComponentProps) {
  const { preferences, saved } = loaderData;
  return (
    <>
      <p className="mb-4">
        <Link to="/notifications">Back to notifications</Link>
      </p>
      <h1>Choose which alerts you get</h1>
      <ErrorSummary errors={actionData?.errors} formError={actionData?.formError} />
      <SuccessNotice>{saved ? 'Your choices have been saved.' : null}</SuccessNotice>
      <p className="max-w-3xl">
        For each kind of alert, choose whether it appears on your notifications page, is emailed to you, both or neither. Changes apply to alerts raised
        from now on.
      </p>
      <Form method="post" noValidate className="max-w-3xl">
        <CsrfInput />
        {preferences.map((p) => (
          <fieldset key={p.group} className="mb-8" aria-describedby={`${p.group}-hint`}>
            <legend className="mb-2 text-xl font-bold">{p.label}</legend>
            <p id={`${p.group}-hint`} className="mb-4 text-ink-secondary">
              {p.hint}
            </p>
            <div className="flex flex-wrap gap-x-8">
              <Checkbox id={`${p.group}-in-app`} name={`${p.group}.inApp`} label="Show in notifications" defaultChecked={p.inApp} />
              <Checkbox id={`${p.group}-email`} name={`${p.group}.email`} label="Email me" defaultChecked={p.email} />
            </div>
          </fieldset>
        ))}
        <button type="submit" className="button">
          Save choices
        </button>
      </Form>
    </>
  );
}

function Checkbox({ id, name, label, defaultChecked }: { id: string; name: string; label: string; defaultChecked: boolean }) {
  return (
    <div className="mb-4 flex items-start gap-3">
      <input id={id} name={name} type="checkbox" defaultChecked={defaultChecked} className="mt-0.5 h-8 w-8 shrink-0 cursor-pointer accent-brand" />
      <label htmlFor={id} className="cursor-pointer pt-1 font-bold">
        {label}
      </label>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
