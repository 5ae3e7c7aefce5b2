/**
 * The content of one listing version (stored as JSONB in listing_versions.content). Every module
 * that reads listings uses these types; the vendor-facing DTOs validate exactly this shape.
 *
 * Money: unit prices are integer hundredths of a penny (£1.26 = 12600), because NHS catalogue
 * list prices go to four decimal places of a pound (e.g. £0.017 per SMS fragment). Totals
 * computed from them are rounded to whole pence once, at the end (see docs/decisions/011).
 */
export const ITEM_TYPES = ['solution', 'additional_service', 'associated_service'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const PUBLICATION_STATUSES = ['draft', 'submitted', 'published', 'rejected', 'suspended', 'in_remediation', 'unpublished'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** Only these are listed publicly (product.md §4). */
export const LISTED_STATUSES: readonly PublicationStatus[] = ['published', 'in_remediation'];

export const VERSION_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'superseded', 'withdrawn'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const ACCREDITATION_STATUSES = ['accredited', 'conditional', 'lapsed', 'failed'] as const;
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];

export const INTEGRATIONS = ['IM1', 'GP Connect', 'NHS App'] as const;
export const PROVISIONING_TYPES = ['per_patient', 'declarative', 'on_demand', 'one_off'] as const;
export const PRICE_TYPES = ['flat', 'tiered'] as const;
export const CALCULATION_TYPES = ['single_fixed', 'cumulative', 'volume'] as const;
export const QUANTITY_BASES = ['per_solution', 'per_service_recipient'] as const;
export const BILLING_PERIODS = ['month', 'year', 'one_off'] as const;

export interface PriceTier {
  /** First unit in the tier (1 for the first tier). */
  from: number;
  /** Last unit in the tier; null for the last, open-ended tier. */
  to: number | null;
  priceHundredthsOfPenny: number;
}

export interface ListingPrice {
  /** Stable id of the price within the item, kept across versions (orders snapshot it). */
  id: string;
  provisioningType: (typeof PROVISIONING_TYPES)[number];
  priceType: (typeof PRICE_TYPES)[number];
  calculationType: (typeof CALCULATION_TYPES)[number];
  quantityBasis: (typeof QUANTITY_BASES)[number];
  billingPeriod: (typeof BILLING_PERIODS)[number];
  /** What one unit is, e.g. "per patient", "per practice", "per SMS fragment". */
  unit: string;
  /** Tiers in ascending order; a flat price has exactly one tier from 1 to null. */
  tiers: PriceTier[];
}

export interface ListingIntegration {
  integration: (typeof INTEGRATIONS)[number];
  /** One of the integration's types in the reference data, e.g. "Bulk", "Appointment Management". */
  type: string;
  /** IM1 and GP Connect: whether the solution provides or consumes the interface. */
  role?: 'provider' | 'consumer';
  /** Named system it integrates with, if any. */
  integratesWith?: string;
  description?: string;
}

export interface ListingApplicationType {
  /** application_types.key: browser-based, native-mobile, native-desktop. */
  key: string;
  /** Free-text answers to that type's detail fields (supported browsers, operating systems…). */
  details: Record<string, string>;
}

export interface ListingHostingType {
  /** hosting_types.key: PublicCloud, PrivateCloud, Hybrid, OnPremise. */
  key: string;
  summary: string;
  link?: string;
  hostingModel?: string;
  requiresHscn: boolean;
}

export interface ServiceLevels {
  /** e.g. "99.9% monthly, excluding planned maintenance". */
  availability: string;
  supportHours: string;
  responseTimes: string;
  plannedMaintenance?: string;
}

export interface DataProcessing {
  /** Where data is stored and processed, e.g. "UK only". */
  dataLocation: string;
  /** What personal data is processed and why (the data processing summary buyers need for a DPIA). */
  processingSummary: string;
  /** Sub-processors used, if any. */
  subProcessors: string[];
}

export interface ListingContent {
  name: string;
  summary: string;
  description: string;
  features: string[];
  /** Capabilities claimed (capabilities.id); solutions and additional services. */
  capabilityIds: number[];
  /** Epics claimed (epics.id). */
  epicIds: string[];
  frameworkIds: string[];
  integrations: ListingIntegration[];
  applicationTypes: ListingApplicationType[];
  hostingTypes: ListingHostingType[];
  implementation: string;
  roadmap: string;
  serviceLevels: ServiceLevels | null;
  dataProcessing: DataProcessing | null;
  prices: ListingPrice[];
  aboutUrl?: string;
  /** Associated services: how buyers should order it. */
  orderGuidance?: string;
}
