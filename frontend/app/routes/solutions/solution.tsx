import { data, Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { StatusTag } from '~/components/status-tag';
import { api, attempt, throwProblem } from '~/lib/api/client.server';
import { accreditationName, ITEM_TYPE_NAME, type ItemType } from '~/lib/catalogue';
import { formatDate } from '~/lib/format';
import { errorTitle, pageTitle } from '~/lib/meta';
import type { Route } from './+types/solution';

const ITEM_ID = /^[0-9]{5}-([0-9]{3}|S-[0-9]{3}|[0-9]{3}A[0-9]{3})$/;

export function meta({ data: loaderData, error }: Route.MetaArgs) {
  if (error || !loaderData) return [{ title: errorTitle(error) }];
  return [{ title: pageTitle(`${loaderData.item.name} by ${loaderData.item.supplier.name}`) }];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  // Anything that cannot be an item id, and drafts or unknown items (the API's 404), are "page not found".
  if (!ITEM_ID.test(params.id)) throw data(null, { status: 404 });
  const result = await attempt(api(request).GET('/api/catalogue/items/{id}', { params: { path: { id: params.id } } }));
  if (!result.ok) {
    if (result.problem.status === 404 || result.problem.status === 400) throw data(null, { status: 404 });
    throwProblem(request, result.problem);
  }
  return { item: result.data };
}

const CAPABILITY_RESULT: Record<string, string> = {
  passed_full: 'Passed in full',
  passed_partial: 'Passed in part',
  failed: 'Failed',
};

const STANDARD_OUTCOME: Record<string, string> = {
  met: 'Met',
  work_off_plan: 'Work-off plan',
  not_met: 'Not met',
  not_assessed: 'Not assessed',
};

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
function AccreditationPanel({ item }: { item: Route.ComponentProps['loaderData']['item'] }) {
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
          This solution’s accreditation has {status === 'lapsed' ? 'lapsed' : 'failed'}, so it cannot currently be ordered.
        </p>
      ) : null}
      {remediation ? (
        <p className="font-bold">
          This solution is in remediation: the supplier is fixing problems found in its assessment. It stays listed while they
          do.
        </p>
      ) : null}
      {item.accreditation.reason ? <p>{item.accreditation.reason}</p> : null}
      {item.accreditation.derivedAt ? <p className="mb-0 text-ink-secondary">Status as of {formatDate(item.accreditation.derivedAt)}.</p> : null}
    </div>
  );
}

export default function Solution({ loaderData }: Route.ComponentProps) {
  const { item } = loaderData;
  const itemType = ITEM_TYPE_NAME[item.type as ItemType] ?? item.type;
  return (
    <>
      <p className="mb-4">
        <Link to="/solutions">Back to find solutions</Link>
      </p>
      <span className="block text-lg text-ink-secondary">
        {itemType} by {item.supplier.name}
      </span>
      <h1>{item.name}</h1>
      <p className="max-w-3xl text-xl">{item.summary}</p>

      <AccreditationPanel item={item} />

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
          An additional service for <Link to={`/solutions/${item.parentItemId}`}>solution {item.parentItemId}</Link>.
        </p>
      ) : null}

      <Section id="description" title="Description">
        <Paragraphs text={item.description} />
        {item.aboutUrl ? (
          <p>
            <a href={item.aboutUrl} rel="noopener noreferrer">
              More about {item.name} (supplier’s website)
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
          <dd>{formatDate(item.conformance.latestAssessedOn) || 'Not yet assessed'}</dd>
          <dt className="font-bold">Next assessment expires</dt>
          <dd>{formatDate(item.conformance.earliestExpiresOn) || 'None'}</dd>
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
              {item.conformance.openWorkOffPlans.map((plan) => {
                // The generated schema merges two WorkOffPlan classes; read both spellings.
                const w = plan as typeof plan & { standardName?: string; overdue?: boolean };
                const overdue = w.overdue ?? w.dueOn < new Date().toISOString().slice(0, 10);
                return (
                <tr key={w.standardId}>
                  <td>
                    {w.standardId} {w.standardName ?? w.name}
                  </td>
                  <td>
                    {formatDate(w.dueOn)}
                    {overdue ? (
                      <>
                        {' '}
                        <StatusTag status="failed">Overdue</StatusTag>
                      </>
                    ) : null}
                  </td>
                </tr>
                );
              })}
            </tbody>
          </DataTable>
        ) : null}
      </Section>

      <Section id="capabilities" title="Capabilities">
        {item.capabilities.length ? (
          item.capabilities.map((c) => {
            const met = c.epics.filter((e) => e.met);
            return (
              <div key={c.ref} className="mb-6">
                <h3 className="mb-1">
                  {c.ref} {c.name}
                </h3>
                <p className="mb-2">
                  {c.result ? CAPABILITY_RESULT[c.result] ?? c.result : 'Not yet assessed'}
                  {c.assessedOn ? ` on ${formatDate(c.assessedOn)}` : ''}. MUST epics met: {c.mustMet} of {c.mustTotal}; MAY epics met:{' '}
                  {c.mayMet} of {c.mayTotal}.
                </p>
                {met.length ? (
                  <details>
                    <summary className="cursor-pointer text-brand underline">Epics met ({met.length})</summary>
                    <ul className="mt-2 list-disc pl-6">
                      {met.map((e) => (
                        <li key={e.id}>
                          {e.id} {e.name} ({e.compliancy})
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </div>
            );
          })
        ) : (
          <p className="text-ink-secondary">No capabilities claimed.</p>
        )}
      </Section>

      <Section id="standards" title="Standards">
        {item.standards.length ? (
          <DataTable id="standards-table" caption="Standards met">
            <thead>
              <tr>
                <th scope="col">Standard</th>
                <th scope="col">Category</th>
                <th scope="col">Outcome</th>
                <th scope="col">Assessed</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {item.standards.map((s) => (
                <tr key={s.id}>
                  <td>
                    {s.url ? <a href={s.url}>{`${s.id} ${s.name}`}</a> : `${s.id} ${s.name}`}
                  </td>
                  <td>{s.category}</td>
                  <td>
                    {STANDARD_OUTCOME[s.outcome] ?? s.outcome}
                    {s.outcome === 'work_off_plan' && s.dueOn ? `, due ${formatDate(s.dueOn)}` : ''}
                  </td>
                  <td>{formatDate(s.assessedOn)}</td>
                  <td>{formatDate(s.expiresOn)}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ) : (
          <p className="text-ink-secondary">No standards recorded.</p>
        )}
      </Section>

      <Section id="integrations" title="Integrations">
        {item.integrations.length ? (
          <ul className="list-disc space-y-2 pl-6">
            {item.integrations.map((i) => (
              <li key={`${i.key}-${i.role ?? ''}-${i.integratesWith ?? ''}`}>
                <span className="font-semibold">{i.key}</span>
                {i.role ? ` (${i.role})` : ''}
                {i.integratesWith ? `, with ${i.integratesWith}` : ''}
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
              {Object.keys(a.details).length ? (
                <dl className="grid max-w-3xl gap-x-8 gap-y-1 md:grid-cols-[16rem_1fr]">
                  {Object.entries(a.details).map(([k, v]) => (
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
              {h.hostingModel ? <p className="mb-1">Hosting model: {h.hostingModel}</p> : null}
              <p className="mb-1">{h.requiresHscn ? 'Requires an HSCN connection.' : 'Does not require an HSCN connection.'}</p>
              {h.link ? (
                <p className="mb-1">
                  <a href={h.link} rel="noopener noreferrer">
                    {h.name} details (supplier’s website)
                  </a>
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
            <dd>{item.dataProcessing.subProcessors.length ? item.dataProcessing.subProcessors.join(', ') : 'None'}</dd>
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

      <Section id="frameworks" title="Frameworks">
        {item.frameworks.length ? (
          <ul className="list-disc pl-6">
            {item.frameworks.map((f) => (
              <li key={f.id}>
                {f.name} ({f.id})
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-ink-secondary">Not available on any framework.</p>
        )}
      </Section>

      <Section id="supplier" title="Supplier">
        <p className="mb-1 font-semibold">
          {item.supplier.name} ({item.supplier.code})
        </p>
        {item.supplier.summary ? <p className="max-w-3xl">{item.supplier.summary}</p> : null}
        {item.supplier.website ? (
          <p>
            <a href={item.supplier.website} rel="noopener noreferrer">
              {item.supplier.name} website
            </a>
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

      <p className="text-ink-secondary">
        Listing version {item.version}
        {item.lastPublishedAt ? `, published ${formatDate(item.lastPublishedAt)}` : ''}. Catalogue ID {item.id}.
      </p>
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
  ['frameworks', 'Frameworks'],
  ['supplier', 'Supplier'],
  ['additional-services', 'Additional services'],
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
