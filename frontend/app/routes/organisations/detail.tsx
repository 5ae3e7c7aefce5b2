import { Link } from 'react-router';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { api, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { errorTitle, pageTitle } from '~/lib/meta';
import { ORGANISATION_TYPE_NAME, ROLE_HOME } from '~/lib/roles';
import { requireUser } from '~/lib/session.server';
import { handlePeopleAction, loadPeople } from './+shared/members.server';
import { InviteForm, Notice, PeopleSection } from './+shared/members';
import { OrganisationSummary } from './+shared/organisation-summary';
import type { Route } from './+types/detail';

export const meta: Route.MetaFunction = ({ data, error }) => [
  { title: error || !data ? errorTitle(error) : pageTitle(`${data.organisation.name} (${data.organisation.code})`) },
];

// Users belong only to practices, ICBs, sub-ICB locations, suppliers and the operator.
const INVITABLE = new Set(['practice', 'icb', 'sub_icb', 'supplier', 'operator']);

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const session = await requireUser(request, null, context);
  const code = params.code.toUpperCase();
  // The API answers 404 for anything outside the caller's area, which the error page explains.
  const organisation = await ok(request, api(request).GET('/api/organisations/{code}', { params: { path: { code } } }));
  const manage = session.role === 'operator' && INVITABLE.has(organisation.type);
  const people = manage ? await loadPeople(request, organisation.code) : null;
  return {
    organisation,
    people,
    email: session.user.email,
    directory: session.role === 'commissioner' || session.role === 'operator',
    home: ROLE_HOME[session.role],
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const formData = await readFormWithCsrf(request);
  const session = await requireUser(request);
  const code = params.code.toUpperCase();
  // Refuses anyone who may not manage this organisation's users (403).
  return handlePeopleAction(request, session, code, formData);
}

export default function OrganisationDetail({ loaderData, actionData }: Route.ComponentProps) {
  const { organisation, people, directory } = loaderData;
  return (
    <>
      {directory ? (
        <p>
          <Link to="/organisations">Back to organisations</Link>
        </p>
      ) : null}
      <span className="mb-2 block text-lg text-ink-secondary">{ORGANISATION_TYPE_NAME[organisation.type]}</span>
      <h1>{organisation.name}</h1>
      <Notice result={actionData} />
      <div className="max-w-3xl">
        <OrganisationSummary org={organisation} linkParents={directory} />
      </div>
      {people ? (
        <>
          <PeopleSection members={people.members} invitations={people.invitations} result={actionData} currentUserEmail={loaderData.email} />
          <InviteForm heading="Invite a user to this organisation" organisationName={organisation.name} result={actionData} />
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
