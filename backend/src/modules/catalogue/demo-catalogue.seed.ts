import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { dataDir } from '../../cli/data-dir';
import type { ItemType, ListingApplicationType, ListingContent, ListingIntegration, ListingPrice, PriceTier } from './listing';
import { poundsToHundredthsOfPenny } from './money';

/** The shape of backend/data/buying-catalogue/sample-solutions.json (only what we use). */
interface SampleSupplier {
  id: string;
  name: string;
  legal_name?: string | null;
  url?: string | null;
  summary?: string | null;
}
interface SamplePrice {
  provisioning_type: string;
  price_type: string;
  unit: string;
  time_unit: string | null;
  calculation_type: string;
  price: number;
}
export interface SampleItem {
  id: string;
  name: string;
  type: 'Solution' | 'Additional Service' | 'Associated Service';
  supplier_id: string;
  publication_status: string;
  created: string | null;
  capabilities: { capability_id: number; name: string }[];
  epic_ids: string[];
  list_prices: SamplePrice[];
  summary?: string | null;
  full_description?: string | null;
  description?: string | null;
  features?: string[] | null;
  application_types?: string[] | null;
  browsers_supported?: string[] | null;
  hosting_types?: string[] | null;
  implementation_detail?: string | null;
  roadmap?: string | null;
  about_url?: string | null;
  order_guidance?: string | null;
  frameworks?: { framework_id: string }[] | null;
  parent_solution_id?: string;
}

const ITEM_TYPE: Record<SampleItem['type'], ItemType> = {
  Solution: 'solution',
  'Additional Service': 'additional_service',
  'Associated Service': 'associated_service',
};
const PROVISIONING: Record<string, ListingPrice['provisioningType']> = { Patient: 'per_patient', Declarative: 'declarative', OnDemand: 'on_demand' };
const CALCULATION: Record<string, ListingPrice['calculationType']> = { SingleFixed: 'single_fixed', Cumulative: 'cumulative', Volume: 'volume' };
const BILLING: Record<string, ListingPrice['billingPeriod']> = { 'per year': 'year', 'per month': 'month' };
const HOSTING_KEY: Record<string, string> = { PublicCloud: 'PublicCloud', PrivateCloud: 'PrivateCloud', OnPremise: 'OnPremise', Hybrid: 'Hybrid', HybridHostingType: 'Hybrid' };
const HOSTING_NAME: Record<string, string> = { PublicCloud: 'public cloud', PrivateCloud: 'private cloud', OnPremise: 'on-premise servers', Hybrid: 'a hybrid of cloud and on-premise' };
/** Capabilities only a GP clinical system claims (Patient Information Maintenance, Recording Consultations - GP). */
const CLINICAL_SYSTEM_CAPABILITIES = [13, 15];

/** A number 0..n-1 fixed by the item id, so generated text is the same on every import. */
const pick = (id: string, salt: string, n: number) => createHash('sha256').update(`${id}:${salt}`).digest().readUInt32BE(0) % n;

export function mapPrice(p: SamplePrice, index: number): ListingPrice {
  const price = poundsToHundredthsOfPenny(p.price);
  const provisioningType = PROVISIONING[p.provisioning_type];
  const calculationType = CALCULATION[p.calculation_type];
  if (!provisioningType || !calculationType) throw new Error(`Unknown price vocabulary: ${p.provisioning_type} / ${p.calculation_type}`);
  const billingPeriod: ListingPrice['billingPeriod'] = p.time_unit ? BILLING[p.time_unit] : 'one_off';
  if (!billingPeriod) throw new Error(`Unknown time unit: ${p.time_unit}`);
  // The source seed expands tiered prices to 1–9 at the price, 10–99 at half and 100+ at a quarter.
  const tiers: PriceTier[] =
    p.price_type === 'Tiered'
      ? [
          { from: 1, to: 9, priceHundredthsOfPenny: price },
          { from: 10, to: 99, priceHundredthsOfPenny: Math.round(price / 2) },
          { from: 100, to: null, priceHundredthsOfPenny: Math.round(price / 4) },
        ]
      : [{ from: 1, to: null, priceHundredthsOfPenny: price }];
  const perRecipient = provisioningType === 'per_patient' || /per (practice|patient)/i.test(p.unit);
  return {
    id: `p${index + 1}`,
    provisioningType,
    priceType: p.price_type === 'Tiered' ? 'tiered' : 'flat',
    calculationType,
    quantityBasis: perRecipient ? 'per_service_recipient' : 'per_solution',
    billingPeriod,
    unit: p.unit,
    tiers,
  };
}

function firstSentences(text: string, max = 300): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = cut.lastIndexOf('. ');
  return end > 50 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

/**
 * Maps a sample item to a listing. Service levels, data processing and (for solutions) the
 * integrations are GENERATED: the source data has none. They are plausible demo values chosen
 * deterministically from the item id, not any supplier's real commitments.
 */
export function mapItem(item: SampleItem, frameworkIds: string[], knownEpics: Set<string>): ListingContent {
  const type = ITEM_TYPE[item.type];
  const description = (item.full_description ?? item.description ?? '').trim();
  const content: ListingContent = {
    name: item.name.trim(),
    summary: (item.summary ?? '').trim() || firstSentences(description),
    description,
    features: (item.features ?? []).map((f) => f.trim()).filter(Boolean),
    capabilityIds: item.capabilities.map((c) => c.capability_id),
    epicIds: item.epic_ids.filter((e) => knownEpics.has(e)),
    frameworkIds,
    integrations: [],
    applicationTypes: (item.application_types ?? []).map((key): ListingApplicationType => ({
      key,
      details: key === 'browser-based' && item.browsers_supported?.length ? { 'supported browsers (+minimum version)': item.browsers_supported.join(', ') } : {},
    })),
    hostingTypes: (item.hosting_types ?? []).map((h) => {
      const key = HOSTING_KEY[h];
      if (!key) throw new Error(`${item.id}: unknown hosting type ${h}`);
      return { key, summary: `${item.name.trim()} is hosted on ${HOSTING_NAME[key]} in UK data centres.`, requiresHscn: key !== 'PublicCloud' };
    }),
    implementation: (item.implementation_detail ?? '').trim(),
    roadmap: (item.roadmap ?? '').trim(),
    serviceLevels: null,
    dataProcessing: null,
    prices: item.list_prices.map(mapPrice),
  };
  if (item.about_url?.trim()) content.aboutUrl = item.about_url.trim();
  if (item.order_guidance?.trim()) content.orderGuidance = item.order_guidance.trim();
  if (type === 'solution') {
    content.serviceLevels = {
      availability: ['99.5% per month, excluding planned maintenance', '99.8% per month, excluding planned maintenance', '99.9% per month, excluding planned maintenance'][pick(item.id, 'availability', 3)],
      supportHours: ['08:00 to 18:30, Monday to Friday, excluding bank holidays', '08:00 to 20:00, Monday to Saturday; priority 1 incidents 24/7'][pick(item.id, 'support', 2)],
      responseTimes: 'Priority 1: 1 hour; priority 2: 4 working hours; priority 3: 2 working days; priority 4: 5 working days.',
      plannedMaintenance: 'Outside core hours, with at least 5 working days’ notice.',
    };
    content.dataProcessing = {
      dataLocation: 'UK only',
      processingSummary: 'Patient demographic and clinical data processed on behalf of the practice (the data controller) to provide the service, under a data processing agreement.',
      subProcessors: [[], ['Microsoft Azure (UK South)'], ['Amazon Web Services (eu-west-2, London)']][pick(item.id, 'hosting', 3)],
    };
    const clinical = content.capabilityIds.some((c) => CLINICAL_SYSTEM_CAPABILITIES.includes(c));
    const integrations: ListingIntegration[] = clinical
      ? [
          { integration: 'IM1', type: 'Bulk', role: 'provider' },
          { integration: 'IM1', type: 'Transactional', role: 'provider' },
          { integration: 'IM1', type: 'Patient Facing', role: 'provider' },
          { integration: 'GP Connect', type: 'Access Record HTML', role: 'provider' },
          { integration: 'GP Connect', type: 'Appointment Management', role: 'provider' },
        ]
      : pick(item.id, 'im1', 2) === 0
        ? [{ integration: 'IM1', type: 'Transactional', role: 'consumer', integratesWith: ['EMIS Web GP', 'SystmOne'][pick(item.id, 'with', 2)] }]
        : [];
    content.integrations = integrations;
  }
  return content;
}

/**
 * Imports the sample catalogue (74 suppliers' profiles, 117 items) for demos and tests. Re-runnable:
 * existing profiles and items are left alone, so vendors' edits survive a restart.
 */
export async function seedDemoCatalogue(db: DataSource, log: (m: string) => void = () => {}, file = path.join(dataDir('buying-catalogue'), 'sample-solutions.json')) {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { suppliers: SampleSupplier[]; catalogue_items: SampleItem[] };
  const order: SampleItem['type'][] = ['Solution', 'Additional Service', 'Associated Service'];
  const items = [...data.catalogue_items].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type) || a.id.localeCompare(b.id));
  const byId = new Map(items.map((i) => [i.id, i]));
  const frameworksOf = (i: SampleItem): string[] => {
    if (i.frameworks?.length) return [...new Set(i.frameworks.map((f) => f.framework_id))];
    const parent = i.parent_solution_id ? byId.get(i.parent_solution_id) : undefined;
    return parent?.frameworks?.length ? frameworksOf(parent) : ['TIF001'];
  };
  await db.transaction(async (m: EntityManager) => {
    const orgs = new Map<string, string>(
      (await m.query(`SELECT code, id FROM organisations WHERE type = 'supplier' AND code = ANY($1)`, [data.suppliers.map((s) => s.id)])).map((r: any) => [r.code, r.id]),
    );
    let profiles = 0;
    for (const s of data.suppliers) {
      const orgId = orgs.get(s.id);
      if (!orgId) throw new Error(`Supplier ${s.id} is missing: import the reference data first`);
      const res = await m.query(
        `INSERT INTO suppliers (organisation_id, legal_name, summary, website) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organisation_id) DO NOTHING RETURNING organisation_id`,
        [orgId, s.legal_name?.trim() || s.name, s.summary?.trim() || null, s.url?.trim() || null],
      );
      profiles += res.length;
    }
    const knownEpics = new Set<string>((await m.query(`SELECT id FROM epics`)).map((r: any) => r.id));
    const existing = new Set<string>((await m.query(`SELECT id FROM catalogue_items WHERE id = ANY($1)`, [items.map((i) => i.id)])).map((r: any) => r.id));
    let created = 0;
    for (const item of items) {
      if (existing.has(item.id)) continue;
      const supplierId = orgs.get(item.supplier_id);
      if (!supplierId) throw new Error(`${item.id}: supplier ${item.supplier_id} is missing`);
      const content = mapItem(item, frameworksOf(item), knownEpics);
      const published = item.publication_status === 'Published';
      const at = item.created ? `${item.created}T09:00:00Z` : '2020-04-01T09:00:00Z';
      await m.query(
        `INSERT INTO catalogue_items (id, supplier_id, type, parent_item_id, publication_status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)`,
        [item.id, supplierId, ITEM_TYPE[item.type], item.parent_solution_id ?? null, published ? 'published' : 'draft', at],
      );
      const [version] = await m.query(
        `INSERT INTO listing_versions (item_id, version, status, content, created_at, updated_at, submitted_at, decided_at)
         VALUES ($1, 1, $2, $3, $4, $4, $5, $5) RETURNING id`,
        [item.id, published ? 'approved' : 'draft', JSON.stringify(content), at, published ? at : null],
      );
      if (published) {
        await m.query(`UPDATE catalogue_items SET live_version_id = $2, first_published_at = $3, last_published_at = $3 WHERE id = $1`, [item.id, version.id, at]);
      }
      await m.query(`SELECT refresh_catalogue_search($1)`, [item.id]);
      created++;
    }
    log(`Demo catalogue ready: ${profiles} supplier profile(s) and ${created} item(s) added (${data.suppliers.length} suppliers, ${items.length} items in the sample)`);
  });
}
