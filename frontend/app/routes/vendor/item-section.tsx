import { data, Form, Link, redirect } from 'react-router';
import { CsrfInput } from '~/components/csrf-input';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { ErrorSummary } from '~/components/error-summary';
import { CheckboxField, SelectField, TextAreaField, TextField } from '~/components/fields';
import { SuccessNotice } from '~/components/notice';
import { api, ok } from '~/lib/api/client.server';
import type { components } from '~/lib/api/schema';
import {
  BILLING_PERIOD_NAME,
  CALCULATION_NAME,
  fieldId,
  LISTING_SECTIONS,
  options,
  PRICE_TYPE_NAME,
  PROVISIONING_NAME,
  QUANTITY_BASIS_NAME,
  type ListingContent,
} from '~/lib/catalogue';
import { readFormWithCsrf } from '~/lib/csrf.server';
import type { FieldErrors } from '~/lib/forms';
import { errorTitle, pageTitle } from '~/lib/meta';
import { requireUser } from '~/lib/session.server';
import { editableContent, loadVendorItem, saveDraft } from '~/lib/vendor-items.server';
import {
  describeIntegration,
  editFieldOf,
  editIndex,
  integrationFromForm,
  integrationKey,
  integrationToValues,
} from './+shared/integrations';
import { newPriceRow, priceFieldOf, priceToRow, rowsFromForm, rowsToPrices, type PriceRow } from './+shared/prices';
import type { Route } from './+types/item-section';

type Schemas = components['schemas'];

export const meta: Route.MetaFunction = ({ data: d, error }) => [
  { title: error || !d ? errorTitle(error) : pageTitle(`${d.editing !== null ? 'Change an integration' : d.section.title} – ${d.item.name}`) },
];

function findSection(slug: string, type: string) {
  const section = LISTING_SECTIONS.find((s) => s.slug === slug && s.types.includes(type as never));
  if (!section) throw data({ message: 'There is no such section for this item.' }, { status: 404 });
  return section;
}

interface Reference {
  frameworks?: Schemas['FrameworkListItem'][];
  capabilities?: Schemas['CapabilityListItem'][];
  claimed?: Schemas['CapabilityDetail'][];
  integrationTypes?: Schemas['IntegrationType'][];
  applicationTypes?: Schemas['ApplicationType'][];
  hostingTypes?: Schemas['HostingType'][];
}

async function loadReference(request: Request, slug: string, content: ListingContent): Promise<Reference> {
  const client = api(request);
  switch (slug) {
    case 'frameworks':
      return { frameworks: (await ok(request, client.GET('/api/frameworks', { params: { query: { pageSize: 100 } } }))).items };
    case 'capabilities': {
      const list = await ok(request, client.GET('/api/capabilities', { params: { query: { pageSize: 100 } } }));
      const refs = list.items.filter((c) => content.capabilityIds.includes(c.id)).map((c) => c.ref);
      const claimed = await Promise.all(refs.map((ref) => ok(request, client.GET('/api/capabilities/{ref}', { params: { path: { ref } } }))));
      return { capabilities: list.items, claimed };
    }
    case 'integrations':
      return { integrationTypes: await ok(request, client.GET('/api/integration-types')) };
    case 'application-types':
      return { applicationTypes: await ok(request, client.GET('/api/application-types')) };
    case 'hosting-types':
      return { hostingTypes: await ok(request, client.GET('/api/hosting-types')) };
    default:
      return {};
  }
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireUser(request, ['vendor'], context);
  const item = await loadVendorItem(request, params.id);
  const section = findSection(params.section, item.type);
  if (item.draft?.status === 'submitted') throw redirect(`/vendor/items/${item.id}`);
  const content = editableContent(item);
  const reference = await loadReference(request, section.slug, content);
  // Integrations: `?edit=2` shows the form to change the third one; `?changed=2` says it was saved.
  const query = new URL(request.url).searchParams;
  let editing: number | null = null;
  let notice: string | undefined;
  if (section.slug === 'integrations') {
    editing = editIndex(query.get('edit'), content.integrations);
    if (query.has('edit') && editing === null) throw data({ message: 'This item has no such integration. It may have been removed.' }, { status: 404 });
    const changed = editIndex(query.get('changed'), content.integrations);
    if (changed !== null && editing === null) notice = `Integration changed to ${describeIntegration(content.integrations[changed])}. Your draft has been saved.`;
  }
  return { item: { id: item.id, name: item.name, type: item.type }, section, content, reference, editing, notice };
}

interface SectionResult {
  errors: FieldErrors;
  formError?: string;
  values?: Record<string, string>;
  rows?: PriceRow[];
}

function text(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === 'string' ? v.trim() : '';
}

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The text fields each simple section posts (named by their API path). */
const TEXT_FIELDS: Record<string, string[]> = {
  summary: ['name', 'summary', 'description', 'aboutUrl', 'orderGuidance'],
  features: ['features'],
  implementation: ['implementation'],
  roadmap: ['roadmap'],
  'service-levels': ['serviceLevels.availability', 'serviceLevels.supportHours', 'serviceLevels.responseTimes', 'serviceLevels.plannedMaintenance'],
  'data-processing': ['dataProcessing.dataLocation', 'dataProcessing.processingSummary', 'dataProcessing.subProcessors'],
};

/** This section's content changed as posted; the rest of the listing as it was. */
function applySection(slug: string, content: ListingContent, formData: FormData, reference: Reference): ListingContent {
  const next: ListingContent = structuredClone(content);
  const optional = (v: string) => (v ? v : undefined);
  switch (slug) {
    case 'summary':
      next.name = text(formData, 'name');
      next.summary = text(formData, 'summary');
      next.description = text(formData, 'description');
      next.aboutUrl = optional(text(formData, 'aboutUrl'));
      if (formData.has('orderGuidance')) next.orderGuidance = optional(text(formData, 'orderGuidance'));
      break;
    case 'features':
      next.features = lines(text(formData, 'features'));
      break;
    case 'implementation':
      next.implementation = text(formData, 'implementation');
      break;
    case 'roadmap':
      next.roadmap = text(formData, 'roadmap');
      break;
    case 'service-levels': {
      const v = TEXT_FIELDS['service-levels'].map((f) => text(formData, f));
      next.serviceLevels = v.some(Boolean) ? { availability: v[0], supportHours: v[1], responseTimes: v[2], plannedMaintenance: optional(v[3]) } : null;
      break;
    }
    case 'data-processing': {
      const [dataLocation, processingSummary, subs] = TEXT_FIELDS['data-processing'].map((f) => text(formData, f));
      next.dataProcessing = dataLocation || processingSummary || subs ? { dataLocation, processingSummary, subProcessors: lines(subs) } : null;
      break;
    }
    case 'frameworks':
      next.frameworkIds = formData.getAll('frameworkIds').map(String);
      break;
    case 'capabilities': {
      const ids = formData.getAll('capabilityIds').map(Number).filter(Number.isInteger);
      next.capabilityIds = ids;
      // MUST epics come with the capability; MAY epics only when ticked (of capabilities still claimed).
      const claimed = reference.claimed ?? [];
      const kept = claimed.filter((c) => ids.includes(c.id));
      const must = kept.flatMap((c) => c.epics.must.map((e) => e.id));
      const mayAllowed = new Set(kept.flatMap((c) => [...c.epics.may, ...c.epics.should].map((e) => e.id)));
      const may = formData.getAll('epicIds').map(String).filter((e) => mayAllowed.has(e));
      // Epics this page does not show (such as retired legacy ones) stay as they were.
      const shown = new Set(claimed.flatMap((c) => [...c.epics.must, ...c.epics.should, ...c.epics.may].map((e) => e.id)));
      const untouched = content.epicIds.filter((e) => !shown.has(e));
      next.epicIds = [...new Set([...untouched, ...must, ...may])];
      break;
    }
    case 'hosting-types':
      next.hostingTypes = (reference.hostingTypes ?? [])
        .filter((h) => formData.get(`hosting.${h.key}`) === 'on')
        .map((h) => {
          const before = content.hostingTypes.find((x) => x.key === h.key);
          return { ...before, key: h.key, summary: text(formData, `hosting.${h.key}.summary`), requiresHscn: formData.get(`hosting.${h.key}.requiresHscn`) === 'on' };
        });
      break;
    case 'application-types':
      next.applicationTypes = (reference.applicationTypes ?? [])
        .filter((a) => formData.get(`app.${a.key}`) === 'on')
        .map((a) => {
          const before = content.applicationTypes.find((x) => x.key === a.key);
          const details: Record<string, string> = { ...before?.details };
          for (const f of a.detailFields) {
            const v = text(formData, `app.${a.key}.${f}`);
            if (v) details[f] = v;
            else delete details[f];
          }
          return { key: a.key, details };
        });
      break;
    case 'integrations': {
      const kept = content.integrations.filter((_, i) => formData.get(`remove.${i}`) !== 'on');
      const type = text(formData, 'new.type');
      if (type) {
        const [integration, name] = type.split('|');
        kept.push({
          integration: integration as ListingContent['integrations'][number]['integration'],
          type: name,
          role: (text(formData, 'new.role') || undefined) as 'provider' | 'consumer' | undefined,
          integratesWith: optional(text(formData, 'new.integratesWith')),
          description: optional(text(formData, 'new.description')),
        });
      }
      next.integrations = kept;
      break;
    }
  }
  return next;
}

/** An API field error's form field on this page, or null when it belongs elsewhere. */
function formFieldOf(slug: string, apiField: string): string | null {
  if (slug === 'prices') {
    if (!apiField.startsWith('prices')) return null;
    const f = priceFieldOf(apiField);
    if (/^prices\[\d+\]\.(unit|tiers\[\d+\]\.(from|to|price))$/.test(f)) return f;
    return /^prices\[\d+\]/.exec(f)?.[0] ?? 'prices';
  }
  const fields = TEXT_FIELDS[slug];
  if (fields) return fields.find((f) => apiField === f || apiField.startsWith(`${f}[`) || apiField.startsWith(`${f}.`)) ?? null;
  const root: Record<string, string[]> = {
    frameworks: ['frameworkIds'],
    capabilities: ['capabilityIds', 'epicIds'],
    integrations: ['integrations'],
    'application-types': ['applicationTypes'],
    'hosting-types': ['hostingTypes'],
  };
  return (root[slug] ?? []).find((r) => apiField.startsWith(r)) ? 'section' : null;
}

export async function action({ request, params }: Route.ActionArgs) {
  const session = await requireUser(request, ['vendor']);
  const formData = await readFormWithCsrf(request);
  const item = await loadVendorItem(request, params.id);
  const section = findSection(params.section, item.type);
  const content = editableContent(item);
  const intent = String(formData.get('intent') ?? 'save');

  let next: ListingContent;
  if (section.slug === 'prices') {
    const rows = rowsFromForm(formData);
    // Adding and removing rows only redraws the form; nothing is saved until "Save prices".
    const [verb, a, b] = intent.split(':');
    if (verb !== 'save') {
      const i = Number(a);
      const j = Number(b);
      if (verb === 'add-price') rows.push(newPriceRow(`p-${crypto.randomUUID().slice(0, 13)}`));
      else if (verb === 'remove-price' && rows[i]) rows.splice(i, 1);
      else if (verb === 'add-tier' && rows[i]) {
        const last = rows[i].tiers[rows[i].tiers.length - 1];
        rows[i].tiers.push({ from: last?.to ? String(Number(last.to) + 1) : '', to: '', price: '' });
      } else if (verb === 'remove-tier' && rows[i]?.tiers[j] && rows[i].tiers.length > 1) rows[i].tiers.splice(j, 1);
      return data<SectionResult>({ errors: {}, rows });
    }
    const converted = rowsToPrices(rows);
    if (Object.keys(converted.errors).length) return data<SectionResult>({ errors: converted.errors, rows }, { status: 400 });
    next = { ...structuredClone(content), prices: converted.prices };
    const result = await saveDraft(request, session, item.id, next);
    if (result.ok) return redirect(`/vendor/items/${item.id}?saved=${section.slug}`);
    return data<SectionResult>({ ...apiErrors(section.slug, result.problem), rows }, { status: result.problem.status });
  }

  const reference = await loadReference(request, section.slug, content);
  if (section.slug === 'integrations' && intent === 'change-integration') return changeIntegration(request, session, item.id, content, formData, reference);
  next = applySection(section.slug, content, formData, reference);
  const values: Record<string, string> = {};
  for (const f of TEXT_FIELDS[section.slug] ?? []) values[f] = String(formData.get(f) ?? '');
  const result = await saveDraft(request, session, item.id, next);
  if (result.ok) return redirect(`/vendor/items/${item.id}?saved=${section.slug}`);
  return data<SectionResult>({ ...apiErrors(section.slug, result.problem), values }, { status: result.problem.status });
}

/** Saves one integration changed in the "Change integration" form (`?edit=<index>`); the rest of the listing as it was. */
async function changeIntegration(
  request: Request,
  session: Awaited<ReturnType<typeof requireUser>>,
  itemId: string,
  content: ListingContent,
  formData: FormData,
  reference: Reference,
) {
  const index = editIndex(new URL(request.url).searchParams.get('edit'), content.integrations);
  if (index === null) throw data({ message: 'This item has no such integration. It may have been removed.' }, { status: 404 });
  const parsed = integrationFromForm(formData, reference.integrationTypes ?? []);
  // The list may have changed since the form was opened (another tab or person): never overwrite a different integration.
  if (formData.get('edit.original') !== integrationKey(content.integrations[index])) {
    return data<SectionResult>(
      { errors: {}, formError: 'This integration has changed since you opened it. Go back to the integrations and choose “Change” again.', values: parsed.values },
      { status: 409 },
    );
  }
  if (!parsed.integration) return data<SectionResult>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const next: ListingContent = structuredClone(content);
  next.integrations[index] = parsed.integration;
  const result = await saveDraft(request, session, itemId, next);
  if (result.ok) return redirect(`/vendor/items/${itemId}/integrations?changed=${index}`);
  const errors: FieldErrors = {};
  const other: string[] = [];
  for (const e of result.problem.errors ?? []) {
    const field = editFieldOf(e.field, index);
    if (field) errors[field] ??= e.message;
    else other.push(e.message);
  }
  const formError = other[0] ?? (Object.keys(errors).length ? undefined : (result.problem.detail ?? result.problem.title));
  return data<SectionResult>({ errors, formError, values: parsed.values }, { status: result.problem.status });
}

function apiErrors(slug: string, problem: { errors?: { field: string; message: string }[]; detail?: string; title: string }): SectionResult {
  const errors: FieldErrors = {};
  const other: string[] = [];
  for (const e of problem.errors ?? []) {
    const field = formFieldOf(slug, e.field);
    if (field) errors[field] ??= e.message;
    else other.push(e.message);
  }
  const formError = other[0] ?? (Object.keys(errors).length ? undefined : (problem.detail ?? problem.title));
  return { errors, formError };
}

export default function ItemSection({ loaderData, actionData }: Route.ComponentProps) {
  const { item, section, content, reference, editing } = loaderData;
  const errors = actionData?.errors ?? {};
  const fieldIds = Object.fromEntries(Object.keys(errors).map((k) => [k, fieldId(k)]));
  if (editing !== null) {
    return (
      <>
        <p className="mb-4">
          <Link to={`/vendor/items/${item.id}/integrations`}>Back to integrations</Link>
        </p>
        <span className="mb-2 block text-lg text-ink-secondary">
          {item.name} ({item.id})
        </span>
        <h1>Change an integration</h1>
        <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={fieldIds} />
        <p className="max-w-3xl">Saving changes your draft only. Buyers see it after you submit it and the marketplace team approves it.</p>
        <IntegrationEditor
          itemId={item.id}
          index={editing}
          current={content.integrations[editing]}
          types={reference.integrationTypes ?? []}
          values={actionData?.values}
          errors={errors}
        />
      </>
    );
  }
  return (
    <>
      <p className="mb-4">
        <Link to={`/vendor/items/${item.id}`}>Back to {item.name}</Link>
      </p>
      <span className="mb-2 block text-lg text-ink-secondary">
        {item.name} ({item.id})
      </span>
      <h1>{section.title}</h1>
      <SuccessNotice>{actionData ? undefined : loaderData.notice}</SuccessNotice>
      <ErrorSummary errors={errors} formError={actionData?.formError} fieldIds={fieldIds} />
      <p className="max-w-3xl">Saving changes your draft only. Buyers see it after you submit it and the marketplace team approves it.</p>
      <Form method="post" noValidate className="max-w-4xl">
        <CsrfInput />
        {section.slug === 'prices' ? (
          <PriceEditor rows={actionData?.rows ?? content.prices.map(priceToRow)} errors={errors} />
        ) : (
          <>
            <SectionFields slug={section.slug} itemId={item.id} content={content} reference={reference} values={actionData?.values} errors={errors} itemType={item.type} />
            <button type="submit" name="intent" value="save" className="button">
              Save and return
            </button>
          </>
        )}
      </Form>
    </>
  );
}

function SectionFields({
  slug,
  itemId,
  content,
  reference,
  values,
  errors,
  itemType,
}: {
  slug: string;
  itemId: string;
  content: ListingContent;
  reference: Reference;
  values?: Record<string, string>;
  errors: FieldErrors;
  itemType: string;
}) {
  const v = (name: string, fallback: string | undefined | null) => values?.[name] ?? fallback ?? '';
  const sectionError = errors.section ? (
    <p id="section" tabIndex={-1} className="mb-4 border-l-4 border-danger pl-4 font-bold text-danger">
      <span className="sr-only">Error: </span>
      {errors.section}
    </p>
  ) : null;
  switch (slug) {
    case 'summary':
      return (
        <>
          <TextField name="name" label="Name" defaultValue={v('name', content.name)} error={errors.name} />
          <TextAreaField name="summary" label="Summary" hint="A short description buyers see in search results, up to 1,000 characters." rows={3} defaultValue={v('summary', content.summary)} error={errors.summary} />
          <TextAreaField name="description" label="Full description" hint="Up to 5,000 characters." rows={8} defaultValue={v('description', content.description)} error={errors.description} />
          <TextField name="aboutUrl" type="url" label="Web page about it (optional)" hint="Starting https://" defaultValue={v('aboutUrl', content.aboutUrl)} error={errors.aboutUrl} />
          {itemType === 'associated_service' ? (
            <TextAreaField name="orderGuidance" label="How buyers should order it (optional)" defaultValue={v('orderGuidance', content.orderGuidance)} error={errors.orderGuidance} />
          ) : null}
        </>
      );
    case 'features':
      return (
        <TextAreaField name="features" label="Features" hint="One feature per line, up to 20 lines of 200 characters each." rows={10} defaultValue={v('features', content.features.join('\n'))} error={errors.features} />
      );
    case 'implementation':
      return <TextAreaField name="implementation" label="Implementation" hint="How a practice gets it working: timescales, training, data migration." rows={8} defaultValue={v('implementation', content.implementation)} error={errors.implementation} />;
    case 'roadmap':
      return <TextAreaField name="roadmap" label="Roadmap" hint="What is planned, and roughly when." rows={8} defaultValue={v('roadmap', content.roadmap)} error={errors.roadmap} />;
    case 'service-levels': {
      const s = content.serviceLevels;
      return (
        <>
          <TextField name="serviceLevels.availability" id={fieldId('serviceLevels.availability')} label="Availability" hint="For example, 99.9% monthly, excluding planned maintenance" defaultValue={v('serviceLevels.availability', s?.availability)} error={errors['serviceLevels.availability']} />
          <TextField name="serviceLevels.supportHours" id={fieldId('serviceLevels.supportHours')} label="Support hours" defaultValue={v('serviceLevels.supportHours', s?.supportHours)} error={errors['serviceLevels.supportHours']} />
          <TextAreaField name="serviceLevels.responseTimes" id={fieldId('serviceLevels.responseTimes')} label="Response times" rows={3} defaultValue={v('serviceLevels.responseTimes', s?.responseTimes)} error={errors['serviceLevels.responseTimes']} />
          <TextAreaField name="serviceLevels.plannedMaintenance" id={fieldId('serviceLevels.plannedMaintenance')} label="Planned maintenance (optional)" rows={3} defaultValue={v('serviceLevels.plannedMaintenance', s?.plannedMaintenance)} error={errors['serviceLevels.plannedMaintenance']} />
        </>
      );
    }
    case 'data-processing': {
      const d = content.dataProcessing;
      return (
        <>
          <TextField name="dataProcessing.dataLocation" id={fieldId('dataProcessing.dataLocation')} label="Where data is stored and processed" hint="For example, UK only" defaultValue={v('dataProcessing.dataLocation', d?.dataLocation)} error={errors['dataProcessing.dataLocation']} />
          <TextAreaField name="dataProcessing.processingSummary" id={fieldId('dataProcessing.processingSummary')} label="What personal data is processed and why" rows={6} defaultValue={v('dataProcessing.processingSummary', d?.processingSummary)} error={errors['dataProcessing.processingSummary']} />
          <TextAreaField name="dataProcessing.subProcessors" id={fieldId('dataProcessing.subProcessors')} label="Sub-processors (optional)" hint="One per line." rows={4} defaultValue={v('dataProcessing.subProcessors', d?.subProcessors.join('\n'))} error={errors['dataProcessing.subProcessors']} />
        </>
      );
    }
    case 'frameworks':
      return (
        <fieldset className="mb-6">
          <legend className="mb-3 text-xl font-bold">Frameworks this item is on</legend>
          {sectionError}
          {(reference.frameworks ?? []).map((f) => (
            <CheckboxField key={f.id} id={`framework-${f.id}`} name="frameworkIds" value={f.id} label={`${f.name} (${f.id})`} defaultChecked={content.frameworkIds.includes(f.id)} />
          ))}
        </fieldset>
      );
    case 'capabilities':
      return (
        <>
          {sectionError}
          {reference.claimed?.length ? (
            <fieldset className="mb-8">
              <legend className="mb-3">
                <h2 className="m-0 text-xl">Optional epics of the capabilities you claim</h2>
              </legend>
              <p className="text-ink-secondary">MUST epics are claimed with their capability. Tick the optional (MAY) epics you also meet.</p>
              {reference.claimed.map((c) => (
                <div key={c.id} className="mb-4">
                  <h3 className="text-lg">
                    {c.ref} {c.name}
                  </h3>
                  <p className="mb-2">
                    {c.epics.must.length} MUST epic{c.epics.must.length === 1 ? '' : 's'}: {c.epics.must.map((e) => e.id).join(', ') || 'none'}
                  </p>
                  {[...c.epics.should, ...c.epics.may].map((e) => (
                    <CheckboxField key={e.id} id={`epic-${c.id}-${e.id}`} name="epicIds" value={e.id} label={`${e.id} ${e.name}`} defaultChecked={content.epicIds.includes(e.id)} />
                  ))}
                </div>
              ))}
            </fieldset>
          ) : null}
          <fieldset className="mb-6">
            <legend className="mb-3">
              <h2 className="m-0 text-xl">Capabilities you claim</h2>
            </legend>
            <p className="text-ink-secondary">After ticking a new capability, save and come back to choose its optional epics.</p>
            {(reference.capabilities ?? []).map((c) => (
              <CheckboxField key={c.id} id={`capability-${c.id}`} name="capabilityIds" value={String(c.id)} label={`${c.ref} ${c.name}`} defaultChecked={content.capabilityIds.includes(c.id)} />
            ))}
          </fieldset>
        </>
      );
    case 'hosting-types':
      return (
        <>
          {sectionError}
          {(reference.hostingTypes ?? []).map((h) => {
            const current = content.hostingTypes.find((x) => x.key === h.key);
            return (
              <fieldset key={h.key} className="card">
                <legend className="px-1 text-lg font-bold">{h.name}</legend>
                <CheckboxField id={`hosting-${h.key}`} name={`hosting.${h.key}`} label={`Offered as ${h.name.toLowerCase()}`} defaultChecked={Boolean(current)} />
                <TextAreaField id={`hosting-${h.key}-summary`} name={`hosting.${h.key}.summary`} label="How it is hosted" rows={3} defaultValue={current?.summary ?? ''} />
                <CheckboxField id={`hosting-${h.key}-hscn`} name={`hosting.${h.key}.requiresHscn`} label="Needs an HSCN connection" defaultChecked={current?.requiresHscn ?? false} />
              </fieldset>
            );
          })}
        </>
      );
    case 'application-types':
      return (
        <>
          {sectionError}
          {(reference.applicationTypes ?? []).map((a) => {
            const current = content.applicationTypes.find((x) => x.key === a.key);
            return (
              <fieldset key={a.key} className="card">
                <legend className="px-1 text-lg font-bold">{a.name}</legend>
                <CheckboxField id={`app-${a.key}`} name={`app.${a.key}`} label={`Available as ${a.name.toLowerCase()}`} defaultChecked={Boolean(current)} />
                {a.detailFields.map((f, i) => (
                  <TextField key={f} id={`app-${a.key}-${i}`} name={`app.${a.key}.${f}`} label={`${f.charAt(0).toUpperCase()}${f.slice(1)} (optional)`} defaultValue={current?.details[f] ?? ''} />
                ))}
              </fieldset>
            );
          })}
        </>
      );
    case 'integrations':
      return (
        <>
          {sectionError}
          <fieldset className="mb-8">
            <legend className="mb-3 text-xl font-bold">Integrations listed now</legend>
            {content.integrations.length ? (
              content.integrations.map((x, i) => (
                <div key={i} className="flex flex-wrap items-start justify-between gap-x-6 border-b border-line pt-4 first-of-type:pt-0">
                  <CheckboxField id={`remove-${i}`} name={`remove.${i}`} label={`Remove ${describeIntegration(x)}`} hint={x.description} />
                  <Link to={`/vendor/items/${itemId}/integrations?edit=${i}`} className="mb-6 pt-1 font-bold">
                    Change<span className="sr-only"> {describeIntegration(x)}</span>
                  </Link>
                </div>
              ))
            ) : (
              <p>None yet.</p>
            )}
          </fieldset>
          <fieldset className="card">
            <legend className="px-1 text-lg font-bold">Add an integration (optional)</legend>
            <SelectField
              id="new-type"
              name="new.type"
              label="Integration"
              options={[{ value: '', label: 'None' }, ...(reference.integrationTypes ?? []).map((t) => ({ value: `${t.integration}|${t.name}`, label: `${t.integration}: ${t.name}` }))]}
            />
            <SelectField id="new-role" name="new.role" label="Role (IM1 and GP Connect)" options={[{ value: '', label: 'Not applicable' }, { value: 'provider', label: 'Provider' }, { value: 'consumer', label: 'Consumer' }]} />
            <TextField id="new-integratesWith" name="new.integratesWith" label="System it integrates with (optional)" />
            <TextAreaField id="new-description" name="new.description" label="Description (needed for NHS App integrations)" rows={3} />
          </fieldset>
        </>
      );
    default:
      return null;
  }
}

function IntegrationEditor({
  itemId,
  index,
  current,
  types,
  values,
  errors,
}: {
  itemId: string;
  index: number;
  current: ListingContent['integrations'][number];
  types: Schemas['IntegrationType'][];
  values?: Record<string, string>;
  errors: FieldErrors;
}) {
  const v = { ...integrationToValues(current), ...values };
  const typeOptions = types.map((t) => ({ value: integrationKey(t), label: `${t.integration}: ${t.name}` }));
  // A type no longer offered stays selectable, so opening the form never changes it by itself (the API says if it is refused).
  if (!typeOptions.some((o) => o.value === integrationKey(current))) {
    typeOptions.unshift({ value: integrationKey(current), label: `${current.integration}: ${current.type} (no longer offered)` });
  }
  const back = `/vendor/items/${itemId}/integrations`;
  return (
    <Form method="post" action={`${back}?edit=${index}`} noValidate className="max-w-4xl">
      <CsrfInput />
      <input type="hidden" name="edit.original" value={integrationKey(current)} />
      <fieldset className="card">
        <legend className="px-1 text-lg font-bold">{describeIntegration(current)}</legend>
        <SelectField id="edit-type" name="edit.type" label="Integration" options={typeOptions} defaultValue={v['edit.type']} error={errors['edit.type']} />
        <SelectField
          id="edit-role"
          name="edit.role"
          label="Role (IM1 and GP Connect)"
          options={[{ value: '', label: 'Not applicable' }, { value: 'provider', label: 'Provider' }, { value: 'consumer', label: 'Consumer' }]}
          defaultValue={v['edit.role']}
          error={errors['edit.role']}
        />
        <TextField id="edit-integratesWith" name="edit.integratesWith" label="System it integrates with (optional)" defaultValue={v['edit.integratesWith']} error={errors['edit.integratesWith']} />
        <TextAreaField id="edit-description" name="edit.description" label="Description (needed for NHS App integrations)" rows={3} defaultValue={v['edit.description']} error={errors['edit.description']} />
      </fieldset>
      <div className="flex flex-wrap items-center gap-6">
        <button type="submit" name="intent" value="change-integration" className="button">
          Save integration
        </button>
        <Link to={back} className="mb-4">
          Cancel
        </Link>
      </div>
    </Form>
  );
}

function PriceEditor({ rows, errors }: { rows: PriceRow[]; errors: FieldErrors }) {
  return (
    <>
      {/* Enter in a field submits the form with its first submit button: make that "save", not a tier button. */}
      <button type="submit" name="intent" value="save" hidden tabIndex={-1} aria-hidden="true" />
      {rows.length === 0 ? <p>There are no prices yet.</p> : null}
      {rows.map((r, i) => {
        const p = `prices[${i}]`;
        return (
          <fieldset key={r.id} id={fieldId(p)} className="card" tabIndex={-1}>
            <legend className="px-1">
              <h2 className="m-0 text-xl">Price {i + 1}</h2>
            </legend>
            {errors[p] ? (
              <p className="font-bold text-danger">
                <span className="sr-only">Error: </span>
                {errors[p]}
              </p>
            ) : null}
            <input type="hidden" name={`${p}.id`} value={r.id} />
            <div className="grid gap-x-6 md:grid-cols-2">
              <SelectField id={fieldId(`${p}.provisioningType`)} name={`${p}.provisioningType`} label="Provisioning type" options={options(PROVISIONING_NAME)} defaultValue={r.provisioningType} />
              <SelectField id={fieldId(`${p}.priceType`)} name={`${p}.priceType`} label="Price type" hint="A flat price has one tier." options={options(PRICE_TYPE_NAME)} defaultValue={r.priceType} />
              <SelectField id={fieldId(`${p}.calculationType`)} name={`${p}.calculationType`} label="Calculation type" options={options(CALCULATION_NAME)} defaultValue={r.calculationType} />
              <SelectField id={fieldId(`${p}.quantityBasis`)} name={`${p}.quantityBasis`} label="Quantity basis" options={options(QUANTITY_BASIS_NAME)} defaultValue={r.quantityBasis} />
              <SelectField id={fieldId(`${p}.billingPeriod`)} name={`${p}.billingPeriod`} label="Billing period" options={options(BILLING_PERIOD_NAME)} defaultValue={r.billingPeriod} />
              <TextField id={fieldId(`${p}.unit`)} name={`${p}.unit`} label="Unit" hint="What one unit is, like per patient" defaultValue={r.unit} error={errors[`${p}.unit`]} />
            </div>
            <h3 className="text-lg">Tiers of price {i + 1}</h3>
            <p className="text-ink-secondary">Prices in pounds, up to 4 decimal places (for example 0.017). Leave "to" blank on the last tier.</p>
            {r.tiers.map((t, j) => {
              const f = `${p}.tiers[${j}]`;
              return (
                <div key={j} className="mb-4 border-b border-line pb-2">
                  <div className="grid gap-x-4 md:grid-cols-3">
                    <TextField id={fieldId(`${f}.from`)} name={`${f}.from`} label={`Tier ${j + 1} from`} inputMode="numeric" defaultValue={t.from} error={errors[`${f}.from`]} />
                    <TextField id={fieldId(`${f}.to`)} name={`${f}.to`} label={`Tier ${j + 1} to`} inputMode="numeric" defaultValue={t.to} error={errors[`${f}.to`]} />
                    <TextField id={fieldId(`${f}.price`)} name={`${f}.price`} label={`Tier ${j + 1} price (£)`} inputMode="decimal" defaultValue={t.price} error={errors[`${f}.price`]} />
                  </div>
                  {r.tiers.length > 1 ? (
                    <button type="submit" name="intent" value={`remove-tier:${i}:${j}`} className="button-link">
                      Remove tier {j + 1} of price {i + 1}
                    </button>
                  ) : null}
                </div>
              );
            })}
            <div className="flex flex-wrap gap-4">
              <button type="submit" name="intent" value={`add-tier:${i}`} className="button button-secondary">
                Add a tier to price {i + 1}
              </button>
              <button type="submit" name="intent" value={`remove-price:${i}`} className="button button-warning">
                Remove price {i + 1}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap gap-4">
        <button type="submit" name="intent" value="save" className="button">
          Save prices
        </button>
        <button type="submit" name="intent" value="add-price" className="button button-secondary">
          Add a price
        </button>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
