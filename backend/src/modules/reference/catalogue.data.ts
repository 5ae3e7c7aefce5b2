import { ImportError } from '../organisations/reference-import';

/*
 * The Buying Catalogue JSON files (layout: backend/data/buying-catalogue/README.md), read and
 * checked without touching the database. Every problem names the file and the JSON path.
 */

export const CATALOGUE_FILES = {
  capabilities: 'capabilities.json',
  epics: 'epics.json',
  standards: 'standards.json',
  frameworks: 'frameworks.json',
  integrations: 'integration-types.json',
  applicationAndHosting: 'application-and-hosting-types.json',
  suppliers: 'sample-solutions.json',
} as const;

export const COMPLIANCY = ['MUST', 'SHOULD', 'MAY'] as const;
export const CAPABILITY_STATUSES = ['Effective', 'Expired'] as const;
export const STANDARD_TYPES = ['Overarching', 'Other'] as const;
export const STANDARD_CATEGORIES = ['Overarching', 'Interoperability', 'Capability', 'Context Specific'] as const;

export const PATTERNS = {
  capabilityRef: /^C\d{1,3}$/,
  epicId: /^[A-Z0-9]{2,16}$/,
  standardId: /^S\d{1,6}$/,
  frameworkId: /^[A-Z0-9]{2,16}$/,
  supplierId: /^\d{5,8}$/,
  typeKey: /^[A-Za-z0-9-]{1,32}$/,
};

export interface Catalogue {
  categories: { id: number; name: string }[];
  capabilities: {
    id: number; ref: string; name: string; description: string; categoryId: number; version: string | null;
    status: string; sourceUrl: string | null; isFoundation: boolean;
  }[];
  epics: { id: string; name: string; isActive: boolean; supplierDefined: boolean }[];
  capabilityEpics: { capabilityId: number; epicId: string; compliancy: string }[];
  standards: {
    id: string; name: string; description: string | null; url: string | null; version: string | null;
    isDeleted: boolean; type: string; category: string;
  }[];
  standardCapabilities: { standardId: string; capabilityId: number }[];
  frameworks: { id: string; name: string; shortName: string; owner: string; fundingTypes: string[]; status: string; maximumTermMonths: number }[];
  frameworkCapabilities: { frameworkId: string; capabilityId: number }[];
  integrationTypes: { integration: string; name: string; description: string | null }[];
  applicationTypes: { key: string; name: string; detailFields: string[] }[];
  hostingTypes: { key: string; name: string; detailFields: string[] }[];
  suppliers: { code: string; name: string; status: 'active' | 'inactive' }[];
}

type Json = unknown;

/** Typed reads of one JSON file; each failure is `<file>: <path>: <reason>`. */
export class JsonReader {
  constructor(readonly file: string) {}

  fail(path: string, reason: string): ImportError {
    return new ImportError(`${this.file}: ${path}: ${reason}`);
  }

  object(v: Json, path: string): Record<string, Json> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw this.fail(path, 'must be an object');
    return v as Record<string, Json>;
  }

  array(v: Json, path: string): Json[] {
    if (!Array.isArray(v)) throw this.fail(path, 'must be an array');
    return v;
  }

  string(v: Json, path: string, opts: { max?: number; pattern?: RegExp; what?: string } = {}): string {
    if (typeof v !== 'string' || !v.trim()) throw this.fail(path, 'must be a non-empty string');
    if (v.length > (opts.max ?? 10000)) throw this.fail(path, `must be at most ${opts.max ?? 10000} characters`);
    if (opts.pattern && !opts.pattern.test(v)) throw this.fail(path, `"${v}" is not ${opts.what ?? `in the form ${opts.pattern}`}`);
    return v;
  }

  optionalString(v: Json, path: string, opts: { max?: number } = {}): string | null {
    return v === null || v === undefined || v === '' ? null : this.string(v, path, opts);
  }

  integer(v: Json, path: string, min = 0, max = 2147483647): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw this.fail(path, `must be a whole number from ${min} to ${max}`);
    return v;
  }

  boolean(v: Json, path: string): boolean {
    if (typeof v !== 'boolean') throw this.fail(path, 'must be true or false');
    return v;
  }

  oneOf<T extends string>(v: Json, path: string, allowed: readonly T[]): T {
    if (typeof v !== 'string' || !allowed.includes(v as T)) throw this.fail(path, `must be one of ${allowed.join(', ')}`);
    return v as T;
  }

  /** Records `key` under `path`; a second use is an error. */
  unique<K>(seen: Map<K, string>, key: K, path: string, what: string) {
    const first = seen.get(key);
    if (first) throw this.fail(path, `duplicate ${what} ${String(key)} (also at ${first})`);
    seen.set(key, path);
  }
}

/** Parses a JSON file's text; a syntax error names the file. */
export function parseJson(file: string, text: string): Json {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ImportError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
}

export function readCatalogue(texts: Record<keyof typeof CATALOGUE_FILES, string>): Catalogue {
  const doc = (k: keyof typeof CATALOGUE_FILES) => {
    const r = new JsonReader(CATALOGUE_FILES[k]);
    return { r, root: r.object(parseJson(CATALOGUE_FILES[k], texts[k]), '$') };
  };

  // capabilities.json
  const caps = doc('capabilities');
  const categoryIds = new Map<number, string>();
  const categories = caps.r.array(caps.root.categories, 'categories').map((v, i) => {
    const p = `categories[${i}]`;
    const o = caps.r.object(v, p);
    const id = caps.r.integer(o.id, `${p}.id`);
    caps.r.unique(categoryIds, id, `${p}.id`, 'category id');
    return { id, name: caps.r.string(o.name, `${p}.name`, { max: 200 }) };
  });
  const capabilityIds = new Map<number, string>();
  const refs = new Map<string, string>();
  const capabilities = caps.r.array(caps.root.capabilities, 'capabilities').map((v, i) => {
    const p = `capabilities[${i}]`;
    const o = caps.r.object(v, p);
    const id = caps.r.integer(o.id, `${p}.id`, 1);
    caps.r.unique(capabilityIds, id, `${p}.id`, 'capability id');
    const ref = caps.r.string(o.ref, `${p}.ref`, { pattern: PATTERNS.capabilityRef, what: 'a capability reference like C1' });
    caps.r.unique(refs, ref, `${p}.ref`, 'capability ref');
    const categoryId = caps.r.integer(o.category_id, `${p}.category_id`);
    if (!categoryIds.has(categoryId)) throw caps.r.fail(`${p}.category_id`, `category ${categoryId} is not in categories`);
    return {
      id,
      ref,
      name: caps.r.string(o.name, `${p}.name`, { max: 300 }),
      description: caps.r.string(o.description, `${p}.description`),
      categoryId,
      version: caps.r.optionalString(o.version, `${p}.version`, { max: 16 }),
      status: caps.r.oneOf(o.status, `${p}.status`, CAPABILITY_STATUSES),
      sourceUrl: caps.r.optionalString(o.source_url, `${p}.source_url`, { max: 2000 }),
      isFoundation: caps.r.boolean(o.gp_it_futures_foundation_capability ?? false, `${p}.gp_it_futures_foundation_capability`),
    };
  });
  const capability = (r: JsonReader, v: Json, path: string) => {
    const id = r.integer(v, path, 1);
    if (!capabilityIds.has(id)) throw r.fail(path, `capability ${id} is not in ${CATALOGUE_FILES.capabilities}`);
    return id;
  };

  // epics.json
  const ep = doc('epics');
  const epicIds = new Map<string, string>();
  const capabilityEpics: Catalogue['capabilityEpics'] = [];
  const epics = ep.r.array(ep.root.epics, 'epics').map((v, i) => {
    const p = `epics[${i}]`;
    const o = ep.r.object(v, p);
    const id = ep.r.string(o.id, `${p}.id`, { pattern: PATTERNS.epicId, what: 'an epic id like C1E1, E00109 or S00001' });
    ep.r.unique(epicIds, id, `${p}.id`, 'epic id');
    const linked = new Map<number, string>();
    ep.r.array(o.capabilities ?? [], `${p}.capabilities`).forEach((l, j) => {
      const lp = `${p}.capabilities[${j}]`;
      const link = ep.r.object(l, lp);
      const capabilityId = capability(ep.r, link.capability_id, `${lp}.capability_id`);
      ep.r.unique(linked, capabilityId, `${lp}.capability_id`, 'capability');
      capabilityEpics.push({ capabilityId, epicId: id, compliancy: ep.r.oneOf(link.compliancy, `${lp}.compliancy`, COMPLIANCY) });
    });
    return {
      id,
      name: ep.r.string(o.name, `${p}.name`, { max: 1000 }),
      isActive: ep.r.boolean(o.is_active, `${p}.is_active`),
      supplierDefined: ep.r.boolean(o.supplier_defined, `${p}.supplier_defined`),
    };
  });

  // standards.json: capability_ids "ALL" (or ["ALL"]) means every capability.
  const st = doc('standards');
  const standardIds = new Map<string, string>();
  const standardCapabilities: Catalogue['standardCapabilities'] = [];
  const standards = st.r.array(st.root.standards, 'standards').map((v, i) => {
    const p = `standards[${i}]`;
    const o = st.r.object(v, p);
    const id = st.r.string(o.id, `${p}.id`, { pattern: PATTERNS.standardId, what: 'a standard id like S1' });
    st.r.unique(standardIds, id, `${p}.id`, 'standard id');
    const raw = o.capability_ids ?? [];
    const all = raw === 'ALL' || (Array.isArray(raw) && raw.length === 1 && raw[0] === 'ALL');
    const ids = all ? [...capabilityIds.keys()] : st.r.array(raw, `${p}.capability_ids`).map((c, j) => capability(st.r, c, `${p}.capability_ids[${j}]`));
    const linked = new Map<number, string>();
    ids.forEach((capabilityId, j) => {
      st.r.unique(linked, capabilityId, `${p}.capability_ids[${j}]`, 'capability');
      standardCapabilities.push({ standardId: id, capabilityId });
    });
    return {
      id,
      name: st.r.string(o.name, `${p}.name`, { max: 300 }),
      description: st.r.optionalString(o.description, `${p}.description`),
      url: st.r.optionalString(o.url, `${p}.url`, { max: 2000 }),
      version: st.r.optionalString(o.version, `${p}.version`, { max: 32 }),
      isDeleted: st.r.boolean(o.is_deleted ?? false, `${p}.is_deleted`),
      type: st.r.oneOf(o.type, `${p}.type`, STANDARD_TYPES),
      category: st.r.oneOf(o.type_before_oct_2024, `${p}.type_before_oct_2024`, STANDARD_CATEGORIES),
    };
  });

  // frameworks.json
  const fw = doc('frameworks');
  const fundingTypes = fw.root.funding_types === undefined
    ? undefined
    : fw.r.array(fw.root.funding_types, 'funding_types').map((v, i) => fw.r.string(fw.r.object(v, `funding_types[${i}]`).name, `funding_types[${i}].name`));
  const frameworkIds = new Map<string, string>();
  const frameworkCapabilities: Catalogue['frameworkCapabilities'] = [];
  const frameworks = fw.r.array(fw.root.frameworks, 'frameworks').map((v, i) => {
    const p = `frameworks[${i}]`;
    const o = fw.r.object(v, p);
    const id = fw.r.string(o.id, `${p}.id`, { pattern: PATTERNS.frameworkId, what: 'a framework id like TIF001' });
    fw.r.unique(frameworkIds, id, `${p}.id`, 'framework id');
    const funding = fw.r.array(o.funding_types, `${p}.funding_types`).map((f, j) =>
      fundingTypes ? fw.r.oneOf(f, `${p}.funding_types[${j}]`, fundingTypes) : fw.r.string(f, `${p}.funding_types[${j}]`, { max: 100 }),
    );
    if (!funding.length) throw fw.r.fail(`${p}.funding_types`, 'must name at least one funding type');
    const linked = new Map<number, string>();
    fw.r.array(o.capability_ids ?? [], `${p}.capability_ids`).forEach((c, j) => {
      const capabilityId = capability(fw.r, c, `${p}.capability_ids[${j}]`);
      fw.r.unique(linked, capabilityId, `${p}.capability_ids[${j}]`, 'capability');
      frameworkCapabilities.push({ frameworkId: id, capabilityId });
    });
    return {
      id,
      name: fw.r.string(o.name, `${p}.name`, { max: 300 }),
      shortName: fw.r.string(o.short_name, `${p}.short_name`, { max: 100 }),
      owner: fw.r.string(o.owner, `${p}.owner`, { max: 200 }),
      fundingTypes: funding,
      status: fw.r.boolean(o.is_expired, `${p}.is_expired`) ? 'expired' : 'live',
      maximumTermMonths: fw.r.integer(o.maximum_term_months, `${p}.maximum_term_months`, 1, 120),
    };
  });

  // integration-types.json: IM1 and GP Connect types are names; NHS App types also carry a description.
  const it = doc('integrations');
  const integrationTypes: Catalogue['integrationTypes'] = [];
  const integrationKeys = new Map<string, string>();
  it.r.array(it.root.integrations, 'integrations').forEach((v, i) => {
    const p = `integrations[${i}]`;
    const o = it.r.object(v, p);
    const integration = it.r.string(o.name, `${p}.name`, { max: 32 });
    it.r.array(o.types, `${p}.types`).forEach((t, j) => {
      const tp = `${p}.types[${j}]`;
      const type: Record<string, Json> = typeof t === 'string' ? { name: t, description: null } : it.r.object(t, tp);
      const name = it.r.string(type.name, typeof t === 'string' ? tp : `${tp}.name`, { max: 200 });
      it.r.unique(integrationKeys, `${integration} / ${name}`, tp, 'integration type');
      integrationTypes.push({ integration, name, description: it.r.optionalString(type.description, `${tp}.description`, { max: 2000 }) });
    });
  });

  // application-and-hosting-types.json
  const ah = doc('applicationAndHosting');
  const types = (list: string, fieldsKey: string) => {
    const keys = new Map<string, string>();
    return ah.r.array(ah.root[list], list).map((v, i) => {
      const p = `${list}[${i}]`;
      const o = ah.r.object(v, p);
      const key = ah.r.string(o.key, `${p}.key`, { pattern: PATTERNS.typeKey, what: 'a key of letters, digits and dashes (at most 32)' });
      ah.r.unique(keys, key, `${p}.key`, 'key');
      return {
        key,
        name: ah.r.string(o.display, `${p}.display`, { max: 100 }),
        detailFields: ah.r.array(o[fieldsKey], `${p}.${fieldsKey}`).map((f, j) => ah.r.string(f, `${p}.${fieldsKey}[${j}]`, { max: 300 })),
      };
    });
  };
  const applicationTypes = types('application_types', 'detail_fields');
  const hostingTypes = types('hosting_types', 'fields');

  // sample-solutions.json: suppliers only for now; the catalogue items are loaded by later work.
  const ss = doc('suppliers');
  const supplierIds = new Map<string, string>();
  const suppliers = ss.r.array(ss.root.suppliers, 'suppliers').map((v, i) => {
    const p = `suppliers[${i}]`;
    const o = ss.r.object(v, p);
    const code = ss.r.string(o.id, `${p}.id`, { pattern: PATTERNS.supplierId, what: 'a supplier id of 5 to 8 digits' });
    ss.r.unique(supplierIds, code, `${p}.id`, 'supplier id');
    const deleted = ss.r.boolean(o.deleted ?? false, `${p}.deleted`);
    return { code, name: ss.r.string(o.name, `${p}.name`, { max: 300 }), status: deleted ? ('inactive' as const) : ('active' as const) };
  });

  return {
    categories, capabilities, epics, capabilityEpics, standards, standardCapabilities, frameworks, frameworkCapabilities,
    integrationTypes, applicationTypes, hostingTypes, suppliers,
  };
}
