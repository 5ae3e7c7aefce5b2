import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { FieldError, CheckboxField, TextAreaField, TextField } from '~/components/fields';
import { SuccessNotice } from '~/components/notice';
import { api, attempt, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { cx } from '~/lib/cx';
import { formatDate, formatDateTime } from '~/lib/format';
import { keepValues } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { formProblem, rememberSolution, text, writer } from '../orders/+shared/order.server';
import { AccreditationTag, currentSourceText, PlanStatusTag, STEP_STATUS_NAME } from './+shared/plan';
import { planId } from './+shared/plan.server';
import type { Route } from './+types/plan';

export const meta = titled('Switch plan');

const STEP_STATUSES = ['not_started', 'in_progress', 'done'] as const;
type StepStatus = (typeof STEP_STATUSES)[number];
const STEP_KEYS = ['give_notice', 'order', 'data_migration', 'integrations', 'training', 'go_live', 'decommission'] as const;
type StepKey = (typeof STEP_KEYS)[number];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['practice_manager', 'commissioner', 'operator'], context);
  const id = planId(params);
  const plan = await ok(request, api(request).GET('/api/switch-plans/{id}', { params: { path: { id } } }));
  const q = new URL(request.url).searchParams;
  return { plan, created: q.get('created') === '1', saved: q.get('saved') === '1', terminated: q.get('terminated') === '1' };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request, ['practice_manager']);
  const formData = await readFormWithCsrf(request);
  const id = planId(params);
  const intent = text(formData, 'intent');

  if (intent === 'steps') {
    const keys = formData.getAll('key').filter((k): k is StepKey => typeof k === 'string' && (STEP_KEYS as readonly string[]).includes(k));
    const steps = keys.map((key) => {
      const status = text(formData, `status.${key}`);
      return { key, dueDate: text(formData, `dueDate.${key}`), status: ((STEP_STATUSES as readonly string[]).includes(status) ? status : 'not_started') as StepStatus };
    });
    const values: Record<string, string> = { intent, ...keepValues(formData, keys.flatMap((k) => [`dueDate.${k}`, `status.${k}`])) };
    if (formData.get('acknowledgeOverlap')) values.acknowledgeOverlap = 'true';
    const fields = Object.fromEntries(keys.flatMap((k) => [[`steps.${k}.dueDate`, `dueDate.${k}`], [`steps.${k}.status`, `status.${k}`]]));
    const result = await attempt(
      client.PUT('/api/switch-plans/{id}/steps', { params: { path: { id } }, body: { steps, acknowledgeOverlap: formData.get('acknowledgeOverlap') === 'yes' } }),
    );
    if (result.ok) return redirect(`/switching/${id}?saved=1`);
    return formProblem(request, result.problem, fields, values);
  }

  if (intent === 'order') {
    const values = { intent, ...keepValues(formData, ['supplierName', 'supplierEmail']) };
    const result = await attempt(
      client.POST('/api/switch-plans/{id}/order', {
        params: { path: { id } },
        body: { supplierContact: { name: text(formData, 'supplierName'), email: text(formData, 'supplierEmail') } },
      }),
    );
    if (!result.ok) return formProblem(request, result.problem, { 'supplierContact.name': 'supplierName', 'supplierContact.email': 'supplierEmail', supplierContact: 'supplierName' }, values);
    const ref = result.data.orderRef!;
    // The order's supplier and items steps suggest the plan's target.
    return redirect(`/orders/${ref}?started=1`, { headers: { 'Set-Cookie': rememberSolution(ref, result.data.target.id) } });
  }

  if (intent === 'terminate') {
    const values = { intent, ...keepValues(formData, ['reason', 'terminationDate']) };
    const result = await attempt(
      client.POST('/api/switch-plans/{id}/terminate-current', {
        params: { path: { id } },
        body: { reason: text(formData, 'reason'), terminationDate: text(formData, 'terminationDate') },
      }),
    );
    if (result.ok) return redirect(`/switching/${id}?terminated=1`);
    return formProblem(request, result.problem, { reason: 'reason', terminationDate: 'terminationDate' }, values);
  }
  return formProblem(request, { status: 400, code: 'validation', title: 'Unknown action', detail: 'Something went wrong with the form: try again.' }, {}, {});
}

export default function Plan({ loaderData, actionData }: Route.ComponentProps) {
  const { plan, created, saved, terminated } = loaderData;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  const intent = values.intent;
  const current = plan.current;
  const currentName = current.system?.name ?? plan.currentName ?? 'Current system';
  const goLive = plan.steps.find((s) => s.key === 'go_live')?.dueDate ?? plan.goLiveDate;
  const contract = current.contract;
  const suggestedTermination = plan.earliestSwitch.terminationDate && goLive > plan.earliestSwitch.terminationDate && contract && goLive <= contract.endDate ? goLive : plan.earliestSwitch.terminationDate;
  return (
    <>
      <p className="mb-4">
        <Link to="/switching">Back to switch plans</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">
        {plan.practice.name} ({plan.practice.code})
      </span>
      <h1>Switch to {plan.targetName}</h1>
      {created ? <SuccessNotice>Your switch plan has been made. Check the dates below and change them if you need to.</SuccessNotice> : null}
      {saved ? <SuccessNotice>The timeline has been saved.</SuccessNotice> : null}
      {terminated ? <SuccessNotice>The current contract’s termination has been scheduled for {formatDate(plan.terminationDate)}. The supplier has been told.</SuccessNotice> : null}
      <ErrorSummary errors={errors} formError={actionData?.formError} />

      <dl className="summary-list max-w-3xl">
        <div>
          <dt>Status</dt>
          <dd>
            <PlanStatusTag status={plan.status} />
          </dd>
        </div>
        <div>
          <dt>Moving from</dt>
          <dd>
            {current.system ? `${current.system.name} (${current.system.supplier.name})` : (plan.currentName ?? 'Not known')}
            <br />
            <span className="text-ink-secondary">{currentSourceText(current)}</span>
          </dd>
        </div>
        {contract ? (
          <div>
            <dt>Current contract</dt>
            <dd>
              <Link to={`/contracts/${contract.id}`}>Order {contract.orderRef}</Link>: ends {formatDate(contract.endDate)}, {contract.noticePeriodDays} days’ notice,
              notice deadline {formatDate(contract.noticeDeadline)}
              {contract.terminationDate ? `; ending early on ${formatDate(contract.terminationDate)}` : ''}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Moving to</dt>
          <dd>
            <Link to={`/solutions/${plan.target.id}`}>{plan.target.name}</Link> ({plan.target.supplier.name})
          </dd>
        </div>
        <div>
          <dt>Earliest switch date</dt>
          <dd>
            <strong data-testid="earliest-switch-date">{formatDate(plan.earliestSwitch.date)}</strong>
            <br />
            <span className="text-ink-secondary">{plan.earliestSwitch.explanation}</span>
          </dd>
        </div>
        <div>
          <dt>Order</dt>
          <dd>{plan.orderRef ? <Link to={`/orders/${plan.orderRef}`}>Order {plan.orderRef}</Link> : 'Not started yet'}</dd>
        </div>
      </dl>

      <h2>{currentName} and {plan.targetName} side by side</h2>
      {plan.comparison.map((section, i) =>
        section.rows.length ? (
          <div key={section.title} className="mb-8">
            <h3 className="text-xl">{section.title}</h3>
            <DataTable id={`compare-${i}`} caption={`${section.title}: ${currentName} and ${plan.targetName}`}>
              <thead>
                <tr>
                  <th scope="col">{section.title}</th>
                  <th scope="col">{currentName} (current)</th>
                  <th scope="col">{plan.targetName}</th>
                </tr>
              </thead>
              <tbody>
                {section.rows.map((r) => (
                  <tr key={r.label} className={cx(r.differs && 'bg-warm-yellow/40')}>
                    <th scope="row" className="font-normal">
                      {r.label}
                      {r.differs ? <span className="sr-only"> (differs)</span> : null}
                    </th>
                    <td>{r.current}</td>
                    <td>{r.target}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          </div>
        ) : null,
      )}
      <p>
        Accreditation of {plan.target.name}: <AccreditationTag status={plan.target.accreditationStatus} />
      </p>

      <h2 id="timeline">Timeline</h2>
      {plan.canEdit ? (
        <Form method="post" noValidate aria-labelledby="timeline">
          <CsrfInput />
          <input type="hidden" name="intent" value="steps" />
          <p className="max-w-3xl">
            Dates are proposed from the earliest switch date. Change any date or progress and save. Preparation comes before go-live, decommissioning after it.
          </p>
          <DataTable id="steps" caption="Timeline of the switch: each step’s date and progress">
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Date</th>
                <th scope="col">Progress</th>
              </tr>
            </thead>
            <tbody>
              {plan.steps.map((s) => {
                const dateName = `dueDate.${s.key}`;
                const statusName = `status.${s.key}`;
                const error = intent === 'steps' ? errors[dateName] : undefined;
                return (
                  <tr key={s.key}>
                    <th scope="row" className="font-normal">
                      <input type="hidden" name="key" value={s.key} />
                      <span id={`step-${s.key}`}>{s.title}</span>
                      {s.completedAt ? <span className="block text-ink-secondary">Done {formatDateTime(s.completedAt)}</span> : null}
                    </th>
                    <td className={cx(error && 'border-l-4 border-danger')}>
                      <label htmlFor={dateName} className="sr-only">
                        Date: {s.title}
                      </label>
                      <FieldError id={`${dateName}`} error={error} />
                      <input
                        id={dateName}
                        name={dateName}
                        type="date"
                        className={cx('input w-44', error && 'input-error')}
                        defaultValue={intent === 'steps' ? (values[dateName] ?? s.dueDate) : s.dueDate}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${dateName}-error` : undefined}
                      />
                    </td>
                    <td>
                      <label htmlFor={statusName} className="sr-only">
                        Progress: {s.title}
                      </label>
                      <select id={statusName} name={statusName} className="input h-10 w-auto" defaultValue={intent === 'steps' ? (values[statusName] ?? s.status) : s.status}>
                        {STEP_STATUSES.map((st) => (
                          <option key={st} value={st}>
                            {STEP_STATUS_NAME[st]}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </DataTable>
          <div className="mt-4">
            <CheckboxField
              name="acknowledgeOverlap"
              value="yes"
              label="Go live before the earliest switch date"
              hint={`Only if you accept paying for both systems until the current contract ends (earliest switch date ${formatDate(plan.earliestSwitch.date)}).`}
              defaultChecked={intent === 'steps' && values.acknowledgeOverlap === 'true'}
            />
          </div>
          <button type="submit" className="button">
            Save timeline
          </button>
        </Form>
      ) : (
        <DataTable id="steps" caption="Timeline of the switch: each step’s date and progress">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Date</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {plan.steps.map((s) => (
              <tr key={s.key}>
                <th scope="row" className="font-normal">
                  {s.title}
                </th>
                <td>{formatDate(s.dueDate)}</td>
                <td>{STEP_STATUS_NAME[s.status] ?? s.status}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}

      {plan.canStartOrder ? (
        <section aria-labelledby="start-order" className="mt-10 max-w-2xl">
          <h2 id="start-order">Start the order</h2>
          <p>
            An order for {plan.target.name} from {plan.target.supplier.name} is started for your practice, with its description and supplier filled in. You then
            complete its other steps.
          </p>
          <Form method="post" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="order" />
            <h3 className="text-xl">The supplier’s contact for this order</h3>
            <TextField name="supplierName" label="Supplier contact’s full name" defaultValue={values.supplierName} error={intent === 'order' ? errors.supplierName : undefined} />
            <TextField
              name="supplierEmail"
              type="email"
              label="Supplier contact’s email address"
              spellCheck={false}
              defaultValue={values.supplierEmail}
              error={intent === 'order' ? errors.supplierEmail : undefined}
            />
            <button type="submit" className="button">
              Start the order
            </button>
          </Form>
        </section>
      ) : null}

      {plan.canScheduleTermination && contract ? (
        <section aria-labelledby="schedule-termination" className="mt-10 max-w-2xl">
          <h2 id="schedule-termination">Schedule the old contract’s termination</h2>
          {plan.earliestSwitch.terminationDate ? (
            <>
              <p>
                Give notice on the {currentName} contract (order {contract.orderRef}). With {contract.noticePeriodDays} days’ notice, the earliest date it can end is{' '}
                {formatDate(plan.earliestSwitch.terminationDate)}; the latest is its end date, {formatDate(contract.endDate)}. The supplier is told.
              </p>
              <Form method="post" noValidate>
                <CsrfInput />
                <input type="hidden" name="intent" value="terminate" />
                <TextAreaField
                  name="reason"
                  label="Why are you ending the contract?"
                  rows={3}
                  maxLength={1000}
                  defaultValue={values.reason ?? `Switching to ${plan.target.name}`}
                  error={intent === 'terminate' ? errors.reason : undefined}
                />
                <TextField
                  name="terminationDate"
                  type="date"
                  label="Date the contract ends"
                  hint={`On or after ${formatDate(plan.earliestSwitch.terminationDate)} and on or before ${formatDate(contract.endDate)}.`}
                  className="max-w-48"
                  defaultValue={values.terminationDate ?? suggestedTermination ?? ''}
                  error={intent === 'terminate' ? errors.terminationDate : undefined}
                />
                <button type="submit" className="button button-warning">
                  Schedule the termination
                </button>
              </Form>
            </>
          ) : (
            <p>
              The notice deadline has passed, so the contract runs to its end date ({formatDate(contract.endDate)}) and ends then without being terminated.
            </p>
          )}
        </section>
      ) : null}
      {plan.terminationDate ? (
        <p className="mt-6">
          The current contract’s termination is scheduled for <strong>{formatDate(plan.terminationDate)}</strong>.
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
