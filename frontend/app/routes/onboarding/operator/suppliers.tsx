import { Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextField } from '~/components/fields';
import { SuccessNotice } from '~/components/notice';
import { api, attempt, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDateTime } from '~/lib/format';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { BackLink } from '../+shared/onboarding';
import { formProblem, text, writer } from '../+shared/onboarding.server';
import type { Route } from './+types/suppliers';

export const meta = titled('Suppliers');

const CODE = /^[0-9]{5}$/;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const q = new URL(request.url).searchParams;
  const all = await ok(request, api(request).GET('/api/onboarding/suppliers'));
  const showAll = q.get('all') === '1';
  // Registered here, or a possible duplicate of one: imported suppliers only on request.
  const suppliers = showAll ? all : all.filter((s) => s.registeredAt || s.possibleDuplicates.length);
  const selected = all.find((s) => s.code === q.get('supplier')) ?? null;
  return { suppliers, total: all.length, showAll, selected, notice: noticeText(q) };
}

/**
 * The confirmation after a redirect, built from checked codes and counts: the query string is never
 * shown as text, so a crafted link cannot put words on this page.
 */
function noticeText(q: URLSearchParams): string | null {
  const count = (k: string) => (/^\d{1,9}$/.test(q.get(k) ?? '') ? Number(q.get(k)) : null);
  const from = q.get('from') ?? '';
  const into = q.get('into') ?? '';
  if (q.get('notice') === 'merged' && CODE.test(from) && CODE.test(into) && count('users') !== null && count('items') !== null) {
    return `Supplier ${from} has been merged into ${into}: ${count('users')} users and ${count('items')} items moved.`;
  }
  if (q.get('notice') === 'suspended' && CODE.test(from)) return `Supplier ${from} has been suspended.`;
  return null;
}

export async function action({ request }: Route.ActionArgs) {
  const { client } = await writer(request, ['operator']);
  const formData = await readFormWithCsrf(request);
  const code = text(formData, 'code');
  if (!CODE.test(code)) return formProblem(request, { status: 400, code: 'validation', title: 'Choose a supplier' }, {});
  const reason = text(formData, 'reason');
  if (formData.get('intent') === 'merge') {
    const intoCode = text(formData, 'intoCode');
    const result = await attempt(client.POST('/api/onboarding/suppliers/{code}/merge', { params: { path: { code } }, body: { intoCode, reason } }));
    if (result.ok) {
      const { from, into, usersMoved, itemsMoved } = result.data;
      return redirect(`/operator/suppliers?${new URLSearchParams({ notice: 'merged', from, into, users: String(usersMoved), items: String(itemsMoved) })}`);
    }
    return formProblem(request, result.problem, { intoCode: 'intoCode', reason: 'merge-reason' }, { intent: 'merge', intoCode, 'merge-reason': reason });
  }
  const result = await attempt(client.POST('/api/onboarding/suppliers/{code}/suspend', { params: { path: { code } }, body: { reason } }));
  if (result.ok) return redirect(`/operator/suppliers?${new URLSearchParams({ notice: 'suspended', from: code })}`);
  return formProblem(request, result.problem, { reason: 'suspend-reason' }, { intent: 'suspend', 'suspend-reason': reason });
}

export default function OperatorSuppliers({ loaderData, actionData }: Route.ComponentProps) {
  const { suppliers, total, showAll, selected, notice } = loaderData;
  const errors = actionData?.errors ?? {};
  const values = actionData?.values ?? {};
  return (
    <>
      <BackLink to="/operator">Back to your home page</BackLink>
      {notice && !actionData ? <SuccessNotice>{notice}</SuccessNotice> : null}
      <h1>Suppliers</h1>
      <p className="max-w-3xl">
        Suppliers that registered here, newest first, with possible duplicates (the same Companies House number).{' '}
        {showAll ? <Link to="/operator/suppliers">Show registrations only</Link> : <Link to="/operator/suppliers?all=1">Show all {total} suppliers</Link>}
      </p>
      {selected ? (
        <section aria-labelledby="selected-heading" className="card mb-10 max-w-3xl">
          <h2 id="selected-heading">
            {selected.name} ({selected.code})
          </h2>
          <ErrorSummary errors={errors} formError={actionData?.formError} />
          {selected.status === 'active' ? (
            <>
              <Form method="post" noValidate className="mb-8">
                <h3 className="text-lg">Suspend</h3>
                <p>Its listings are hidden and its users (of no other organisation) are disabled and signed out.</p>
                <CsrfInput />
                <input type="hidden" name="code" value={selected.code} />
                <TextField id="suspend-reason" name="reason" label="Reason for suspending" defaultValue={values['suspend-reason']} error={errors['suspend-reason']} />
                <button type="submit" name="intent" value="suspend" className="button button-warning">
                  Suspend {selected.code}
                </button>
              </Form>
              <Form method="post" noValidate>
                <h3 className="text-lg">Merge into another supplier</h3>
                <p>Its users, catalogue items, applications and framework places move to the supplier you keep; this one is suspended.</p>
                <CsrfInput />
                <input type="hidden" name="code" value={selected.code} />
                <TextField
                  name="intoCode"
                  label="Code of the supplier to keep"
                  hint={selected.possibleDuplicates.length ? `Possible duplicates: ${selected.possibleDuplicates.join(', ')}` : '5 digits'}
                  inputMode="numeric"
                  className="max-w-xs"
                  defaultValue={values.intoCode ?? selected.possibleDuplicates[0]}
                  error={errors.intoCode}
                />
                <TextField id="merge-reason" name="reason" label="Reason for merging" defaultValue={values['merge-reason']} error={errors['merge-reason']} />
                <button type="submit" name="intent" value="merge" className="button button-warning mb-0">
                  Merge {selected.code}
                </button>
              </Form>
            </>
          ) : (
            <p className="mb-0">This supplier is {selected.mergedInto ? `merged into ${selected.mergedInto}` : 'suspended'}.</p>
          )}
        </section>
      ) : null}
      {suppliers.length ? (
        <DataTable id="suppliers" caption="Suppliers">
          <thead>
            <tr>
              <th scope="col">Supplier</th>
              <th scope="col">Companies House</th>
              <th scope="col">Status</th>
              <th scope="col">Users</th>
              <th scope="col">Registered</th>
              <th scope="col">Possible duplicates</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {suppliers.map((s) => (
              <tr key={s.code}>
                <td>
                  <Link to={`/organisations/${s.code}`}>{s.name}</Link> ({s.code})
                </td>
                <td>{s.companiesHouseNumber ?? ''}</td>
                <td>{s.mergedInto ? `Merged into ${s.mergedInto}` : s.status === 'active' ? 'Active' : 'Suspended'}</td>
                <td>{s.users}</td>
                <td>{s.registeredAt ? formatDateTime(s.registeredAt) : 'Imported'}</td>
                <td>{s.possibleDuplicates.join(', ')}</td>
                <td>
                  {s.status === 'active' ? (
                    <Link to={`/operator/suppliers?supplier=${s.code}${showAll ? '&all=1' : ''}`} aria-label={`Suspend or merge ${s.name}`}>
                      Suspend or merge
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>No supplier has registered yet.</p>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
