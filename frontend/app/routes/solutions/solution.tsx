import { data, Form, Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { TextAreaField, TextField } from '~/components/fields';
import { StatusTag } from '~/components/status-tag';
import { api, attempt, signInUrl, throwProblem } from '~/lib/api/client.server';
import type { components } from '~/lib/api/schema';
import { accreditationName, ITEM_TYPE_NAME, type ItemType } from '~/lib/catalogue';
import { formatDate, formatNumber } from '~/lib/format';
import { formatPence } from '~/lib/money';
import type { FieldErrors } from '~/lib/forms';
import { errorTitle, pageTitle } from '~/lib/meta';
import { getSession } from '~/lib/session.server';
import type { Route } from './+types/solution';

const ITEM_ID = /^[0-9]{5}-([0-9]{3}|S-[0-9]{3}|[0-9]{3}A[0-9]{3})$/;

export function meta({ data: loaderData, error }: Route.MetaArgs) {
  if (error || !loaderData) return [{ title: errorTitle(error) }];
  return [{ title: pageTitle(`${loaderData.item.name} by ${loaderData.item.supplier.name}`) }];
}

type CostEstimate = components['schemas']['CostEstimate'];
type Item = components['schemas']['ListingPage'];

const MAX_TERM_MONTHS = 36;
const MAX_QUANTITY = 100_000_000;
const BUYER_ROLES = ['practice_manager', 'commissioner'];

/** What the "Cost estimate" section shows: a sign-in link, a note, or the form (and the estimate). */
type EstimateState =
  | { kind: 'anonymous'; signInHref: string }
  | { kind: 'not-buyer' }
  | {
      kind: 'buyer';
      commissioner: boolean;
      values: { termMonths: string; practices: string; quantities: Record<string, string> };
      errors: FieldErrors;
      /** A problem that belongs to no field of the form. */
      formError?: string;
      estimate: CostEstimate | null;
    };

const quantityField = (priceId: string) => `quantity-${priceId}`;

/**
 * The cost estimate: a GET form on this page (it works without JavaScript), so the figures are
 * in the URL and can be shared. Practice managers get an estimate for their practice straight
 * away; commissioners choose practices first. The API does the arithmetic (backend pricing module).
 */
async function loadEstimate(request: Request, item: Item, context: Route.LoaderArgs['context']): Promise<EstimateState> {
  const session = await getSession(request, context);
  if (!session) return { kind: 'anonymous', signInHref: signInUrl(request) };
  if (!BUYER_ROLES.includes(session.role)) return { kind: 'not-buyer' };
  const commissioner = session.role === 'commissioner';
  const params = new URL(request.url).searchParams;
  const submitted = params.has('estimate');
  const entered = item.prices.filter((p) => p.provisioningType !== 'per_patient');
  const values = {
    termMonths: (params.get('termMonths') ?? String(MAX_TERM_MONTHS)).trim(),
    practices: commissioner ? (params.get('practices') ?? '').trim() : '',
    quantities: Object.fromEntries(entered.map((p) => [p.id, (params.get(quantityField(p.id)) ?? '1').trim()])),
  };
  const errors: FieldErrors = {};
  const term = /^\d{1,3}$/.test(values.termMonths) ? Number(values.termMonths) : NaN;
  if (!(term >= 1 && term <= MAX_TERM_MONTHS)) errors.termMonths = `Enter a contract term from 1 to ${MAX_TERM_MONTHS} months, as a whole number`;
  for (const p of entered) {
    const text = values.quantities[p.id];
    if (!/^\d{1,9}$/.test(text) || Number(text) > MAX_QUANTITY) errors[quantityField(p.id)] = `Enter a whole number from 0 to ${formatNumber(MAX_QUANTITY)} for ${p.display}`;
  }
  const practices = values.practices.toUpperCase().split(/[\s,]+/).filter(Boolean);
  if (commissioner && submitted) {
    if (!practices.length) errors.practices = 'Enter the ODS code of at least one practice in your area';
    else if (practices.some((c) => !/^[A-Z0-9]{2,16}$/.test(c))) errors.practices = 'Enter ODS codes such as A81001, one per line';
  }
  const ready = !item.prices.length ? false : commissioner ? submitted && practices.length > 0 : true;
  if (Object.keys(errors).length || !ready) return { kind: 'buyer', commissioner, values, errors, estimate: null };

  const result = await attempt(
    api(request).GET('/api/catalogue/items/{id}/estimate', {
      params: {
        path: { id: item.id },
        query: {
          termMonths: term,
          quantity: entered.map((p) => `${p.id}:${Number(values.quantities[p.id])}`),
          ...(commissioner ? { practices } : {}),
        },
      },
    }),
  );
  if (result.ok) return { kind: 'buyer', commissioner, values, errors, estimate: result.data };
  const problem = result.problem;
  if (problem.status === 404 && commissioner) {
    const code = /with id (\S+) /.exec(problem.detail ?? '')?.[1];
    errors.practices = code ? `${code} is not a practice in your area` : 'Enter ODS codes of practices in your area';
  } else if (problem.status === 400) {
    let formError: string | undefined;
    for (const e of problem.errors ?? []) {
      const field = e.field.startsWith('quantity.') ? quantityField(e.field.slice('quantity.'.length)) : e.field;
      if (field === 'termMonths' || field === 'practices' || field.startsWith('quantity-')) errors[field] ??= e.message;
      else formError ??= e.message;
    }
    if (!Object.keys(errors).length) formError ??= problem.detail ?? problem.title;
    return { kind: 'buyer', commissioner, values, errors, formError, estimate: null };
  } else {
    throwProblem(request, problem);
  }
  return { kind: 'buyer', commissioner, values, errors, estimate: null };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  // Anything that cannot be an item id, and drafts or unknown items (the API's 404), are "page not found".
  if (!ITEM_ID.test(params.id)) throw data(null, { status: 404 });
  const result = await attempt(api(request).GET('/api/catalogue/items/{id}', { params: { path: { id: params.id } } }));
  if (!result.ok) {
    if (result.problem.status === 404 || result.problem.status === 400) throw data(null, { status: 404 });
    throwProblem(request, result.problem);
  }
  const item = result.data;
  return { item: pageView(item), costEstimate: await loadEstimate(request, item, context) };
}

const CAPABILITY_RESULT: Record<string, string> = {
  passed_full: 'Passed in full',
  passed_partial: 'Passed in part',
  failed: 'Failed',
};

/** Standards grouped by outcome, met first. */
const STANDARD_GROUPS: [string, string][] = [
  ['met', 'Met'],
  ['work_off_plan', 'Work-off plan'],
  ['not_met', 'Not met'],
  ['not_assessed', 'Not assessed'],
];

/**
 * What the page shows, shaped here on the server: all loader data is also serialised into the HTML
 * for hydration, so it carries only what is rendered, mostly as finished text (one text node each,
 * dates already formatted), and the page renders it with few elements. A solution can have hundreds
 * of epics and dozens of standards: only the epics met are listed, as lines of text.
 */
function pageView(item: Item) {
  const standardText = (s: Item['standards'][number]) =>
    [
      s.category,
      s.outcome === 'work_off_plan' && s.dueOn ? `due ${formatDate(s.dueOn)}` : '',
      s.assessedOn ? `assessed ${formatDate(s.assessedOn)}` : '',
      s.expiresOn ? `expires ${formatDate(s.expiresOn)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
  const known = new Set(STANDARD_GROUPS.map(([outcome]) => outcome));
  const groups: [string, string][] = [...STANDARD_GROUPS, ...[...new Set(item.standards.map((s) => s.outcome))].filter((o) => !known.has(o)).map((o): [string, string] => [o, o])];
  return {
    id: item.id,
    type: item.type,
    parentItemId: item.parentItemId,
    name: item.name,
    summary: item.summary,
    description: item.description,
    aboutUrl: item.aboutUrl ?? null,
    features: item.features,
    supplier: item.supplier,
    accreditation: item.accreditation,
    publicationStatus: item.publicationStatus,
    publicationStatusText: item.publicationStatusText,
    conformance: {
      latestAssessedOn: formatDate(item.conformance.latestAssessedOn) || 'Not yet assessed',
      earliestExpiresOn: formatDate(item.conformance.earliestExpiresOn) || 'None',
      openWorkOffPlans: item.conformance.openWorkOffPlans.map((plan) => {
        // The generated schema merges two WorkOffPlan classes; read both spellings.
        const w = plan as typeof plan & { standardName?: string; overdue?: boolean };
        return { standard: `${w.standardId} ${w.standardName ?? w.name}`, due: formatDate(w.dueOn), overdue: w.overdue ?? w.dueOn < new Date().toISOString().slice(0, 10) };
      }),
    },
    capabilities: item.capabilities.map((c) => ({
      title: `${c.ref} ${c.name}`,
      outcome: `${c.result ? (CAPABILITY_RESULT[c.result] ?? c.result) : 'Not yet assessed'}${c.assessedOn ? ` on ${formatDate(c.assessedOn)}` : ''}. MUST epics met: ${c.mustMet} of ${c.mustTotal}; MAY epics met: ${c.mayMet} of ${c.mayTotal}.`,
      epicsMet: c.epics.filter((e) => e.met).map((e) => `${e.id} ${e.name} (${e.compliancy})`),
    })),
    standards: groups
      .map(([outcome, title]) => ({
        title,
        standards: item.standards.filter((s) => s.outcome === outcome).map((s) => ({ name: `${s.id} ${s.name}`, url: s.url, text: ` (${standardText(s)})` })),
      }))
      .filter((g) => g.standards.length),
    integrations: item.integrations.map((i) => ({
      key: `${i.key}-${i.role ?? ''}-${i.integratesWith ?? ''}`,
      name: i.key,
      text: `${i.role ? ` (${i.role})` : ''}${i.integratesWith ? `, with ${i.integratesWith}` : ''}`,
      description: i.description ?? null,
    })),
    applicationTypes: item.applicationTypes.map((a) => ({ key: a.key, name: a.name, details: Object.entries(a.details) })),
    hostingTypes: item.hostingTypes.map((h) => ({ ...h, link: h.link ?? null, hostingModel: h.hostingModel ?? null })),
    implementation: item.implementation,
    roadmap: item.roadmap,
    serviceLevels: item.serviceLevels,
    dataProcessing: item.dataProcessing
      ? { ...item.dataProcessing, subProcessors: item.dataProcessing.subProcessors.length ? item.dataProcessing.subProcessors.join(', ') : 'None' }
      : null,
    // The cost estimate's form needs these four.
    prices: item.prices.map((p) => ({ id: p.id, display: p.display, provisioningType: p.provisioningType, quantityBasis: p.quantityBasis })),
    orderGuidance: item.orderGuidance ?? null,
    frameworks: item.frameworks.map((f) => `${f.name} (${f.id})`),
    additionalServices: item.additionalServices,
    footnote: `Listing version ${item.version}${item.lastPublishedAt ? `, published ${formatDate(item.lastPublishedAt)}` : ''}. Catalogue ID ${item.id}.`,
  };
}

type Page = ReturnType<typeof pageView>;

const PROVISIONING_HINT: Record<string, string> = {
  declarative: 'How many you need.',
  on_demand: 'Your estimate of how many you will use.',
  one_off: 'How many you need.',
};

const PERIOD_TEXT: Record<string, string> = { month: 'a month', year: 'a year', one_off: 'one-off' };

function CostEstimateSection({ item, state }: { item: Pick<Page, 'id' | 'name' | 'prices'>; state: EstimateState }) {
  if (state.kind === 'anonymous') {
    return (
      <p>
        <a href={state.signInHref}>Sign in to estimate</a> what {item.name} would cost your practice or area.
      </p>
    );
  }
  if (state.kind === 'not-buyer') return <p className="text-ink-secondary">Cost estimates are for practice managers and commissioners.</p>;
  if (!item.prices.length) return <p className="text-ink-secondary">No prices are listed, so there is nothing to estimate.</p>;
  const { values, errors, formError, estimate, commissioner } = state;
  const entered = item.prices.filter((p) => p.provisioningType !== 'per_patient');
  return (
    <>
      <ErrorSummary errors={errors} formError={formError} title="There is a problem with the estimate" />
      <Form method="get" action={`/solutions/${item.id}#cost-estimate`} preventScrollReset noValidate className="mb-8 max-w-3xl">
        <input type="hidden" name="estimate" value="1" />
        {commissioner ? (
          <TextAreaField
            name="practices"
            label="Practices"
            hint="ODS codes of practices in your area, one per line (for example A81001)."
            rows={4}
            defaultValue={values.practices}
            error={errors.practices}
            spellCheck={false}
          />
        ) : null}
        <TextField
          name="termMonths"
          label="Contract term in months"
          hint={`From 1 to ${MAX_TERM_MONTHS} months (the framework maximum).`}
          inputMode="numeric"
          className="w-24"
          defaultValue={values.termMonths}
          error={errors.termMonths}
        />
        {entered.map((p) => (
          <TextField
            key={p.id}
            name={quantityField(p.id)}
            label={`Quantity: ${p.display}`}
            hint={`${PROVISIONING_HINT[p.provisioningType] ?? ''} ${p.quantityBasis === 'per_service_recipient' ? 'For each practice.' : 'For the whole order.'} Enter 0 to leave it out.`}
            inputMode="numeric"
            className="w-40"
            defaultValue={values.quantities[p.id]}
            error={errors[quantityField(p.id)]}
          />
        ))}
        <button type="submit" className="button">
          {estimate ? 'Update estimate' : 'Estimate cost'}
        </button>
      </Form>
      {estimate ? <EstimateResult estimate={estimate} /> : null}
    </>
  );
}

function EstimateResult({ estimate }: { estimate: CostEstimate }) {
  const names = new Map(estimate.recipients.map((r) => [r.odsCode, r.name]));
  const totals = estimate.totals;
  return (
    <div data-testid="cost-estimate">
      <h3>
        Estimate for {estimate.recipients.length === 1 ? `${estimate.recipients[0].name} (${estimate.recipients[0].odsCode})` : `${estimate.recipients.length} practices`}
      </h3>
      <ul className="mb-4 list-disc pl-6">
        {estimate.recipients.map((r) => (
          <li key={r.odsCode}>
            {r.name} ({r.odsCode}): {r.registeredPatients === null ? 'registered patients not known (counted as 0)' : `${formatNumber(r.registeredPatients)} registered patients`}
          </li>
        ))}
      </ul>
      <dl className="mb-6 grid max-w-xl grid-cols-[1fr_auto] gap-x-8 gap-y-2 text-lg" data-testid="estimate-totals">
        <dt className="font-bold">One-off</dt>
        <dd data-testid="total-one-off">{formatPence(totals.oneOffPence)}</dd>
        <dt className="font-bold">Monthly</dt>
        <dd data-testid="total-monthly">{formatPence(totals.monthlyPence)}</dd>
        <dt className="font-bold">Annual</dt>
        <dd data-testid="total-annual">{formatPence(totals.annualPence)}</dd>
        <dt className="font-bold">Whole term ({estimate.termMonths} months)</dt>
        <dd data-testid="total-whole-term">{formatPence(totals.wholeTermPence)}</dd>
      </dl>
      <DataTable id="cost-breakdown" caption="Cost breakdown by price and practice">
        <thead>
          <tr>
            <th scope="col">Price</th>
            <th scope="col">Practice</th>
            <th scope="col">Quantity</th>
            <th scope="col">One-off</th>
            <th scope="col">Monthly</th>
            <th scope="col">Annual</th>
            <th scope="col">Whole term</th>
          </tr>
        </thead>
        <tbody>
          {estimate.lines.flatMap((line) => {
            const rows = line.recipients.map((r, i) => (
              <tr key={`${line.priceId}-${r.odsCode ?? 'all'}`}>
                <td>{i === 0 ? `${line.display} (${PERIOD_TEXT[line.billingPeriod] ?? line.billingPeriod})` : <span className="sr-only">{line.display}</span>}</td>
                <td>{r.odsCode ? `${names.get(r.odsCode) ?? r.odsCode} (${r.odsCode})` : 'Whole order'}</td>
                <td>
                  {formatNumber(r.quantity)}
                  {line.quantitySource === 'registered_patients' ? ' patients' : ''}
                </td>
                <td>{formatPence(r.oneOffPence)}</td>
                <td>{formatPence(r.monthlyPence)}</td>
                <td>{formatPence(r.annualPence)}</td>
                <td>{formatPence(r.wholeTermPence)}</td>
              </tr>
            ));
            if (line.recipients.length > 1) {
              rows.push(
                <tr key={`${line.priceId}-subtotal`} className="font-semibold">
                  <td>Subtotal: {line.display}</td>
                  <td>{formatNumber(line.recipients.length)} practices</td>
                  <td>{formatNumber(line.quantity)}</td>
                  <td>{formatPence(line.oneOffPence)}</td>
                  <td>{formatPence(line.monthlyPence)}</td>
                  <td>{formatPence(line.annualPence)}</td>
                  <td>{formatPence(line.wholeTermPence)}</td>
                </tr>,
              );
            }
            return rows;
          })}
        </tbody>
        <tfoot>
          <tr className="font-bold">
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td>{formatPence(totals.oneOffPence)}</td>
            <td>{formatPence(totals.monthlyPence)}</td>
            <td>{formatPence(totals.annualPence)}</td>
            <td>{formatPence(totals.wholeTermPence)}</td>
          </tr>
        </tfoot>
      </DataTable>
      <p className="mt-4 max-w-3xl text-ink-secondary">
        An estimate from list prices, excluding VAT. {estimate.rounding.replace(/ Prices exclude VAT\.$/, '')}
      </p>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-10">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Paragraphs({ text }: { text: string }) {
  const parts = text.split(/\n{2,}/).filter((p) => p.trim());
  if (!parts.length) return <p className="text-ink-secondary">Not provided.</p>;
  return (
    <>
      {parts.map((p, i) => (
        <p key={i} className="max-w-3xl whitespace-pre-line">
          {p}
        </p>
      ))}
    </>
  );
}

/** What the accreditation status means for buyers, in plain words. */
function AccreditationPanel({ item }: { item: Page }) {
  const status = item.accreditation.status;
  const blocked = status === 'lapsed' || status === 'failed';
  const remediation = item.publicationStatus === 'in_remediation';
  return (
    <div
      className={`mb-8 max-w-3xl border-l-8 bg-white p-4 ${blocked || remediation ? 'border-danger' : 'border-go'}`}
      data-testid="accreditation-panel"
    >
      <h2 className="mb-2 text-xl">
        Accreditation: <StatusTag status={status}>{accreditationName(status)}</StatusTag>
        {remediation ? (
          <>
            {' '}
            <StatusTag status="in_remediation">In remediation</StatusTag>
          </>
        ) : null}
      </h2>
      {blocked ? (
        <p className="font-bold">
          {`This solution’s accreditation has ${status === 'lapsed' ? 'lapsed' : 'failed'}, so it cannot currently be ordered.`}
        </p>
      ) : null}
      {remediation ? (
        <p className="font-bold">
          This solution is in remediation: the supplier is fixing problems found in its assessment. It stays listed while they
          do.
        </p>
      ) : null}
      {item.accreditation.reason ? <p>{item.accreditation.reason}</p> : null}
      {item.accreditation.derivedAt ? <p className="mb-0 text-ink-secondary">{`Status as of ${formatDate(item.accreditation.derivedAt)}.`}</p> : null}
    </div>
  );
}

export default function Solution({ loaderData }: Route.ComponentProps) {
  const { item, costEstimate } = loaderData;
  const itemType = ITEM_TYPE_NAME[item.type as ItemType] ?? item.type;
  return (
    <>
      <p className="mb-4">
        <Link to="/solutions">Back to find solutions</Link>
      </p>
      <span className="block text-lg text-ink-secondary">{`${itemType} by ${item.supplier.name}`}</span>
      <h1>{item.name}</h1>
      <p className="max-w-3xl text-xl">{item.summary}</p>

      <AccreditationPanel item={item} />

      {costEstimate.kind === 'buyer' && item.type === 'solution' && (item.accreditation.status === 'accredited' || item.accreditation.status === 'conditional') ? (
        <p className="mb-8">
          <Link to={`/orders/new?solution=${encodeURIComponent(item.id)}`} className="button">
            Order this solution
          </Link>
        </p>
      ) : null}

      <nav aria-label="On this page" className="mb-8">
        <h2 className="text-lg">On this page</h2>
        <ul className="grid list-disc gap-x-8 pl-6 md:grid-cols-3">
          {CONTENTS.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{title}</a>
            </li>
          ))}
        </ul>
      </nav>

      {item.parentItemId ? (
        <p>
          An additional service for <Link to={`/solutions/${item.parentItemId}`}>{`solution ${item.parentItemId}`}</Link>.
        </p>
      ) : null}

      <Section id="description" title="Description">
        <Paragraphs text={item.description} />
        {item.aboutUrl ? (
          <p>
            <a href={item.aboutUrl} rel="noopener noreferrer">
              {`More about ${item.name} (supplier’s website)`}
            </a>
          </p>
        ) : null}
      </Section>

      <Section id="features" title="Features">
        {item.features.length ? (
          <ul className="list-disc space-y-1 pl-6">
            {item.features.map((f, i) => (
              <li key={i}>{f}</li>
            ))}
          </ul>
        ) : (
          <p className="text-ink-secondary">No features listed.</p>
        )}
      </Section>

      <Section id="conformance" title="Conformance">
        <dl className="mb-6 grid max-w-3xl gap-x-8 gap-y-2 md:grid-cols-[16rem_1fr]">
          <dt className="font-bold">Accreditation status</dt>
          <dd>{accreditationName(item.accreditation.status)}</dd>
          <dt className="font-bold">Listing status</dt>
          <dd>{item.publicationStatusText}</dd>
          <dt className="font-bold">Last assessed</dt>
          <dd>{item.conformance.latestAssessedOn}</dd>
          <dt className="font-bold">Next assessment expires</dt>
          <dd>{item.conformance.earliestExpiresOn}</dd>
          <dt className="font-bold">Open work-off plans</dt>
          <dd>{item.conformance.openWorkOffPlans.length}</dd>
        </dl>
        {item.conformance.openWorkOffPlans.length ? (
          <DataTable id="work-off-plans" caption="Open work-off plans">
            <thead>
              <tr>
                <th scope="col">Standard</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {item.conformance.openWorkOffPlans.map((w) => (
                <tr key={w.standard}>
                  <td>{w.standard}</td>
                  <td>
                    {w.due}
                    {w.overdue ? (
                      <>
                        {' '}
                        <StatusTag status="failed">Overdue</StatusTag>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ) : null}
      </Section>

      <Section id="capabilities" title="Capabilities">
        {item.capabilities.length ? (
          item.capabilities.map((c) => (
            <div key={c.title} className="mb-6">
              <h3 className="mb-1">{c.title}</h3>
              <p className="mb-2">{c.outcome}</p>
              {c.epicsMet.length ? (
                <details>
                  <summary className="cursor-pointer text-brand underline">{`Epics met (${c.epicsMet.length})`}</summary>
                  <ul className="mt-2 list-disc pl-6">
                    {c.epicsMet.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </div>
          ))
        ) : (
          <p className="text-ink-secondary">No capabilities claimed.</p>
        )}
      </Section>

      <Section id="standards" title="Standards">
        {item.standards.length ? (
          item.standards.map((g) => (
            <div key={g.title} className="mb-6">
              <h3 className="mb-1 text-lg">{`${g.title} (${g.standards.length})`}</h3>
              <ul className="list-disc pl-6">
                {g.standards.map((st) => (
                  <li key={st.name}>
                    {st.url ? <a href={st.url}>{st.name}</a> : st.name}
                    {st.text}
                  </li>
                ))}
              </ul>
            </div>
          ))
        ) : (
          <p className="text-ink-secondary">No standards recorded.</p>
        )}
      </Section>

      <Section id="integrations" title="Integrations">
        {item.integrations.length ? (
          <ul className="list-disc space-y-2 pl-6">
            {item.integrations.map((i) => (
              <li key={i.key}>
                <span className="font-semibold">{i.name}</span>
                {i.text}
                {i.description ? <span className="block">{i.description}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-ink-secondary">No integrations listed.</p>
        )}
      </Section>

      <Section id="application-types" title="Application types">
        {item.applicationTypes.length ? (
          item.applicationTypes.map((a) => (
            <div key={a.key} className="mb-4">
              <h3 className="mb-1 text-lg">{a.name}</h3>
              {a.details.length ? (
                <dl className="grid max-w-3xl gap-x-8 gap-y-1 md:grid-cols-[16rem_1fr]">
                  {a.details.map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="font-semibold">{k}</dt>
                      <dd>{v}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </div>
          ))
        ) : (
          <p className="text-ink-secondary">No application types listed.</p>
        )}
      </Section>

      <Section id="hosting-types" title="Hosting types">
        {item.hostingTypes.length ? (
          item.hostingTypes.map((h) => (
            <div key={h.key} className="mb-4">
              <h3 className="mb-1 text-lg">{h.name}</h3>
              <p className="mb-1">{h.summary}</p>
              {h.hostingModel ? <p className="mb-1">{`Hosting model: ${h.hostingModel}`}</p> : null}
              <p className="mb-1">{h.requiresHscn ? 'Requires an HSCN connection.' : 'Does not require an HSCN connection.'}</p>
              {h.link ? (
                <p className="mb-1">
                  <a href={h.link} rel="noopener noreferrer">{`${h.name} details (supplier’s website)`}</a>
                </p>
              ) : null}
            </div>
          ))
        ) : (
          <p className="text-ink-secondary">No hosting types listed.</p>
        )}
      </Section>

      <Section id="implementation" title="Implementation">
        <Paragraphs text={item.implementation} />
      </Section>

      <Section id="roadmap" title="Roadmap">
        <Paragraphs text={item.roadmap} />
      </Section>

      <Section id="service-levels" title="Service levels">
        {item.serviceLevels ? (
          <dl className="grid max-w-3xl gap-x-8 gap-y-2 md:grid-cols-[16rem_1fr]">
            <dt className="font-bold">Availability</dt>
            <dd>{item.serviceLevels.availability}</dd>
            <dt className="font-bold">Support hours</dt>
            <dd>{item.serviceLevels.supportHours}</dd>
            <dt className="font-bold">Response times</dt>
            <dd>{item.serviceLevels.responseTimes}</dd>
            {item.serviceLevels.plannedMaintenance ? (
              <>
                <dt className="font-bold">Planned maintenance</dt>
                <dd>{item.serviceLevels.plannedMaintenance}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p className="text-ink-secondary">Not provided.</p>
        )}
      </Section>

      <Section id="data-processing" title="Data processing">
        {item.dataProcessing ? (
          <dl className="grid max-w-3xl gap-x-8 gap-y-2 md:grid-cols-[16rem_1fr]">
            <dt className="font-bold">Where data is held</dt>
            <dd>{item.dataProcessing.dataLocation}</dd>
            <dt className="font-bold">Processing</dt>
            <dd>{item.dataProcessing.processingSummary}</dd>
            <dt className="font-bold">Sub-processors</dt>
            <dd>{item.dataProcessing.subProcessors}</dd>
          </dl>
        ) : (
          <p className="text-ink-secondary">Not provided.</p>
        )}
      </Section>

      <Section id="prices" title="Prices">
        {item.prices.length ? (
          <ul className="list-disc space-y-1 pl-6">
            {item.prices.map((p) => (
              <li key={p.id}>{p.display}</li>
            ))}
          </ul>
        ) : (
          <p className="text-ink-secondary">No prices listed.</p>
        )}
        {item.orderGuidance ? <p className="max-w-3xl">{item.orderGuidance}</p> : null}
      </Section>

      <Section id="cost-estimate" title="Cost estimate">
        <CostEstimateSection item={item} state={costEstimate} />
      </Section>

      <Section id="frameworks" title="Frameworks">
        {item.frameworks.length ? (
          <ul className="list-disc pl-6">
            {item.frameworks.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        ) : (
          <p className="text-ink-secondary">Not available on any framework.</p>
        )}
      </Section>

      <Section id="supplier" title="Supplier">
        <p className="mb-1 font-semibold">{`${item.supplier.name} (${item.supplier.code})`}</p>
        {item.supplier.summary ? <p className="max-w-3xl">{item.supplier.summary}</p> : null}
        {item.supplier.website ? (
          <p>
            <a href={item.supplier.website} rel="noopener noreferrer">{`${item.supplier.name} website`}</a>
          </p>
        ) : null}
      </Section>

      <Section id="additional-services" title="Additional services">
        {item.additionalServices.length ? (
          <ul className="space-y-3">
            {item.additionalServices.map((s) => (
              <li key={s.id}>
                <Link to={`/solutions/${s.id}`}>{s.name}</Link>
                <span className="block">{s.summary}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-ink-secondary">None listed.</p>
        )}
      </Section>

      <p className="text-ink-secondary">{item.footnote}</p>
    </>
  );
}

const CONTENTS: [string, string][] = [
  ['description', 'Description'],
  ['features', 'Features'],
  ['conformance', 'Conformance'],
  ['capabilities', 'Capabilities'],
  ['standards', 'Standards'],
  ['integrations', 'Integrations'],
  ['application-types', 'Application types'],
  ['hosting-types', 'Hosting types'],
  ['implementation', 'Implementation'],
  ['roadmap', 'Roadmap'],
  ['service-levels', 'Service levels'],
  ['data-processing', 'Data processing'],
  ['prices', 'Prices'],
  ['cost-estimate', 'Cost estimate'],
  ['frameworks', 'Frameworks'],
  ['supplier', 'Supplier'],
  ['additional-services', 'Additional services'],
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
