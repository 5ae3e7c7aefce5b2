import { GeneralErrorBoundary } from '~/components/error-boundary';
import { api, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { canManage, handlePeopleAction, loadPeople } from './+shared/members.server';
import { InviteForm, Notice, PeopleSection } from './+shared/members';
import { OrganisationSummary } from './+shared/organisation-summary';
import type { Route } from './+types/my-organisation';

export const meta = titled('My organisation');

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireUser(request, null, context);
  const code = session.organisation.code;
  const manage = canManage(session, code);
  const [organisation, people] = await Promise.all([
    ok(request, api(request).GET('/api/organisations/{code}', { params: { path: { code } } })),
    manage ? loadPeople(request, code) : null,
  ]);
  return { organisation, people, role: session.role, email: session.user.email, isAdmin: session.isAdmin };
}

export async function action({ request }: Route.ActionArgs) {
  const formData = await readFormWithCsrf(request);
  const session = await requireUser(request);
  return handlePeopleAction(request, session, session.organisation.code, formData);
}

export default function MyOrganisation({ loaderData, actionData }: Route.ComponentProps) {
  const { organisation, people } = loaderData;
  const directory = loaderData.role === 'commissioner' || loaderData.role === 'operator';
  return (
    <>
      <span className="mb-2 block text-lg text-ink-secondary">My organisation</span>
      <h1>{organisation.name}</h1>
      <Notice result={actionData} />
      <div className="max-w-3xl">
        <h2>Details</h2>
        <p className="text-ink-secondary">From the NHS Organisation Data Service (ODS).</p>
        <OrganisationSummary org={organisation} linkParents={directory} />
      </div>
      {people ? (
        <>
          <PeopleSection members={people.members} invitations={people.invitations} result={actionData} currentUserEmail={loaderData.email} />
          <InviteForm heading="Invite a colleague" organisationName={organisation.name} result={actionData} />
        </>
      ) : (
        <p className="max-w-2xl">
          To invite colleagues or change who can administer this organisation, ask one of its administrators.
        </p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
