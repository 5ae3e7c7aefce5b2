import type { ItemType, ListingContent, PublicationStatus } from './listing';

/**
 * Publication transitions of a catalogue item (product.md §4), and who makes them:
 *   draft → submitted (vendor submits); submitted → draft (vendor withdraws);
 *   submitted → published | rejected (operator approves / rejects); rejected → submitted (vendor resubmits);
 *   published → suspended | in_remediation | unpublished (operator);
 *   suspended | in_remediation | unpublished → published (operator reinstates: our decision, so an
 *   item taken down for a fixable reason can come back without being re-moderated from scratch).
 * Anything else is refused. Edits of an item that is already live do not change its status: they
 * are new listing versions moderated on their own.
 */
export type TransitionAction = 'submit' | 'withdraw' | 'approve' | 'reject' | 'resubmit' | 'suspend' | 'remediate' | 'unpublish' | 'reinstate';

const TRANSITIONS: Partial<Record<PublicationStatus, Partial<Record<PublicationStatus, TransitionAction>>>> = {
  draft: { submitted: 'submit' },
  submitted: { draft: 'withdraw', published: 'approve', rejected: 'reject' },
  rejected: { submitted: 'resubmit' },
  published: { suspended: 'suspend', in_remediation: 'remediate', unpublished: 'unpublish' },
  suspended: { published: 'reinstate' },
  in_remediation: { published: 'reinstate' },
  unpublished: { published: 'reinstate' },
};

/** The action that moves an item from one publication status to another, or null if not allowed. */
export function publicationTransition(from: PublicationStatus, to: PublicationStatus): TransitionAction | null {
  return TRANSITIONS[from]?.[to] ?? null;
}

/** Actions an operator takes with `POST /moderation/items/:id/publication` (approve/reject have their own routes). */
export const OPERATOR_ACTIONS: readonly TransitionAction[] = ['suspend', 'remediate', 'unpublish', 'reinstate'];

/** Fills in everything a partial draft left out, so stored content always has the full ListingContent shape. */
export function normaliseContent(c: Partial<ListingContent> & { name: string }): ListingContent {
  return {
    name: c.name,
    summary: c.summary ?? '',
    description: c.description ?? '',
    features: c.features ?? [],
    capabilityIds: c.capabilityIds ?? [],
    epicIds: c.epicIds ?? [],
    frameworkIds: c.frameworkIds ?? [],
    integrations: c.integrations ?? [],
    applicationTypes: c.applicationTypes ?? [],
    hostingTypes: c.hostingTypes ?? [],
    implementation: c.implementation ?? '',
    roadmap: c.roadmap ?? '',
    serviceLevels: c.serviceLevels ?? null,
    dataProcessing: c.dataProcessing ?? null,
    prices: (c.prices ?? []).map((p) => ({ ...p, tiers: (p.tiers ?? []).map((t) => ({ ...t, to: t.to ?? null })) })),
    ...(c.aboutUrl !== undefined ? { aboutUrl: c.aboutUrl } : {}),
    ...(c.orderGuidance !== undefined ? { orderGuidance: c.orderGuidance } : {}),
  };
}

export interface CompletenessIssue {
  /** The ListingContent field (section) that needs attention. */
  field: string;
  section: string;
  message: string;
}

/** MUST epics of each claimed capability, as loaded from capability_epics (both generations). */
export type MustEpics = Map<number, { capabilityName: string; epicIds: string[] }>;

const LEGACY_EPIC = /^C\d+E\d+$/;

const blank = (s: string | undefined | null) => !s || !s.trim();

/**
 * What must be filled in before an item can be submitted for publication. Drafts may be saved
 * incomplete; this runs at submit and on the vendor's completeness page.
 */
export function completenessIssues(type: ItemType, c: ListingContent, mustEpics: MustEpics): CompletenessIssue[] {
  const issues: CompletenessIssue[] = [];
  const add = (field: string, section: string, message: string) => issues.push({ field, section, message });
  if (blank(c.summary)) add('summary', 'Summary', 'Enter a summary of what it does.');
  if (blank(c.description)) add('description', 'Description', 'Enter a full description.');
  if (!c.frameworkIds.length) add('frameworkIds', 'Frameworks', 'Choose at least one framework it is offered on.');
  if (!c.prices.length) add('prices', 'Prices', 'Add at least one price.');
  if (type === 'solution') {
    if (!c.capabilityIds.length) add('capabilityIds', 'Capabilities', 'Claim at least one capability.');
    const claimed = new Set(c.epicIds);
    for (const id of c.capabilityIds) {
      const must = mustEpics.get(id);
      if (!must?.epicIds.length) continue;
      // The catalogue has two generations of epics (legacy C1E1…, now retired, and current
      // E00001…); a claim is complete when it covers every MUST epic of either generation, so
      // listings written against the legacy epics (the whole sample catalogue) stay submittable.
      // Whether the claims are met is the assessments' business, not the listing's.
      const generations = [must.epicIds.filter((e) => LEGACY_EPIC.test(e)), must.epicIds.filter((e) => !LEGACY_EPIC.test(e))].filter((g) => g.length);
      const missing = generations.map((g) => g.filter((e) => !claimed.has(e))).sort((a, b) => a.length - b.length)[0];
      if (missing.length) add('epicIds', 'Capabilities', `Claim every MUST epic of ${must.capabilityName}; missing: ${missing.join(', ')}.`);
    }
    if (!c.applicationTypes.length) add('applicationTypes', 'Application types', 'Add at least one application type (browser-based, mobile or tablet, desktop).');
    if (!c.hostingTypes.length) add('hostingTypes', 'Hosting types', 'Add at least one hosting type.');
    if (!c.serviceLevels) add('serviceLevels', 'Service levels', 'Describe availability, support hours and response times.');
    else {
      if (blank(c.serviceLevels.availability)) add('serviceLevels.availability', 'Service levels', 'Enter the availability you commit to.');
      if (blank(c.serviceLevels.supportHours)) add('serviceLevels.supportHours', 'Service levels', 'Enter your support hours.');
      if (blank(c.serviceLevels.responseTimes)) add('serviceLevels.responseTimes', 'Service levels', 'Enter your response times.');
    }
    if (!c.dataProcessing) add('dataProcessing', 'Data processing', 'Say where data is stored and processed and what personal data you process.');
    else {
      if (blank(c.dataProcessing.dataLocation)) add('dataProcessing.dataLocation', 'Data processing', 'Say where data is stored and processed.');
      if (blank(c.dataProcessing.processingSummary)) add('dataProcessing.processingSummary', 'Data processing', 'Summarise what personal data you process and why.');
    }
  }
  return issues;
}

export interface ListingChange {
  path: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  before: unknown;
  after: unknown;
}

export interface DiffNames {
  capabilities: Map<number, string>;
  epics: Map<string, string>;
  frameworks: Map<string, string>;
}

const TEXT_FIELDS: [keyof ListingContent, string][] = [
  ['name', 'Name'],
  ['summary', 'Summary'],
  ['description', 'Description'],
  ['implementation', 'Implementation'],
  ['roadmap', 'Roadmap'],
  ['aboutUrl', 'About page'],
  ['orderGuidance', 'Ordering guidance'],
];
const SERVICE_LEVEL_FIELDS: [string, string][] = [
  ['availability', 'Availability'],
  ['supportHours', 'Support hours'],
  ['responseTimes', 'Response times'],
  ['plannedMaintenance', 'Planned maintenance'],
];
const DATA_PROCESSING_FIELDS: [string, string][] = [
  ['dataLocation', 'Data location'],
  ['processingSummary', 'Processing summary'],
  ['subProcessors', 'Sub-processors'],
];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Field-by-field changes from the live listing (`before`, null when never published) to a
 * submitted version, for the moderator. Lists of ids are compared as sets and shown by name;
 * lists of objects are matched by their key (prices by id, application and hosting types by key,
 * integrations by integration and type).
 */
export function diffListings(before: ListingContent | null, after: ListingContent, names: DiffNames): ListingChange[] {
  const b: Partial<ListingContent> = before ?? {};
  const out: ListingChange[] = [];
  const change = (path: string, label: string, x: unknown, y: unknown) => {
    if (same(x, y)) return;
    const kind = x === undefined || x === null || x === '' ? 'added' : y === undefined || y === null || y === '' ? 'removed' : 'changed';
    out.push({ path, label, change: kind, before: x ?? null, after: y ?? null });
  };
  for (const [field, label] of TEXT_FIELDS) change(field, label, b[field] ?? null, after[field] ?? null);

  const setDiff = <T>(path: string, label: string, xs: T[] = [], ys: T[] = [], name: (v: T) => string) => {
    const xset = new Set(xs.map(String));
    const yset = new Set(ys.map(String));
    for (const y of ys) if (!xset.has(String(y))) out.push({ path: `${path}[${y}]`, label: `${label}: ${name(y)}`, change: 'added', before: null, after: name(y) });
    for (const x of xs) if (!yset.has(String(x))) out.push({ path: `${path}[${x}]`, label: `${label}: ${name(x)}`, change: 'removed', before: name(x), after: null });
  };
  setDiff('features', 'Feature', b.features, after.features, (f) => f);
  setDiff('capabilityIds', 'Capability', b.capabilityIds, after.capabilityIds, (id) => names.capabilities.get(id) ?? `capability ${id}`);
  setDiff('epicIds', 'Epic', b.epicIds, after.epicIds, (id) => (names.epics.get(id) ? `${id} ${names.epics.get(id)}` : id));
  setDiff('frameworkIds', 'Framework', b.frameworkIds, after.frameworkIds, (id) => names.frameworks.get(id) ?? id);

  const keyedDiff = <T>(path: string, label: string, xs: T[] = [], ys: T[] = [], key: (v: T) => string) => {
    const xmap = new Map(xs.map((x) => [key(x), x]));
    const ymap = new Map(ys.map((y) => [key(y), y]));
    for (const [k, y] of ymap) {
      const x = xmap.get(k);
      if (!x) out.push({ path: `${path}[${k}]`, label: `${label} ${k}`, change: 'added', before: null, after: y });
      else if (!same(x, y)) out.push({ path: `${path}[${k}]`, label: `${label} ${k}`, change: 'changed', before: x, after: y });
    }
    for (const [k, x] of xmap) if (!ymap.has(k)) out.push({ path: `${path}[${k}]`, label: `${label} ${k}`, change: 'removed', before: x, after: null });
  };
  keyedDiff('integrations', 'Integration', b.integrations, after.integrations, (i) => `${i.integration}: ${i.type}${i.role ? ` (${i.role})` : ''}`);
  keyedDiff('applicationTypes', 'Application type', b.applicationTypes, after.applicationTypes, (a) => a.key);
  keyedDiff('hostingTypes', 'Hosting type', b.hostingTypes, after.hostingTypes, (h) => h.key);
  keyedDiff('prices', 'Price', b.prices, after.prices, (p) => p.id);

  const sub = (path: string, label: string, fields: [string, string][], x: object | null | undefined, y: object | null | undefined) => {
    if (!x || !y) return change(path, label, x ?? null, y ?? null);
    for (const [f, l] of fields) change(`${path}.${f}`, `${label}: ${l}`, (x as Record<string, unknown>)[f] ?? null, (y as Record<string, unknown>)[f] ?? null);
  };
  sub('serviceLevels', 'Service levels', SERVICE_LEVEL_FIELDS, b.serviceLevels, after.serviceLevels);
  sub('dataProcessing', 'Data processing', DATA_PROCESSING_FIELDS, b.dataProcessing, after.dataProcessing);
  return out;
}
