import { Form, Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { CheckboxField, SelectField, TextField } from '~/components/fields';
import { Pagination } from '~/components/pagination';
import { attempt, api, throwProblem } from '~/lib/api/client.server';
import { formatDate, formatNumber } from '~/lib/format';
import type { FieldErrors } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { ContractStatusTag, formatPence } from '../orders/+shared/order';
import { EnforcementFlag } from './flag';
import type { Route } from './+types/list';

export const meta = titled('Contract register');

const PAGE_SIZE = 25;
const FILTERS = ['subIcb', 'pcn', 'practice', 'supplier', 'capability', 'status', 'noticeWithinDays', 'flagged', 'sort'] as const;
type Filter = (typeof FILTERS)[number];

const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  { value: 'pending', label: 'Pending' },
  { value: 'active', label: 'Active' },
  { value: 'terminated', label: 'Terminated' },
  { value: 'ended', label: 'Ended' },
];
const SORT_OPTIONS = [
  { value: '', label: 'Notice deadline, soonest first' },
  { value: 'endDate', label: 'End date, soonest first' },
  { value: '-value', label: 'Value, highest first' },
  { value: 'supplier', label: 'Supplier, A to Z' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireUser(request, ['commissioner', 'operator'], context);
  const url = new URL(request.url);
  const values = Object.fromEntries(FILTERS.map((f) => [f, url.searchParams.get(f)?.trim() ?? ''])) as Record<Filter, string>;
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  // Only filled-in filters go to the API (an empty field means "any").
  const filters = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  const query = new URLSearchParams(filters).toString();
  const result = await attempt(
    api(request).GET('/api/register/contracts', { params: { query: { ...filters, page, pageSize: PAGE_SIZE } as never } }),
  );
  if (result.ok) return { register: result.data, values, query, search: url.searchParams.toString(), errors: {} as FieldErrors, formError: undefined, role: session.role };
  const problem = result.problem;
  // Bad filters are shown on their fields; a filter outside the user's area (404) is shown above the form.
  if (problem.status !== 400 && problem.status !== 404) throwProblem(request, problem);
  const errors: FieldErrors = {};
  for (const e of problem.errors ?? []) if ((FILTERS as readonly string[]).includes(e.field)) errors[e.field] ??= e.message;
  const formError = Object.keys(errors).length ? undefined : (problem.detail ?? problem.title);
  return { register: null, values, query, search: url.searchParams.toString(), errors, formError, role: session.role };
}

export default function Register({ loaderData }: Route.ComponentProps) {
  const { register, values, query, search, errors, formError, role } = loaderData;
  const csvHref = `/api/register/contracts.csv${query ? `?${query}` : ''}`;
  return (
    <>
      <h1>Contract register</h1>
      <p className="max-w-3xl">
        {role === 'operator' ? 'Every contract in the marketplace' : 'Contracts for the practices in your area'}, soonest notice deadline first.
        Contracts for a solution whose accreditation has lapsed or failed are flagged.
      </p>
      <ErrorSummary errors={errors} formError={formError} />
      <div className="grid gap-8 lg:grid-cols-4">
        <Form method="get" className="lg:col-span-1" aria-labelledby="filters-heading">
          <h2 id="filters-heading" className="text-xl">
            Filter contracts
          </h2>
          <TextField
            name="noticeWithinDays"
            label="Notice deadline within (days)"
            hint="For example, 180"
            inputMode="numeric"
            className="w-24"
            defaultValue={values.noticeWithinDays}
            error={errors.noticeWithinDays}
          />
          <SelectField name="status" label="Status" options={STATUS_OPTIONS} defaultValue={values.status} error={errors.status} />
          <TextField name="subIcb" label="Sub-ICB location ODS code" className="w-32" defaultValue={values.subIcb} error={errors.subIcb} />
          <TextField name="pcn" label="PCN ODS code" className="w-32" defaultValue={values.pcn} error={errors.pcn} />
          <TextField name="practice" label="Practice ODS code" className="w-32" defaultValue={values.practice} error={errors.practice} />
          <TextField name="supplier" label="Supplier code" className="w-32" defaultValue={values.supplier} error={errors.supplier} />
          <TextField name="capability" label="Capability" hint="A reference, like C1" className="w-24" defaultValue={values.capability} error={errors.capability} />
          <CheckboxField name="flagged" value="true" label="Only flagged contracts" defaultChecked={values.flagged === 'true'} error={errors.flagged} />
          <SelectField name="sort" label="Sort by" options={SORT_OPTIONS} defaultValue={values.sort} error={errors.sort} />
          <button type="submit" className="button">
            Apply filters
          </button>
          <p className="mt-4">
            <Link to="/register">Clear filters</Link>
          </p>
        </Form>
        <div className="lg:col-span-3">
          {register ? (
            <>
              <p role="status" data-testid="register-count">
                {register.total === 0
                  ? 'No contracts found.'
                  : register.totalIsCapped
                    ? `More than ${formatNumber(register.totalCap)} contracts`
                    : `${formatNumber(register.total)} ${register.total === 1 ? 'contract' : 'contracts'}`}
              </p>
              {register.total > 0 ? (
                <p>
                  <a href={csvHref} download>
                    Download CSV<span className="sr-only"> of the contracts matching these filters</span>
                  </a>
                </p>
              ) : null}
              {register.items.length ? (
                <DataTable id="register" caption="Contracts matching the filters">
                  <thead>
                    <tr>
                      <th scope="col">Solution</th>
                      <th scope="col">Buyer</th>
                      <th scope="col">Supplier</th>
                      <th scope="col">Status</th>
                      <th scope="col">Notice deadline</th>
                      <th scope="col">End date</th>
                      <th scope="col" className="text-right">
                        Value
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {register.items.map((c) => (
                      <tr key={c.id} data-order-ref={c.orderRef}>
                        <td>
                          <Link to={`/register/${c.id}`}>{c.solutionName}</Link>
                          <br />
                          <span className="text-ink-secondary">Order {c.orderRef}</span>
                          <EnforcementFlag flag={c.flag} />
                        </td>
                        <td>
                          {c.buyer.name} ({c.buyer.code})
                        </td>
                        <td>{c.supplier.name}</td>
                        <td>
                          <ContractStatusTag status={c.status} />
                        </td>
                        <td>{formatDate(c.noticeDeadline)}</td>
                        <td>{formatDate(c.terminationDate ?? c.endDate)}</td>
                        <td className="text-right">{formatPence(c.valuePence)}</td>
                      </tr>
                    ))}
                  </tbody>
                </DataTable>
              ) : null}
              <Pagination
                page={register.page}
                pageSize={register.pageSize}
                total={Math.min(register.total, 100000 * PAGE_SIZE)}
                search={search}
                label="Contract register pages"
              />
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
