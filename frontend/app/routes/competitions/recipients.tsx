import { Form, Link } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { SuccessNotice } from '~/components/notice';
import { api, ok } from '~/lib/api/client.server';
import { readFormWithCsrf } from '~/lib/csrf.server';
import { cx } from '~/lib/cx';
import { formatNumber } from '~/lib/format';
import { titled } from '~/lib/meta';
import { BackToCompetition, CompetitionCaption } from './+shared/competition';
import { competitionId, fieldErrors, loadEditableCompetition, saveStep, writer } from './+shared/competition.server';
import type { Route } from './+types/recipients';

export const meta = titled('Service recipients');

const PAGE_SIZE = 200;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { competition, session } = await loadEditableCompetition(request, params, context);
  const url = new URL(request.url);
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
  const base = { id: competition.id, name: competition.name, recipients: competition.recipients };
  const uploaded = url.searchParams.get('uploaded') === '1';
  if (session.role !== 'commissioner') {
    // A practice buys for itself: its own practice is the one to choose.
    const own = session.organisation;
    return { competition: base, uploaded, chooser: { q: '', total: 1, searchable: false, practices: [{ code: own.code, name: own.name, town: null as string | null }] } };
  }
  // The directory shows a commissioner the practices of its own area: those it may buy for.
  const practices = await ok(
    request,
    api(request).GET('/api/organisations', { params: { query: { type: 'practice', pageSize: PAGE_SIZE, ...(q ? { q } : {}) } } }),
  );
  return {
    competition: base,
    uploaded,
    chooser: {
      q,
      total: practices.total,
      searchable: true,
      practices: practices.items.filter((p) => p.status === 'active').map((p) => ({ code: p.code, name: p.name, town: p.town })),
    },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { client } = await writer(request);
  const formData = await readFormWithCsrf(request);
  const id = competitionId(params);
  const chosen = formData.getAll('odsCodes').map(String);
  const shown = new Set(formData.getAll('shown').map(String));
  // Recipients the list did not show (filtered out by a search) stay in the competition.
  const kept = formData.getAll('current').map(String).filter((c) => !shown.has(c));
  const odsCodes = [...new Set([...kept, ...chosen])];
  if (!odsCodes.length) return fieldErrors(request, { practices: 'Choose at least one practice' });
  // Errors name the code's position (odsCodes[i]): each is about the practices chosen.
  const fields = Object.fromEntries([['odsCodes', 'practices'], ...odsCodes.map((_, i) => [`odsCodes[${i}]`, 'practices']), ...odsCodes.map((_, i) => [`odsCodes.${i}`, 'practices'])]);
  return saveStep(request, client.PUT('/api/competitions/{id}/recipients', { params: { path: { id } }, body: { odsCodes } }), {
    next: `/competitions/${id}`,
    fields,
  });
}

export default function Recipients({ loaderData, actionData }: Route.ComponentProps) {
  const { competition: c, chooser, uploaded } = loaderData;
  const errors = actionData?.errors ?? {};
  const current = new Set(c.recipients.map((r) => r.odsCode));
  return (
    <>
      {uploaded ? <SuccessNotice>The CSV file has been uploaded: the competition now has {c.recipients.length} service recipients.</SuccessNotice> : null}
      <BackToCompetition id={c.id} />
      <CompetitionCaption competition={c} />
      <h1>Service recipients</h1>
      <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={chooser.practices.length ? { practices: `practice-${chooser.practices[0].code}` } : {}} />
      <p className="max-w-3xl">
        The practices that will use the solution. Each solution’s whole-term cost is worked out for them, using each practice’s registered patients
        for per-patient prices.
      </p>
      {c.recipients.length ? (
        <DataTable id="recipients" caption={`Service recipients of this competition (${c.recipients.length})`}>
          <thead>
            <tr>
              <th scope="col">Practice</th>
              <th scope="col">ODS code</th>
              <th scope="col" className="text-right">
                Registered patients
              </th>
            </tr>
          </thead>
          <tbody>
            {c.recipients.map((r) => (
              <tr key={r.odsCode}>
                <td>{r.name}</td>
                <td>{r.odsCode}</td>
                <td className="text-right">{r.registeredPatients != null ? formatNumber(r.registeredPatients) : 'Not recorded'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : (
        <p data-testid="no-recipients">
          <strong>No service recipients have been chosen yet.</strong>
        </p>
      )}
      <h2 className="mt-8">Choose practices</h2>
      <p>
        <Link to={`/competitions/${c.id}/recipients/upload`}>Upload a CSV file of ODS codes instead</Link>
      </p>
      {chooser.searchable ? (
        <Form method="get" className="mb-6 flex max-w-2xl flex-wrap items-end gap-3" role="search" aria-label="Practices">
          <div className="grow">
            <label htmlFor="q" className="mb-1 block font-bold">
              Search practices by name, ODS code or postcode
            </label>
            <input id="q" name="q" type="search" className="input" defaultValue={chooser.q} />
          </div>
          <button type="submit" className="button button-secondary">
            Search
          </button>
        </Form>
      ) : null}
      <Form method="post" noValidate className="max-w-3xl">
        <CsrfInput />
        {c.recipients.map((r) => (
          <input key={r.odsCode} type="hidden" name="current" value={r.odsCode} />
        ))}
        {chooser.practices.map((p) => (
          <input key={p.code} type="hidden" name="shown" value={p.code} />
        ))}
        <fieldset className={cx('mb-6', errors.practices && 'border-l-4 border-danger pl-4')} aria-describedby={errors.practices ? 'practices-hint practices-error' : 'practices-hint'}>
          <legend className="mb-2 font-bold">Which practices will use the solution?</legend>
          <p id="practices-hint" className="mb-2 text-ink-secondary">
            {!chooser.searchable
              ? 'A practice buys for itself.'
              : chooser.q
                ? `Practices matching “${chooser.q}” (${chooser.practices.length}). Practices already chosen that are not shown stay in the competition.`
                : `Practices in your area (${chooser.total > chooser.practices.length ? `the first ${chooser.practices.length} of ${chooser.total}; search to find others` : chooser.practices.length}).`}
          </p>
          {errors.practices ? (
            <p id="practices-error" className="mb-2 font-bold text-danger">
              <span className="sr-only">Error: </span>
              {errors.practices}
            </p>
          ) : null}
          {chooser.practices.map((p) => (
            <div key={p.code} className="mb-2 flex items-start gap-3">
              <input
                type="checkbox"
                id={`practice-${p.code}`}
                name="odsCodes"
                value={p.code}
                defaultChecked={current.has(p.code)}
                className="mt-0.5 h-6 w-6 shrink-0 cursor-pointer accent-brand"
              />
              <label htmlFor={`practice-${p.code}`} className="cursor-pointer">
                {p.name} ({p.code}){p.town ? `, ${p.town}` : ''}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button">
          Save and continue
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
