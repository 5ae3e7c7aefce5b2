import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import type { Actor } from '../../core/auth/roles';
import { DomainError, forbidden, notFound, validationFailed } from '../../core/errors/domain-error';
import { pageParams } from '../../core/http/paging';
import type { ListingPrice } from '../catalogue/listing';
import { quantityInput } from '../ordering/order-pricing';
import { formatOrderNumber, isCalendarDay } from '../ordering/order.rules';
import { RELEASES_PER_PAGE } from './dto/ocds.dto';
import { compileReleases, hundredthsOfPennyToAmount, JsonObject, londonDateTime, penceToAmount } from './ocds.rules';

export type ContractEvent = 'award' | 'amendment' | 'termination';

const TAGS: Record<ContractEvent, string[]> = {
  award: ['award', 'contract'],
  amendment: ['contractAmendment'],
  termination: ['contractTermination'],
};

export const OCDS_VERSION = '1.1';
/** UK public-sector open data: the Open Government Licence v3.0. */
export const OCDS_LICENSE = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';
const PUBLISHER_NAME = 'GP IT Marketplace';

/** CPV codes for what a call-off buys (the catalogue's item types). */
const CPV: Record<string, { id: string; description: string }> = {
  solution: { id: '48000000', description: 'Software package and information systems' },
  additional_service: { id: '72000000', description: 'IT services: consulting, software development, Internet and support' },
  associated_service: { id: '72000000', description: 'IT services: consulting, software development, Internet and support' },
};

export interface BulkQuery {
  icb: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/**
 * Open Contracting Data Standard 1.1.5 publication (decision 016). One contracting process (ocid)
 * per call-off contract, `<prefix>-C000123`. Every contract event appends an immutable release,
 * built from the data at that moment in the caller's transaction; the endpoints serve them as
 * release packages, a record package with a compiled release, and a bulk package per ICB.
 */
@Injectable()
export class OcdsService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  ocidFor(orderNumber: number): string {
    return `${this.config.ocdsOcidPrefix}-${formatOrderNumber(orderNumber, 1).slice(0, 7)}`;
  }

  /** Appends the release for a contract event, in the transaction that made the change. */
  async appendFor(contractId: string, event: ContractEvent, m: EntityManager): Promise<void> {
    const [c] = await m.query(
      `SELECT c.id, c.order_number, c.start_date, c.end_date, c.value_pence, c.termination_date, c.termination_reason, c.framework_id,
              o.revision, o.description, o.completed_at, transaction_timestamp() AS now,
              b.code AS buyer_code, b.name AS buyer_name, b.type AS buyer_type,
              b.address_line_1, b.address_line_2, b.address_line_3, b.town, b.county, b.postcode,
              CASE WHEN b.type = 'icb' THEN b.code ELSE b.icb_code END AS icb_code,
              icb.name AS icb_name,
              s.code AS supplier_code, s.name AS supplier_name,
              f.name AS framework_name, f.owner AS framework_owner,
              sv.content->>'name' AS solution_name,
              (SELECT count(*)::int FROM contract_recipients cr WHERE cr.contract_id = c.id) AS recipient_count
         FROM contracts c
         JOIN orders o ON o.id = c.order_id
         JOIN organisations b ON b.id = c.buyer_id
         LEFT JOIN organisations icb ON icb.code = CASE WHEN b.type = 'icb' THEN b.code ELSE b.icb_code END
         JOIN organisations s ON s.id = c.supplier_id
         JOIN frameworks f ON f.id = c.framework_id
         LEFT JOIN order_items soi ON soi.order_id = c.order_id AND soi.item_id = c.solution_item_id
         LEFT JOIN listing_versions sv ON sv.id = soi.listing_version_id
        WHERE c.id = $1`,
      [contractId],
    );
    if (!c) throw notFound('Contract', contractId);
    const items: any[] = await m.query(
      `SELECT oi.item_id, ci.type, lv.content->>'name' AS name, oi.price_snapshot, oi.quantity, oi.funding_source,
              (SELECT sum(q.quantity)::bigint FROM order_item_quantities q WHERE q.order_item_id = oi.id) AS recipient_quantity,
              (SELECT coalesce(sum(r.registered_patients), 0)::bigint FROM order_recipients r WHERE r.order_id = oi.order_id) AS patients
         FROM order_items oi JOIN catalogue_items ci ON ci.id = oi.item_id JOIN listing_versions lv ON lv.id = oi.listing_version_id
        WHERE oi.order_id = (SELECT order_id FROM contracts WHERE id = $1)
        ORDER BY CASE ci.type WHEN 'solution' THEN 0 WHEN 'additional_service' THEN 1 ELSE 2 END, oi.item_id`,
      [contractId],
    );

    const ocid = this.ocidFor(c.order_number);
    const processId = formatOrderNumber(c.order_number, 1).slice(0, 7); // C000123
    const revisionRef = formatOrderNumber(c.order_number, c.revision);
    const releaseId = `${revisionRef}-${event}`;
    const date = new Date(c.now).toISOString();
    const value = { amount: penceToAmount(c.value_pence), currency: 'GBP' };
    const buyerRef = { id: `GB-NHS-${c.buyer_code}`, name: c.buyer_name };
    const supplierRef = { id: `GPITM-SUPPLIER-${c.supplier_code}`, name: c.supplier_name };
    const centrallyFunded = items.some((i) => i.funding_source === 'central');

    const parties: JsonObject[] = [
      {
        ...buyerRef,
        identifier: { scheme: 'GB-NHS', id: c.buyer_code, legalName: c.buyer_name },
        address: compact({
          streetAddress: [c.address_line_1, c.address_line_2, c.address_line_3].filter(Boolean).join(', ') || null,
          locality: c.town,
          region: c.county,
          postalCode: c.postcode,
          countryName: 'United Kingdom',
        }),
        // A call-off is run by the buyer itself; an ICB buying for itself is also its own commissioner.
        roles: c.buyer_type === 'icb' ? ['buyer', 'procuringEntity', ...(centrallyFunded ? ['funder'] : [])] : ['buyer', 'procuringEntity'],
      },
    ];
    if (c.icb_code && c.icb_code !== c.buyer_code) {
      // The buyer's ICB: commissions primary care in the area and approves centrally funded orders.
      parties.push({
        id: `GB-NHS-${c.icb_code}`,
        name: c.icb_name ?? c.icb_code,
        identifier: { scheme: 'GB-NHS', id: c.icb_code, legalName: c.icb_name ?? c.icb_code },
        roles: centrallyFunded ? ['funder', 'interestedParty'] : ['interestedParty'],
      });
    }
    parties.push({ ...supplierRef, roles: ['supplier', 'payee'] });

    const ocdsItems = items.map((i) => {
      const price = i.price_snapshot as ListingPrice;
      const quantity = { per_patient: Number(i.patients), per_order: i.quantity, per_recipient: i.recipient_quantity === null ? null : Number(i.recipient_quantity) }[quantityInput(price)];
      const flat = price.tiers?.length === 1 ? price.tiers[0] : null;
      return compact({
        id: i.item_id,
        description: i.name,
        classification: { scheme: 'CPV', ...CPV[i.type] },
        quantity: quantity ?? null,
        unit: compact({ name: unitName(price), value: flat ? { amount: hundredthsOfPennyToAmount(flat.priceHundredthsOfPenny), currency: 'GBP' } : null }),
      });
    });

    const contract: JsonObject = {
      id: processId,
      awardID: processId,
      title: `${c.solution_name ?? 'GP IT'} for ${c.buyer_name}`,
      description: `${c.description ?? ''} (order ${revisionRef}; ${c.recipient_count} service recipient${c.recipient_count === 1 ? '' : 's'})`.trim(),
      status: event === 'termination' ? 'terminated' : 'active',
      period: {
        startDate: londonDateTime(c.start_date),
        endDate: londonDateTime(event === 'termination' ? c.termination_date : c.end_date, true),
      },
      value,
      items: ocdsItems,
    };
    if (event === 'award') contract.dateSigned = new Date(c.completed_at ?? c.now).toISOString();
    if (event === 'amendment') {
      const [previous] = await m.query(`SELECT id, released #> '{contracts,0,value,amount}' AS amount FROM ocds_releases WHERE ocid = $1 ORDER BY date DESC, created_at DESC LIMIT 1`, [ocid]);
      const before = previous?.amount === undefined || previous?.amount === null ? null : Number(previous.amount);
      contract.amendments = [
        compact({
          id: revisionRef,
          date,
          rationale: `Order amended by revision ${revisionRef}: amendments only add service recipients or services.`,
          description: before === null ? `Contract value now £${value.amount}` : `Contract value changed from £${before} to £${value.amount}`,
          amendsReleaseID: previous?.id ?? null,
          releaseID: releaseId,
        }),
      ];
    }
    if (event === 'termination') {
      contract.description = `${contract.description}. Terminated early with effect from ${c.termination_date}: ${c.termination_reason}`;
    }

    const release: JsonObject = {
      ocid,
      id: releaseId,
      date,
      tag: TAGS[event],
      initiationType: 'tender',
      language: 'en',
      parties,
      buyer: buyerRef,
      tender: {
        id: processId,
        title: c.description ?? `Call-off ${processId}`,
        status: 'complete',
        procuringEntity: buyerRef,
        procurementMethod: 'direct',
        procurementMethodDetails: `Call-off from the ${c.framework_name} framework agreement (${c.framework_id})`,
        mainProcurementCategory: 'services',
      },
      relatedProcesses: [
        {
          id: `framework-${c.framework_id}`,
          relationship: ['framework'],
          title: `${c.framework_name} (${c.framework_owner})`,
          identifier: c.framework_id,
        },
      ],
      contracts: [contract],
    };
    if (event === 'award') {
      release.awards = [
        {
          id: processId,
          title: contract.title,
          status: 'active',
          date: contract.dateSigned,
          value,
          suppliers: [supplierRef],
          items: ocdsItems,
          contractPeriod: contract.period,
        },
      ];
    }

    await m.query(
      `INSERT INTO ocds_releases (id, ocid, contract_id, order_number, tag, date, icb_code, released) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [releaseId, ocid, contractId, c.order_number, TAGS[event], date, c.icb_code, JSON.stringify(release)],
    );
  }

  private publisher() {
    return { name: PUBLISHER_NAME, uri: this.config.publicUrl };
  }

  private async releasesOf(ocid: string): Promise<{ released: JsonObject; created_at: Date }[]> {
    const rows = await this.db.query(`SELECT released, created_at FROM ocds_releases WHERE ocid = $1 ORDER BY date, id`, [ocid]);
    if (!rows.length) throw notFound('Contracting process', ocid);
    return rows;
  }

  private static latest(rows: { released: JsonObject }[]): string {
    return rows.map((r) => String(r.released.date)).sort().at(-1)!;
  }

  /** A release package of every release of one contracting process. */
  async releasePackage(ocid: string): Promise<JsonObject> {
    const rows = await this.releasesOf(ocid);
    return {
      uri: `${this.config.publicUrl}/api/ocds/releases/${encodeURIComponent(ocid)}`,
      version: OCDS_VERSION,
      publishedDate: OcdsService.latest(rows),
      publisher: this.publisher(),
      license: OCDS_LICENSE,
      releases: rows.map((r) => r.released),
    };
  }

  /** A record package: the process's releases (embedded) and the compiled release. */
  async recordPackage(ocid: string): Promise<JsonObject> {
    const rows = await this.releasesOf(ocid);
    const releases = rows.map((r) => r.released);
    return {
      uri: `${this.config.publicUrl}/api/ocds/records/${encodeURIComponent(ocid)}`,
      version: OCDS_VERSION,
      publishedDate: OcdsService.latest(rows),
      publisher: this.publisher(),
      license: OCDS_LICENSE,
      packages: [`${this.config.publicUrl}/api/ocds/releases/${encodeURIComponent(ocid)}`],
      records: [{ ocid, releases, compiledRelease: compileReleases(releases) }],
    };
  }

  /**
   * Releases for contracts of one ICB's area, by release date (London days, inclusive), oldest
   * first, paged with `links.next`. A signed-in commissioner may only ask for their own ICB.
   */
  async bulk(actor: Actor | undefined, query: BulkQuery): Promise<JsonObject> {
    const icb = query.icb.toUpperCase();
    for (const [field, day] of [['from', query.from], ['to', query.to]] as const) {
      if (day !== undefined && !isCalendarDay(day)) throw validationFailed([{ field, message: `Enter ${field} as a real date, like 2027-06-30` }]);
    }
    if (query.from && query.to && query.from > query.to) throw validationFailed([{ field: 'to', message: 'to must be on or after from' }]);
    if (actor?.role === 'commissioner') {
      const own = actor.organisation.type === 'icb' ? actor.organisation.code : actor.organisation.icbCode;
      if (own !== icb) throw forbidden(`You can only ask for contract data of your own ICB (${own ?? 'none'}).`);
    }
    const [known] = await this.db.query(`SELECT 1 FROM organisations WHERE code = $1 AND type = 'icb'`, [icb]);
    if (!known) throw new DomainError(404, 'not-found', 'ICB not found', `No ICB has the code ${icb}.`);

    const { page, pageSize, offset } = pageParams(query, RELEASES_PER_PAGE);
    const rows: { released: JsonObject }[] = await this.db.query(
      `SELECT released FROM ocds_releases
        WHERE icb_code = $1
          AND ($2::date IS NULL OR date >= ($2::date::timestamp AT TIME ZONE 'Europe/London'))
          AND ($3::date IS NULL OR date < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/London'))
        ORDER BY date, ocid, id LIMIT $4 OFFSET $5`,
      [icb, query.from ?? null, query.to ?? null, pageSize + 1, offset],
    );
    const more = rows.length > pageSize;
    const releases = rows.slice(0, pageSize).map((r) => r.released);
    const link = (p: number) => {
      const params = new URLSearchParams({ icb, ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}), page: String(p), pageSize: String(pageSize) });
      return `${this.config.publicUrl}/api/ocds/releases?${params}`;
    };
    const links: JsonObject = {};
    if (more) links.next = link(page + 1);
    if (page > 1) links.prev = link(page - 1);
    return {
      uri: link(page),
      version: OCDS_VERSION,
      publishedDate: releases.length ? OcdsService.latest(rows.slice(0, pageSize)) : new Date().toISOString(),
      publisher: this.publisher(),
      license: OCDS_LICENSE,
      releases,
      ...(Object.keys(links).length ? { links } : {}),
    };
  }
}

/** "per patient, per year": what one unit is and how often it is paid for. */
function unitName(price: ListingPrice): string {
  const period = { month: 'per month', year: 'per year', one_off: 'one-off' }[price.billingPeriod as string];
  return period ? `${price.unit}, ${period}` : price.unit;
}

/** Drops null and undefined fields (OCDS allows null, but omitting is clearer). */
function compact<T extends Record<string, unknown>>(o: T): JsonObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== '')) as JsonObject;
}
