import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { CheckboxField } from '~/components/fields';
import { api, attempt, ok } from '~/lib/api/client.server';
import { PUBLICATION_STATUS_NAME } from '~/lib/catalogue';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { BackLink } from '../+shared/onboarding';
import { applicationId, formProblem, loadApplication, loadRound, writer } from '../+shared/onboarding.server';
import type { Route } from './+types/solutions';

export const meta = titled('Proposed solutions');

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const application = await loadApplication(request, applicationId(params));
  const [round, items] = await Promise.all([
    loadRound(request, application.frameworkId),
    ok(request, api(request).GET('/api/vendor/items', { params: { query: { type: 'solution', pageSize: 100 } } })),
  ]);
  return {
    application: { id: application.id, frameworkId: application.frameworkId, frameworkName: application.frameworkName, editable: application.editable, solutions: application.solutions, missing: application.missing },
    capabilities: round.capabilities,
    items: items.items.map((i) => ({ id: i.id, name: i.name, publicationStatus: i.publicationStatus, openVersionStatus: i.openVersionStatus })),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['vendor']);
  const formData = await readFormWithCsrf(request);
  const id = applicationId(params);
  const itemIds = formData.getAll('itemIds').filter((v): v is string => typeof v === 'string');
  const result = await attempt(client.PUT('/api/onboarding/applications/{id}/solutions', { params: { path: { id } }, body: { itemIds } }));
  if (result.ok) return redirect(`/vendor/applications/${id}?notice=solutions`);
  // "itemIds[0]" → the box of that item.
  const fields = Object.fromEntries(itemIds.map((itemId, i) => [`itemIds[${i}]`, `item-${itemId}`]));
  return formProblem(request, result.problem, { ...fields, itemIds: 'itemIds' });
}

export default function ProposedSolutions({ loaderData, actionData }: Route.ComponentProps) {
  const { application: a, capabilities, items } = loaderData;
  const proposed = new Set(a.solutions.map((s) => s.itemId));
  const errors = actionData?.errors ?? {};
  const capabilityName = (id: number) => capabilities.find((c) => c.id === id)?.ref ?? String(id);
  return (
    <>
      <BackLink to={`/vendor/applications/${a.id}`}>Back to your application</BackLink>
      <span className="mb-2 block text-lg text-ink-secondary">{a.frameworkName}</span>
      <h1>Proposed solutions</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />
      <p className="max-w-3xl">
        Propose your catalogue solutions for this framework. Each must claim at least one of the capabilities it covers (
        {capabilities.map((c) => `${c.ref} ${c.name}`).join('; ')}) and name {a.frameworkId} among its frameworks. Drafts are fine: they are
        published only after you are on the framework.
      </p>
      {a.solutions.length ? (
        <section aria-labelledby="proposed-heading" className="mb-8 max-w-3xl">
          <h2 id="proposed-heading" className="text-xl">
            Proposed now
          </h2>
          <ul className="list-disc pl-5">
            {a.solutions.map((s) => (
              <li key={s.itemId}>
                <Link to={`/vendor/items/${s.itemId}`}>{s.name}</Link> ({s.itemId}):{' '}
                {s.frameworkCapabilityIds.length ? `claims ${s.frameworkCapabilityIds.map(capabilityName).join(', ')}` : 'claims none of the framework’s capabilities'};{' '}
                {s.namesFramework ? `names ${a.frameworkId}` : `does not name ${a.frameworkId} yet`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {a.editable ? (
        <Form method="post" noValidate className="max-w-3xl">
          <CsrfInput />
          {items.length ? (
            <fieldset className="mb-6">
              <legend className="mb-3 text-xl font-bold">Your solutions</legend>
              {items.map((i) => (
                <CheckboxField
                  key={i.id}
                  id={`item-${i.id}`}
                  name="itemIds"
                  value={i.id}
                  label={`${i.name} (${i.id})`}
                  hint={i.openVersionStatus === 'draft' ? `${PUBLICATION_STATUS_NAME[i.publicationStatus] ?? i.publicationStatus}, with a draft` : (PUBLICATION_STATUS_NAME[i.publicationStatus] ?? i.publicationStatus)}
                  defaultChecked={proposed.has(i.id)}
                  error={errors[`item-${i.id}`]}
                />
              ))}
            </fieldset>
          ) : (
            <p>You have no catalogue solutions yet.</p>
          )}
          <p>
            <Link to="/vendor/items">Create a new solution listing</Link> (add an item of type Solution, then fill in its capabilities and frameworks),
            then come back here.
          </p>
          <button type="submit" className="button">
            Save and return
          </button>
        </Form>
      ) : (
        <p>Your application can no longer be changed.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
