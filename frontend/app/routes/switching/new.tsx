import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { attempt, api, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDate } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { RadioGroup } from '../orders/+shared/order';
import { formProblem, text, writer } from '../orders/+shared/order.server';
import { ACCREDITATION_NAME, currentSourceText } from './+shared/plan';
import type { Route } from './+types/new';

export const meta = titled('Plan a switch');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['practice_manager'], context);
  const options = await ok(request, api(request).GET('/api/switch-plans/options'));
  // A key per form: sending the same form twice makes one plan, not two.
  return { options, idempotencyKey: crypto.randomUUID() };
}

export async function action({ request }: Route.ActionArgs) {
  const { client } = await writer(request, ['practice_manager']);
  const formData = await readFormWithCsrf(request);
  const targetItemId = text(formData, 'targetItemId');
  const values = { targetItemId };
  const fields = { targetItemId: 'targetItemId' };
  if (!targetItemId) {
    return formProblem(request, { status: 400, code: 'validation', title: '', errors: [{ field: 'targetItemId', message: 'Choose the solution to move to' }] }, fields, values);
  }
  const key = text(formData, 'idempotencyKey');
  const result = await attempt(client.POST('/api/switch-plans', { body: { targetItemId }, headers: UUID.test(key) ? { 'Idempotency-Key': key } : {} }));
  if (!result.ok) return formProblem(request, result.problem, fields, values);
  return redirect(`/switching/${result.data.id}?created=1`);
}

export default function NewPlan({ loaderData, actionData }: Route.ComponentProps) {
  const { options, idempotencyKey } = loaderData;
  const { current, earliestSwitch, candidates } = options;
  const errors = actionData?.errors ?? {};
  const system = current.system;
  return (
    <>
      <p className="mb-4">
        <Link to="/switching">Back to switch plans</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">{options.practice.name}</span>
      <h1>Plan a switch</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} />

      <h2>Your current system</h2>
      <dl className="summary-list max-w-3xl">
        <div>
          <dt>System</dt>
          <dd>{system ? `${system.name} (${system.supplier.name})` : <span className="text-ink-secondary">Not known</span>}</dd>
        </div>
        <div>
          <dt>Where this comes from</dt>
          <dd>{currentSourceText(current)}</dd>
        </div>
        {current.contract ? (
          <div>
            <dt>Contract</dt>
            <dd>
              <Link to={`/contracts/${current.contract.id}`}>Order {current.contract.orderRef}</Link>: ends {formatDate(current.contract.endDate)}, notice
              period {current.contract.noticePeriodDays} days, notice deadline {formatDate(current.contract.noticeDeadline)}
            </dd>
          </div>
        ) : null}
        {system ? (
          <div>
            <dt>Capabilities</dt>
            <dd>{system.capabilities.join(', ') || 'None listed'}</dd>
          </div>
        ) : null}
        <div>
          <dt>Earliest switch date</dt>
          <dd>
            <strong data-testid="earliest-switch-date">{formatDate(earliestSwitch.date)}</strong>
            <br />
            <span className="text-ink-secondary">{earliestSwitch.explanation}</span>
          </dd>
        </div>
      </dl>

      <Form method="post" noValidate className="max-w-3xl">
        <CsrfInput />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        {candidates.length ? (
          <RadioGroup
            name="targetItemId"
            legend={<span className="text-2xl">Which solution do you want to move to?</span>}
            hint="Accredited (or conditionally accredited) solutions on the marketplace, those covering most of your current system’s capabilities first."
            options={candidates.map((c) => ({
              value: c.id,
              label: `${c.name} (${c.supplier.name})`,
              hint: (
                <>
                  {current.system ? (
                    <span className="block">
                      Covers {c.covered} of {c.of} of your current capabilities
                      {c.missing.length ? ` (not ${c.missing.join(', ')})` : ''}
                    </span>
                  ) : null}
                  <span className="block">
                    {ACCREDITATION_NAME[c.accreditationStatus ?? ''] ?? 'Not assessed'}
                    {c.clinicalSystem ? ', GP clinical system' : ''}
                    {c.orderable ? '' : ', cannot be ordered at the moment'}
                  </span>
                  <span className="block">Integrations: {c.integrations.length ? c.integrations.join(', ') : 'none listed'}</span>
                  {system?.listed ? (
                    <Link to={`/solutions/compare?items=${encodeURIComponent(system.id)}&items=${encodeURIComponent(c.id)}`}>
                      Compare {c.name} with {system.name}
                    </Link>
                  ) : (
                    <Link to={`/solutions/${c.id}`}>About {c.name}</Link>
                  )}
                </>
              ),
            }))}
            defaultValue={actionData?.values?.targetItemId}
            error={errors.targetItemId}
          />
        ) : (
          <p>There are no accredited solutions that cover your current system’s capabilities.</p>
        )}
        {candidates.length ? (
          <button type="submit" className="button">
            Make the plan
          </button>
        ) : null}
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
