import { data, Form, Link, redirect } from 'react-router';
import { z } from 'zod';
import { CsrfInput } from '~/components/csrf-input';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SelectField, TextField } from '~/components/fields';
import { StatusTag } from '~/components/status-tag';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import { accreditationName, ITEM_TYPE_NAME, options, PUBLICATION_STATUS_NAME, VERSION_STATUS_NAME } from '~/lib/catalogue';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDate } from '~/lib/format';
import { keepValues, parseForm, problemToForm, type FormResult } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { useFormErrors } from '~/lib/use-form-errors';
import type { Route } from './+types/items';

export const meta = titled('Your catalogue items');

const createSchema = z
  .object({
    type: z.enum(['solution', 'additional_service', 'associated_service'], { message: 'Select the type of item' }),
    name: z.string().trim().min(1, 'Enter a name').max(100, 'Name must be 100 characters or fewer'),
    parentSolutionId: z.string().trim().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'additional_service' && !v.parentSolutionId) {
      ctx.addIssue({ code: 'custom', path: ['parentSolutionId'], message: 'Select the solution this additional service adds to' });
    }
  });

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const items = await ok(request, api(request).GET('/api/vendor/items', { params: { query: { pageSize: 100, sort: 'id' } } }));
  return { items };
}

export async function action({ request }: Route.ActionArgs) {
  const session = await requireUser(request, ['vendor']);
  const formData = await readFormWithCsrf(request);
  const values = keepValues(formData, ['type', 'name', 'parentSolutionId']);
  const parsed = parseForm(createSchema, formData);
  if (!parsed.success) return data<FormResult>({ errors: parsed.errors, values }, { status: 400 });
  const { type, name, parentSolutionId } = parsed.data;
  const result = await attempt(
    api(request, { csrfToken: session.csrfToken }).POST('/api/vendor/items', {
      body: { type, name, ...(type === 'additional_service' && parentSolutionId ? { parentSolutionId } : {}) },
    }),
  );
  if (result.ok) return redirect(`/vendor/items/${result.data.id}`);
  if (result.problem.status >= 500 || result.problem.status === 403) throwProblem(request, result.problem);
  return data<FormResult>({ ...problemToForm(result.problem, { type: 'type', name: 'name', parentSolutionId: 'parentSolutionId' }), values }, { status: result.problem.status });
}

export default function VendorItems({ loaderData, actionData }: Route.ComponentProps) {
  const { items } = loaderData;
  const { errors, formError, onSubmit } = useFormErrors(createSchema, actionData);
  const solutions = items.items.filter((i) => i.type === 'solution');
  return (
    <>
      <h1>Your catalogue items</h1>
      <p className="max-w-3xl">
        Each item has a live listing buyers see and, while you are changing it, a draft. Changes reach buyers only after
        the marketplace team approves them.
      </p>
      {items.items.length ? (
        <DataTable id="items" caption="Your catalogue items">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Type</th>
              <th scope="col">Publication</th>
              <th scope="col">Changes in progress</th>
              <th scope="col">Accreditation</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {items.items.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/vendor/items/${i.id}`}>{i.name}</Link>
                  <br />
                  <span className="text-ink-secondary">{i.id}</span>
                </td>
                <td>{ITEM_TYPE_NAME[i.type]}</td>
                <td>
                  <StatusTag status={i.publicationStatus}>{PUBLICATION_STATUS_NAME[i.publicationStatus]}</StatusTag>
                </td>
                <td>{i.openVersionStatus ? `${VERSION_STATUS_NAME[i.openVersionStatus]} (version ${i.openVersion})` : 'None'}</td>
                <td>{i.type === 'solution' ? accreditationName(i.accreditationStatus) : 'Not applicable'}</td>
                <td>{formatDate(i.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p>You have no catalogue items yet.</p>
      )}
      {items.total > items.items.length ? (
        <p className="mt-2 text-ink-secondary">
          Showing the first {items.items.length} of {items.total} items.
        </p>
      ) : null}

      <section aria-labelledby="add-heading" className="card mt-10 max-w-2xl">
        <h2 id="add-heading">Add an item</h2>
        <ErrorSummary errors={errors} formError={formError} fieldIds={{ type: 'new-type', name: 'new-name', parentSolutionId: 'new-parent' }} />
        <Form method="post" noValidate onSubmit={onSubmit}>
          <CsrfInput />
          <SelectField
            id="new-type"
            name="type"
            label="Type of item"
            options={options(ITEM_TYPE_NAME)}
            defaultValue={actionData?.values?.type ?? 'solution'}
            error={errors.type}
          />
          <TextField id="new-name" name="name" label="Name" defaultValue={actionData?.values?.name} error={errors.name} />
          <SelectField
            id="new-parent"
            name="parentSolutionId"
            label="Solution it adds to (additional services only)"
            hint="Leave as it is for solutions and associated services."
            options={[{ value: '', label: 'Not an additional service' }, ...solutions.map((s) => ({ value: s.id, label: `${s.name} (${s.id})` }))]}
            defaultValue={actionData?.values?.parentSolutionId ?? ''}
            error={errors.parentSolutionId}
          />
          <button type="submit" className="button">
            Add item
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
