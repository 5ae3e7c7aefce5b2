import { ApiProperty } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../core/auth/roles';
import type { ListingPrice } from '../catalogue/listing';
import { quantityInput } from './order-pricing';
import { orderabilityErrors, OrdersService } from './orders.service';

export class OrderableItem {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['solution', 'additional_service', 'associated_service'] }) type: string;
  @ApiProperty({ type: String, nullable: true }) parentItemId: string | null;
  @ApiProperty({ type: String, nullable: true }) accreditationStatus: string | null;
  @ApiProperty({ description: 'Whether it can be added to this order' }) orderable: boolean;
  @ApiProperty({ type: [String], description: 'Why not, when it cannot' }) reasons: string[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Its live prices (unit prices in hundredths of a penny), each with quantityInput' })
  prices: (ListingPrice & { quantityInput: string })[];
}

export class OrderCatalogue {
  @ApiProperty({ type: [OrderableItem] }) items: OrderableItem[];
}

export class SupplierOption {
  @ApiProperty({ example: '10000' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Listed solutions that can be ordered now (accredited or conditional, on a live framework)' }) orderableSolutions: number;
}

export class SupplierOptions {
  @ApiProperty({ type: [SupplierOption] }) items: SupplierOption[];
}

/** What the items step offers: the supplier's listed items, with why any cannot be ordered. */
@Injectable()
export class OrderCatalogueService {
  constructor(
    private readonly db: DataSource,
    private readonly orders: OrdersService,
  ) {}

  /** Suppliers with at least one solution that can be ordered now, by name. */
  async suppliers(): Promise<SupplierOptions> {
    const items = await this.db.query(
      `SELECT o.code, o.name, count(*)::int AS "orderableSolutions"
         FROM catalogue_items i
         JOIN organisations o ON o.id = i.supplier_id
         JOIN listing_versions v ON v.id = i.live_version_id
        WHERE i.type = 'solution' AND i.publication_status IN ('published','in_remediation') AND i.accreditation_status IN ('accredited','conditional')
          AND o.status = 'active'
          AND EXISTS (SELECT 1 FROM frameworks f WHERE f.status = 'live' AND v.content->'frameworkIds' ? f.id)
        GROUP BY o.code, o.name ORDER BY o.name, o.code`,
    );
    return { items };
  }

  async forOrder(actor: Actor, ref: string): Promise<OrderCatalogue> {
    const o = await this.orders.load(actor, ref);
    if (!o.supplier_id || !o.framework_id) return { items: [] };
    const rows = await this.db.query(
      `SELECT i.id, i.type, i.parent_item_id, i.supplier_id, i.publication_status, i.accreditation_status, v.content
         FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id
        WHERE i.supplier_id = $1 AND i.publication_status IN ('published','in_remediation')
        ORDER BY CASE i.type WHEN 'solution' THEN 0 WHEN 'additional_service' THEN 1 ELSE 2 END, v.content->>'name', i.id`,
      [o.supplier_id],
    );
    return {
      items: rows.map((r: any) => {
        const reasons = orderabilityErrors(r, o);
        return {
          id: r.id,
          name: r.content.name,
          type: r.type,
          parentItemId: r.parent_item_id,
          accreditationStatus: r.accreditation_status,
          orderable: reasons.length === 0,
          reasons,
          prices: (r.content.prices as ListingPrice[]).map((p) => ({ ...p, quantityInput: quantityInput(p) })),
        };
      }),
    };
  }
}
