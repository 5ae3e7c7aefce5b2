import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { notFound, validationFailed } from '../../core/errors/domain-error';
import type { ListingContent } from '../catalogue/listing';
import { CompareCell, CompareRow, CompareSection, Comparison, ListingPage, PageCapability, PageStandard } from './dto/listing-page.dto';
import { formatPrice } from './price-display';
import { VocabularyService } from './vocabulary';

const STATUS_TEXT: Record<string, string> = { published: 'Published', in_remediation: 'In remediation' };
const PROVISIONING_TEXT: Record<string, string> = { per_patient: 'Per patient', declarative: 'Declarative', on_demand: 'On demand', one_off: 'One-off' };
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/**
 * Everything the page shows, in one round trip (a named prepared statement): the item and its live
 * version, then the epics of the capabilities it claims with their results, capability results,
 * the standards that apply (overarching, or of a claimed capability) with results, the conformance
 * dates and the listed additional services. Listed items only (published or in remediation).
 */
const PAGE_STATEMENT = `
  WITH item AS (
    SELECT i.id, i.type, i.parent_item_id, i.publication_status, i.accreditation_status, i.accreditation_reason,
           i.accreditation_derived_at, i.first_published_at, i.last_published_at,
           v.id AS version_id, v.version, v.content, o.code AS supplier_code, o.name AS supplier_name,
           s.website, s.summary AS supplier_summary,
           -- no capabilities when the key is missing or not an array (a JSON null would make the set function fail)
           ARRAY(SELECT x::int FROM jsonb_array_elements_text(
             CASE jsonb_typeof(v.content->'capabilityIds') WHEN 'array' THEN v.content->'capabilityIds' ELSE '[]'::jsonb END) x) AS capability_ids
      FROM catalogue_items i
      JOIN listing_versions v ON v.id = i.live_version_id
      JOIN organisations o ON o.id = i.supplier_id
      LEFT JOIN suppliers s ON s.organisation_id = i.supplier_id
     WHERE i.id = $1 AND i.publication_status IN ('published','in_remediation'))
  SELECT item.*,
    (SELECT coalesce(json_agg(e ORDER BY e.capability_id, e.rank, e.id), '[]')
       FROM (SELECT ce.capability_id, e.id, e.name, ce.compliancy, ea.result,
                    CASE ce.compliancy WHEN 'MUST' THEN 0 WHEN 'SHOULD' THEN 1 ELSE 2 END AS rank
               FROM capability_epics ce JOIN epics e ON e.id = ce.epic_id
               LEFT JOIN epic_assessments ea ON ea.item_id = item.id AND ea.epic_id = e.id
              WHERE ce.capability_id = ANY(item.capability_ids) AND e.is_active) e) AS epics,
    (SELECT coalesce(json_agg(json_build_object('capability_id', capability_id, 'result', result, 'assessed_on', assessed_on::text)), '[]')
       FROM capability_assessments WHERE item_id = item.id) AS cap_results,
    (SELECT coalesce(json_agg(x ORDER BY x.n), '[]')
       FROM (SELECT st.id, st.name, st.category, st.url, sa.result, sa.due_on::text AS due_on, sa.assessed_on::text AS assessed_on,
                    sa.expires_on::text AS expires_on, (substring(st.id from 2))::int AS n
               FROM standards st
               LEFT JOIN standard_assessments sa ON sa.item_id = item.id AND sa.standard_id = st.id
              WHERE NOT st.is_deleted
                AND (st.type = 'Overarching'
                     OR EXISTS (SELECT 1 FROM standard_capabilities sc WHERE sc.standard_id = st.id AND sc.capability_id = ANY(item.capability_ids)))) x) AS standards,
    (SELECT max(assessed_on)::text FROM (
       SELECT assessed_on FROM capability_assessments WHERE item_id = item.id
       UNION ALL SELECT assessed_on FROM epic_assessments WHERE item_id = item.id
       UNION ALL SELECT assessed_on FROM standard_assessments WHERE item_id = item.id) a) AS latest_assessed_on,
    (SELECT min(expires_on)::text FROM (
       SELECT expires_on FROM capability_assessments WHERE item_id = item.id
       UNION ALL SELECT expires_on FROM epic_assessments WHERE item_id = item.id
       UNION ALL SELECT expires_on FROM standard_assessments WHERE item_id = item.id) a) AS earliest_expires_on,
    (SELECT coalesce(json_agg(json_build_object('id', item_id, 'name', name, 'summary', summary) ORDER BY lower(name), item_id), '[]')
       FROM catalogue_search
      WHERE parent_item_id = item.id AND publication_status IN ('published','in_remediation')) AS additional
  FROM item`;

/** The public page of one listed item, and side-by-side comparisons built from those pages. */
@Injectable()
export class ListingPageService {
  constructor(
    private readonly db: DataSource,
    private readonly vocabulary: VocabularyService,
  ) {}

  /** Listed items only (published or in remediation); anything else is "not found", drafts included. */
  async get(id: string): Promise<ListingPage> {
    const pool = (this.db.driver as PostgresDriver).master as Pool;
    const [item] = (await pool.query({ name: 'listing-page', text: PAGE_STATEMENT, values: [id] })).rows;
    if (!item) throw notFound('Catalogue item', id);
    const c = item.content as ListingContent;
    const capabilityIds = (c.capabilityIds ?? []).map(Number);
    const claimedEpics = new Set(c.epicIds ?? []);
    const { epics, cap_results: capResults, standards, additional } = item;

    const v = await this.vocabulary.get();
    const capResult = new Map<number, { result: string; assessed_on: string }>(capResults.map((r: { capability_id: number; result: string; assessed_on: string }) => [r.capability_id, r]));
    const capabilities: PageCapability[] = capabilityIds
      .map((capId) => v.capabilityById.get(capId))
      .filter((x): x is { id: number; ref: string; name: string } => !!x)
      .sort((a, b) => a.id - b.id)
      .map((cap) => {
        const own = epics
          .filter((e: { capability_id: number }) => e.capability_id === cap.id)
          .map((e: { id: string; name: string; compliancy: string; result: string | null }) => ({
            id: e.id,
            name: e.name,
            compliancy: e.compliancy,
            claimed: claimedEpics.has(e.id),
            met: e.result === 'passed',
            result: e.result,
          }));
        const count = (level: string, met: boolean) => own.filter((e: { compliancy: string; met: boolean }) => e.compliancy === level && (!met || e.met)).length;
        return {
          ref: cap.ref,
          name: cap.name,
          result: capResult.get(cap.id)?.result ?? null,
          assessedOn: capResult.get(cap.id)?.assessed_on ?? null,
          mustMet: count('MUST', true),
          mustTotal: count('MUST', false),
          mayMet: count('MAY', true),
          mayTotal: count('MAY', false),
          epics: own,
        };
      });
    const today = new Date().toISOString().slice(0, 10);
    const pageStandards: PageStandard[] = standards.map((s: Record<string, string | null>) => ({
      id: s.id,
      name: s.name,
      category: s.category,
      url: s.url,
      outcome: s.result ?? 'not_assessed',
      dueOn: s.due_on,
      assessedOn: s.assessed_on,
      expiresOn: s.expires_on,
    }));

    return {
      id: item.id,
      type: item.type,
      parentItemId: item.parent_item_id,
      publicationStatus: item.publication_status,
      publicationStatusText: STATUS_TEXT[item.publication_status],
      versionId: item.version_id,
      version: item.version,
      firstPublishedAt: iso(item.first_published_at),
      lastPublishedAt: iso(item.last_published_at),
      name: c.name,
      summary: c.summary ?? '',
      description: c.description ?? '',
      features: c.features ?? [],
      supplier: { code: item.supplier_code, name: item.supplier_name, website: item.website ?? null, summary: item.supplier_summary ?? null },
      accreditation: { status: item.accreditation_status, reason: item.accreditation_reason, derivedAt: iso(item.accreditation_derived_at) },
      capabilities,
      standards: pageStandards,
      integrations: (c.integrations ?? []).map((i) => ({ ...i, key: `${i.integration}: ${i.type}` })),
      applicationTypes: (c.applicationTypes ?? []).map((a) => ({ key: a.key, name: v.applicationTypes.get(a.key) ?? a.key, details: a.details ?? {} })),
      hostingTypes: (c.hostingTypes ?? []).map((h) => ({ ...h, name: v.hostingTypes.get(h.key) ?? h.key })),
      implementation: c.implementation ?? '',
      roadmap: c.roadmap ?? '',
      serviceLevels: c.serviceLevels ?? null,
      dataProcessing: c.dataProcessing ?? null,
      prices: (c.prices ?? []).map((p) => ({ ...p, display: formatPrice(p) })),
      frameworks: (c.frameworkIds ?? []).map((fid) => ({ id: fid, name: v.frameworks.get(fid) ?? fid })),
      conformance: {
        latestAssessedOn: item.latest_assessed_on ?? null,
        earliestExpiresOn: item.earliest_expires_on ?? null,
        openWorkOffPlans: pageStandards
          .filter((s) => s.outcome === 'work_off_plan' && s.dueOn)
          .map((s) => ({ standardId: s.id, standardName: s.name, dueOn: s.dueOn!, overdue: s.dueOn! < today }))
          .sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
      },
      additionalServices: additional,
      ...(c.aboutUrl ? { aboutUrl: c.aboutUrl } : {}),
      ...(c.orderGuidance ? { orderGuidance: c.orderGuidance } : {}),
    };
  }

  async compare(ids: string[]): Promise<Comparison> {
    const unique = [...new Set(ids)];
    if (unique.length < 2 || unique.length > 4) {
      throw validationFailed([{ field: 'items', message: 'Choose between 2 and 4 different solutions to compare' }]);
    }
    const [{ listed }] = await this.db.query(
      `SELECT coalesce(array_agg(id), '{}') AS listed FROM catalogue_items WHERE id = ANY($1::text[]) AND publication_status IN ('published','in_remediation')`,
      [unique],
    );
    const missing = unique.filter((id) => !listed.includes(id));
    if (missing.length) throw validationFailed(missing.map((id) => ({ field: 'items', message: `${id} is not a listed catalogue item` })));
    const pages = await Promise.all(unique.map((id) => this.get(id)));
    return buildComparison(pages);
  }
}

function row(key: string, label: string, cells: CompareCell[]): CompareRow {
  return { key, label, cells, differs: new Set(cells.map((c) => c.text)).size > 1 };
}

/** The comparison table: one row per thing any of the items has, with `differs` for highlighting. */
export function buildComparison(pages: ListingPage[]): Comparison {
  const sections: CompareSection[] = [];

  const caps = new Map<string, string>();
  for (const p of pages) for (const c of p.capabilities) caps.set(c.ref, c.name);
  sections.push({
    key: 'capabilities',
    title: 'Capabilities',
    rows: [...caps.entries()]
      .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))
      .map(([ref, name]) =>
        row(ref, `${ref} ${name}`, pages.map((p) => {
          const c = p.capabilities.find((x) => x.ref === ref);
          if (!c) return { text: 'Not claimed', has: false };
          return { text: `MUST ${c.mustMet}/${c.mustTotal}, MAY ${c.mayMet}/${c.mayTotal}`, has: true, mustMet: c.mustMet, mustTotal: c.mustTotal, mayMet: c.mayMet, mayTotal: c.mayTotal };
        })),
      ),
  });

  const standards = new Map<string, string>();
  for (const p of pages) for (const s of p.standards) standards.set(s.id, s.name);
  const outcomeText: Record<string, string> = { met: 'Met', not_met: 'Not met', not_assessed: 'Not yet assessed', not_required: 'Not required' };
  sections.push({
    key: 'standards',
    title: 'Standards',
    rows: [...standards.entries()]
      .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))
      .map(([id, name]) =>
        row(id, `${id} ${name}`, pages.map((p) => {
          const s = p.standards.find((x) => x.id === id);
          const outcome = s?.outcome ?? 'not_required';
          const text = outcome === 'work_off_plan' ? `Work-off plan due ${s!.dueOn}` : outcomeText[outcome];
          return { text, outcome };
        })),
      ),
  });

  const yesNo = (key: string, title: string, values: (p: ListingPage) => Map<string, { label: string; text: string }>) => {
    const per = pages.map(values);
    const all = new Map<string, string>();
    for (const m of per) for (const [k, x] of m) all.set(k, x.label);
    sections.push({
      key,
      title,
      rows: [...all.entries()]
        .sort(([, a], [, b]) => a.localeCompare(b))
        .map(([k, label]) => row(k, label, per.map((m) => (m.has(k) ? { text: m.get(k)!.text, has: true } : { text: 'No', has: false })))),
    });
  };
  yesNo('integrations', 'Integrations', (p) => {
    const m = new Map<string, { label: string; text: string }>();
    for (const i of p.integrations) {
      const prev = m.get(i.key);
      const role = i.role ? `Yes (${i.role})` : 'Yes';
      m.set(i.key, { label: i.key, text: prev && prev.text !== role ? 'Yes (provider and consumer)' : role });
    }
    return m;
  });
  yesNo('applicationTypes', 'Application types', (p) => new Map(p.applicationTypes.map((a) => [a.key, { label: a.name, text: 'Yes' }])));
  yesNo('hostingTypes', 'Hosting types', (p) => new Map(p.hostingTypes.map((h) => [h.key, { label: h.name, text: h.requiresHscn ? 'Yes (needs HSCN)' : 'Yes' }])));

  const levels: [keyof NonNullable<ListingPage['serviceLevels']>, string][] = [
    ['availability', 'Availability'],
    ['supportHours', 'Support hours'],
    ['responseTimes', 'Response times'],
    ['plannedMaintenance', 'Planned maintenance'],
  ];
  sections.push({
    key: 'serviceLevels',
    title: 'Service levels',
    rows: levels.map(([k, label]) => row(k, label, pages.map((p) => ({ text: p.serviceLevels?.[k] || 'Not stated' })))),
  });

  const provisioning = new Set<string>();
  for (const p of pages) for (const price of p.prices) provisioning.add(price.provisioningType);
  sections.push({
    key: 'prices',
    title: 'List prices',
    rows: Object.keys(PROVISIONING_TEXT)
      .filter((k) => provisioning.has(k))
      .map((k) =>
        row(k, PROVISIONING_TEXT[k], pages.map((p) => {
          const prices = p.prices.filter((x) => x.provisioningType === k);
          return prices.length ? { text: prices.map((x) => x.display).join('; '), has: true } : { text: 'No price', has: false };
        })),
      ),
  });

  return {
    items: pages.map((p) => ({
      id: p.id,
      name: p.name,
      supplierName: p.supplier.name,
      publicationStatus: p.publicationStatus,
      accreditationStatus: p.accreditation.status,
      versionId: p.versionId,
    })),
    sections,
  };
}
