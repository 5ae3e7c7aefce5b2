import { Form, Link, useLocation } from 'react-router';
import { z } from 'zod';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SelectField, TextField } from '~/components/fields';
import { Pagination, ResultCount } from '~/components/pagination';
import { api, ok } from '~/lib/api/client.server';
import type { AuditEvent } from '~/lib/api/types';
import { formatDateTime } from '~/lib/format';
import { parseForm, type FieldErrors } from '~/lib/forms';
import { titled } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import type { Route } from './+types/audit';

export const meta = titled('Audit log');

const PAGE_SIZE = 50;
const FIELDS = ['action', 'actorEmail', 'organisation', 'from', 'to'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const dateField = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || (DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), `${label} must be a real date, like 2026-11-30`);

const filterSchema = z
  .object({
    action: z.string().trim().max(64).regex(/^[a-z0-9.-]*$/, 'Choose an action from the list'),
    actorEmail: z.string().trim().max(254, 'Email address must be 254 characters or fewer'),
    organisation: z
      .string()
      .trim()
      .max(16, 'Organisation code must be 16 characters or fewer')
      .regex(/^[A-Za-z0-9]*$/, 'Organisation code must only include letters and numbers, like A81001'),
    from: dateField('From date'),
    to: dateField('To date'),
    page: z.coerce.number().int().min(1).max(100000).catch(1),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'To date must be the same as or after the from date' });
  });

type Filters = z.infer<typeof filterSchema>;

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, ['operator'], context);
  const url = new URL(request.url);
  const raw = Object.fromEntries(FIELDS.map((k) => [k, url.searchParams.get(k) ?? ''])) as Record<(typeof FIELDS)[number], string>;
  const form = new URLSearchParams(raw);
  form.set('page', url.searchParams.get('page') ?? '1');
  const client = api(request);
  const actionsCall = ok(request, client.GET('/api/audit-events/actions'));
  const parsed = parseForm(filterSchema, form);
  if (!parsed.success) {
    return { raw, errors: parsed.errors, events: null, actions: await actionsCall };
  }
  const f: Filters = parsed.data;
  const [events, actions] = await Promise.all([
    ok(
      request,
      client.GET('/api/audit-events', {
        params: {
          query: {
            action: f.action || undefined,
            actorEmail: f.actorEmail || undefined,
            organisation: f.organisation ? f.organisation.toUpperCase() : undefined,
            from: f.from || undefined,
            // The API's `to` is exclusive; people mean the whole of the day they pick.
            to: f.to ? nextDay(f.to) : undefined,
            page: f.page,
            pageSize: PAGE_SIZE,
          },
        },
      }),
    ),
    actionsCall,
  ]);
  return { raw, errors: {} as FieldErrors, events: events as { items: AuditEvent[]; total: number; page: number; pageSize: number }, actions };
}

export default function AuditLog({ loaderData }: Route.ComponentProps) {
  const { raw, errors, events, actions } = loaderData;
  const { search } = useLocation();
  const filtered = Object.values(raw).some(Boolean);
  return (
    <>
      <h1>Audit log</h1>
      <p className="max-w-3xl">Every sign-in, invitation, role change and other significant action, newest first. Times are UK time.</p>
      <ErrorSummary errors={errors} />
      <div className="card">
        <Form method="get" role="search" aria-label="Audit log" noValidate>
          <div className="grid gap-x-6 md:grid-cols-2 lg:grid-cols-3">
            <SelectField
              name="action"
              label="Action"
              defaultValue={raw.action}
              error={errors.action}
              className="w-full"
              options={[{ value: '', label: 'All actions' }, ...actions.map((a) => ({ value: a, label: a }))]}
            />
            <TextField name="actorEmail" type="email" label="Done by (email address)" defaultValue={raw.actorEmail} error={errors.actorEmail} spellCheck={false} autoComplete="off" />
            <TextField name="organisation" label="Organisation code" hint="For example, A81001" defaultValue={raw.organisation} error={errors.organisation} spellCheck={false} autoComplete="off" className="max-w-48" />
            <TextField name="from" type="date" label="From date" defaultValue={raw.from} error={errors.from} className="max-w-56" />
            <TextField name="to" type="date" label="To date" hint="Includes the whole day" defaultValue={raw.to} error={errors.to} className="max-w-56" />
          </div>
          <div className="flex flex-wrap items-center gap-6">
            <button type="submit" className="button">
              Filter
            </button>
            {filtered ? <Link to="/operator/audit">Clear filters</Link> : null}
          </div>
        </Form>
      </div>

      {events ? (
        <>
          <ResultCount page={events.page} pageSize={events.pageSize} total={events.total} noun={['event', 'events']} />
          {events.items.length ? (
            <DataTable id="audit" caption={<>Audit events, newest first, page {events.page}</>}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Done by</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Object</th>
                  <th scope="col">Changes</th>
                </tr>
              </thead>
              <tbody>
                {events.items.map((e) => (
                  <tr key={e.id}>
                    <td className="whitespace-nowrap">{formatDateTime(e.occurredAt)}</td>
                    <td>
                      <code className="text-sm whitespace-nowrap">{e.action}</code>
                    </td>
                    <td className="break-words">
                      {e.actorEmail ?? <span className="text-ink-secondary">System</span>}
                      {e.ip ? <span className="block text-sm text-ink-secondary">from {e.ip}</span> : null}
                    </td>
                    <td>{e.organisationCode ? `${e.organisationName ?? ''} (${e.organisationCode})` : null}</td>
                    <td className="break-words">
                      {e.objectType}
                      {e.objectId ? <span className="block font-mono text-xs text-ink-secondary">{e.objectId}</span> : null}
                    </td>
                    <td>
                      <Changes before={e.before} after={e.after} />
                      {e.requestId ? <span className="block text-xs text-ink-secondary">Request {e.requestId}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          ) : null}
          <Pagination page={events.page} pageSize={events.pageSize} total={events.total} search={search} label="Audit log pages" />
        </>
      ) : null}
    </>
  );
}

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'none';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return JSON.stringify(value);
}

function asRecord(value: unknown): Record<string, unknown> | null {
  if (value == null) return null;
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

/** Before and after as "field: old → new" lines, so a change reads at a glance. */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) return null;
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return (
    <dl className="m-0 text-sm">
      {keys.map((key) => {
        const old = b ? b[key] : undefined;
        const now = a ? a[key] : undefined;
        const changed = b && a && show(old) !== show(now);
        return (
          <div key={key} className="flex flex-wrap gap-x-1">
            <dt className="font-semibold">{key}:</dt>
            <dd className="break-all">
              {b && a ? (
                changed ? (
                  <>
                    <del className="text-ink-secondary">{show(old)}</del>
                    <span aria-hidden="true"> → </span>
                    <span className="sr-only"> changed to </span>
                    <ins className="font-semibold no-underline">{show(now)}</ins>
                  </>
                ) : (
                  show(now)
                )
              ) : b ? (
                <>
                  <span className="sr-only">was </span>
                  {show(old)}
                </>
              ) : (
                show(now)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
