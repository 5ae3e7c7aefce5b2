import { data, Form, Link } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { SuccessNotice } from '~/components/notice';
import { StatusTag } from '~/components/status-tag';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import {
  accreditationName,
  DECISION_NAME,
  LISTING_SECTIONS,
  ITEM_TYPE_NAME,
  PUBLICATION_STATUS_NAME,
  sectionOfField,
  sectionsFor,
  VERSION_STATUS_NAME,
  type ListingContent,
} from '~/lib/catalogue';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { formatDate, formatDateTime } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { loadVendorItem } from '~/lib/vendor-items.server';
import type { Route } from './+types/item';

export const meta: Route.MetaFunction = ({ data: d, error }) => [
  { title: error || !d ? errorTitle(error) : pageTitle(`${d.item.name} (${d.item.id})`) },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const [item, completeness] = await Promise.all([
    loadVendorItem(request, params.id),
    ok(request, api(request).GET('/api/vendor/items/{id}/completeness', { params: { path: { id: params.id } } })),
  ]);
  const saved = LISTING_SECTIONS.find((s) => s.slug === new URL(request.url).searchParams.get('saved'));
  return { item, completeness, saved: saved ? `${saved.title}: your changes have been saved to the draft` : undefined };
}

interface ActionResult {
  notice?: string;
  problem?: { title: string; detail?: string; errors: { field: string; message: string }[] };
}

export async function action({ request, params }: Route.ActionArgs) {
  const session = await requireUser(request, ['vendor']);
  const formData = await readFormWithCsrf(request);
  const intent = formData.get('intent');
  const client = api(request, { csrfToken: session.csrfToken });
  const path = { id: params.id };
  let result;
  if (intent === 'submit') result = await attempt(client.POST('/api/vendor/items/{id}/draft/submit', { params: { path } }));
  else if (intent === 'withdraw') result = await attempt(client.POST('/api/vendor/items/{id}/draft/withdraw', { params: { path } }));
  else throw data({ message: 'Unknown action.' }, { status: 400 });
  if (result.ok) {
    return data<ActionResult>({ notice: intent === 'submit' ? 'Your changes have been submitted for publication' : 'Your submission has been withdrawn; it is a draft again' });
  }
  const p = result.problem;
  if (p.status >= 500 || p.status === 403 || p.status === 404 || p.status === 401) throwProblem(request, p);
  return data<ActionResult>({ problem: { title: p.title, detail: p.detail, errors: p.errors ?? [] } }, { status: p.status });
}

export default function VendorItem({ loaderData, actionData }: Route.ComponentProps) {
  const { item, completeness } = loaderData;
  const draft = item.draft;
  const sections = sectionsFor(item.type);
  const canSubmit = !draft || draft.status === 'draft';
  return (
    <>
      <p className="mb-4">
        <Link to="/vendor/items">Back to your catalogue items</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">
        {ITEM_TYPE_NAME[item.type]} {item.id}
      </span>
      <h1>{item.name}</h1>
      <SuccessNotice>{actionData?.notice ?? (actionData ? undefined : loaderData.saved)}</SuccessNotice>
      {actionData?.problem ? <SubmitProblem problem={actionData.problem} itemId={item.id} /> : null}

      <dl className="summary-list max-w-3xl">
        <div>
          <dt>Publication status</dt>
          <dd>
            <StatusTag status={item.publicationStatus}>{PUBLICATION_STATUS_NAME[item.publicationStatus]}</StatusTag>
            {item.liveVersion ? <span className="ml-2">live version {item.liveVersion}</span> : null}
          </dd>
        </div>
        <div>
          <dt>Changes in progress</dt>
          <dd>
            {draft ? (
              <>
                <StatusTag status={draft.status}>{VERSION_STATUS_NAME[draft.status]}</StatusTag>
                <span className="ml-2">
                  version {draft.version}, last saved {formatDateTime(draft.updatedAt)}
                </span>
              </>
            ) : (
              'None: editing a section starts a new draft'
            )}
          </dd>
        </div>
        {item.type === 'solution' ? (
          <div>
            <dt>Accreditation</dt>
            <dd>
              {accreditationName(item.accreditationStatus)} (<Link to={`/vendor/items/${item.id}/assessment`}>see assessment results</Link>)
            </dd>
          </div>
        ) : null}
      </dl>

      <h2>{draft ? 'Your draft listing' : 'Your listing'}</h2>
      {draft?.status === 'submitted' ? (
        <p className="max-w-3xl">
          This version is waiting for the marketplace team. To change it, withdraw it first; it becomes a draft again.
        </p>
      ) : (
        <p className="max-w-3xl">Change a section, then submit the listing for publication when every section is complete.</p>
      )}
      <ol className="mb-8 max-w-3xl list-none border-t border-line" aria-label="Listing sections">
        {sections.map((s) => {
          const messages = completeness.sections.filter((c) => s.completeness.includes(c.section)).flatMap((c) => c.messages);
          const done = messages.length === 0;
          return (
            <li key={s.slug} className="flex flex-wrap items-start justify-between gap-2 border-b border-line py-3">
              <div>
                {canSubmit ? (
                  <Link to={`/vendor/items/${item.id}/${s.slug}`} aria-describedby={`status-${s.slug}`}>
                    {s.title}
                  </Link>
                ) : (
                  <span className="font-semibold">{s.title}</span>
                )}
                {messages.length ? (
                  <ul className="mt-1 list-disc pl-6 text-ink-secondary">
                    {messages.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
              <span id={`status-${s.slug}`}>
                <StatusTag status={done ? 'complete' : 'incomplete'}>{done ? 'Complete' : 'Incomplete'}</StatusTag>
              </span>
            </li>
          );
        })}
      </ol>

      <div className="mb-10 flex flex-wrap gap-4">
        {draft?.status === 'draft' || (!draft && completeness.ready && item.publicationStatus === 'draft') ? (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="submit" />
            <button type="submit" className="button">
              Submit for publication
            </button>
          </Form>
        ) : null}
        {draft?.status === 'submitted' ? (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="withdraw" />
            <button type="submit" className="button button-secondary">
              Withdraw submission
            </button>
          </Form>
        ) : null}
      </div>

      {item.liveContent ? (
        <section aria-labelledby="live-heading" className="mb-10 max-w-3xl">
          <h2 id="live-heading">What buyers see now</h2>
          <ContentSummary content={item.liveContent} id="live" />
        </section>
      ) : null}

      <section aria-labelledby="decisions-heading" className="mb-10">
        <h2 id="decisions-heading">Decisions</h2>
        {item.decisions.length ? (
          <DataTable id="decisions" caption="Decisions on this item, newest first">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Decision</th>
                <th scope="col">Status</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {item.decisions.map((d, i) => (
                <tr key={`${d.at}-${i}`}>
                  <td>{formatDateTime(d.at)}</td>
                  <td>{DECISION_NAME[d.action] ?? d.action}</td>
                  <td>{d.toStatus ? (PUBLICATION_STATUS_NAME[d.toStatus] ?? d.toStatus) : ''}</td>
                  <td>{d.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ) : (
          <p>No decisions have been made on this item yet.</p>
        )}
      </section>

      <section aria-labelledby="versions-heading" className="mb-10">
        <h2 id="versions-heading">Versions</h2>
        <DataTable id="versions" caption="Versions of this listing, newest first">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Submitted</th>
              <th scope="col">Decided</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {item.versions.map((v) => (
              <tr key={v.id}>
                <td>{v.version}</td>
                <td>{VERSION_STATUS_NAME[v.status] ?? v.status}</td>
                <td>{formatDate(v.submittedAt)}</td>
                <td>{formatDate(v.decidedAt)}</td>
                <td>{v.decisionReason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </section>
    </>
  );
}

function SubmitProblem({ problem, itemId }: { problem: NonNullable<ActionResult['problem']>; itemId: string }) {
  return (
    <div className="mb-8 border-4 border-danger bg-white p-4 md:p-6" role="alert" aria-labelledby="submit-problem-title">
      <h2 id="submit-problem-title" className="mb-3 text-xl">
        {problem.title}
      </h2>
      {problem.detail ? <p>{problem.detail}</p> : null}
      {problem.errors.length ? (
        <ul className="list-none space-y-2">
          {problem.errors.map((e, i) => {
            const section = sectionOfField(e.field);
            return (
              <li key={i}>
                {section ? (
                  <Link className="font-semibold text-danger" to={`/vendor/items/${itemId}/${section.slug}`}>
                    {section.title}: {e.message}
                  </Link>
                ) : (
                  <span className="font-semibold text-danger">{e.message}</span>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

export function ContentSummary({ content, id }: { content: ListingContent; id: string }) {
  return (
    <dl className="summary-list" id={`${id}-content`}>
      <div>
        <dt>Name</dt>
        <dd>{content.name}</dd>
      </div>
      <div>
        <dt>Summary</dt>
        <dd>{content.summary || 'Not given'}</dd>
      </div>
      <div>
        <dt>Description</dt>
        <dd className="whitespace-pre-line">{content.description || 'Not given'}</dd>
      </div>
      <div>
        <dt>Prices</dt>
        <dd>{content.prices.length} price{content.prices.length === 1 ? '' : 's'}</dd>
      </div>
    </dl>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
