import type { components } from './api/schema';

type Schemas = components['schemas'];
export type ListingContent = Schemas['ListingContentView'];
export type ListingPrice = Schemas['ListingPriceDto'];
export type VendorItemDetail = Schemas['VendorItemDetail'];
export type VendorItemSummary = Schemas['VendorItemSummary'];
export type ItemType = VendorItemSummary['type'];
export type PublicationStatus = VendorItemSummary['publicationStatus'];

export const ITEM_TYPE_NAME: Record<ItemType, string> = {
  solution: 'Solution',
  additional_service: 'Additional service',
  associated_service: 'Associated service',
};

export const PUBLICATION_STATUS_NAME: Record<string, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  published: 'Published',
  rejected: 'Rejected',
  suspended: 'Suspended',
  in_remediation: 'In remediation',
  unpublished: 'Unpublished',
};

export const VERSION_STATUS_NAME: Record<string, string> = {
  draft: 'Draft',
  submitted: 'Submitted for publication',
  approved: 'Approved',
  rejected: 'Rejected',
  superseded: 'Superseded',
  withdrawn: 'Withdrawn',
};

export const ACCREDITATION_NAME: Record<string, string> = {
  accredited: 'Accredited',
  conditional: 'Conditional',
  lapsed: 'Lapsed',
  failed: 'Failed',
};

export function accreditationName(status: string | null | undefined): string {
  return status ? (ACCREDITATION_NAME[status] ?? status) : 'Not yet assessed';
}

export const DECISION_NAME: Record<string, string> = {
  'listing.submitted': 'Submitted for publication',
  'listing.withdrawn': 'Withdrawn by the supplier',
  'listing.approved': 'Approved and published',
  'listing.rejected': 'Rejected',
  'listing.suspended': 'Suspended',
  'listing.in-remediation': 'Put in remediation',
  'listing.unpublished': 'Unpublished',
  'listing.reinstated': 'Reinstated',
};

/** The pages of a listing, in task-list order; `completeness` names the API's section(s). */
export interface ListingSection {
  slug: string;
  title: string;
  completeness: string[];
  types: ItemType[];
}

const ALL: ItemType[] = ['solution', 'additional_service', 'associated_service'];
const SOLUTION: ItemType[] = ['solution'];
const CLAIMING: ItemType[] = ['solution', 'additional_service'];

export const LISTING_SECTIONS: ListingSection[] = [
  { slug: 'summary', title: 'Summary and description', completeness: ['Summary', 'Description'], types: ALL },
  { slug: 'features', title: 'Features', completeness: [], types: ALL },
  { slug: 'capabilities', title: 'Capabilities and epics', completeness: ['Capabilities'], types: CLAIMING },
  { slug: 'frameworks', title: 'Frameworks', completeness: ['Frameworks'], types: ALL },
  { slug: 'integrations', title: 'Integrations', completeness: ['Integrations'], types: SOLUTION },
  { slug: 'application-types', title: 'Application types', completeness: ['Application types'], types: SOLUTION },
  { slug: 'hosting-types', title: 'Hosting types', completeness: ['Hosting types'], types: SOLUTION },
  { slug: 'implementation', title: 'Implementation', completeness: [], types: ALL },
  { slug: 'roadmap', title: 'Roadmap', completeness: [], types: SOLUTION },
  { slug: 'service-levels', title: 'Service levels', completeness: ['Service levels'], types: SOLUTION },
  { slug: 'data-processing', title: 'Data processing', completeness: ['Data processing'], types: SOLUTION },
  { slug: 'prices', title: 'Prices', completeness: ['Prices'], types: ALL },
];

export function sectionsFor(type: ItemType): ListingSection[] {
  return LISTING_SECTIONS.filter((s) => s.types.includes(type));
}

/** The section page an API field path (`prices[0].tiers[0].to`) belongs to. */
export function sectionOfField(field: string): ListingSection | undefined {
  const root = field.split(/[.[]/)[0];
  const slug: Record<string, string> = {
    name: 'summary',
    summary: 'summary',
    description: 'summary',
    aboutUrl: 'summary',
    orderGuidance: 'summary',
    features: 'features',
    capabilityIds: 'capabilities',
    epicIds: 'capabilities',
    frameworkIds: 'frameworks',
    integrations: 'integrations',
    applicationTypes: 'application-types',
    hostingTypes: 'hosting-types',
    implementation: 'implementation',
    roadmap: 'roadmap',
    serviceLevels: 'service-levels',
    dataProcessing: 'data-processing',
    prices: 'prices',
  };
  return LISTING_SECTIONS.find((s) => s.slug === slug[root]);
}

/** The section page for a completeness section name ("Service levels"). */
export function sectionOfCompleteness(name: string): ListingSection | undefined {
  return LISTING_SECTIONS.find((s) => s.completeness.includes(name));
}

/** A field path as an element id: `prices[0].tiers[1].to` → `prices-0-tiers-1-to`. */
export function fieldId(path: string): string {
  return path.replace(/[[\].]+/g, '-').replace(/-$/, '');
}

export const PROVISIONING_NAME = { per_patient: 'Per patient per year', declarative: 'Declarative', on_demand: 'On demand', one_off: 'One-off' } as const;
export const PRICE_TYPE_NAME = { flat: 'Flat', tiered: 'Tiered' } as const;
export const CALCULATION_NAME = { single_fixed: 'Single fixed', cumulative: 'Cumulative', volume: 'Volume' } as const;
export const QUANTITY_BASIS_NAME = { per_solution: 'Per solution', per_service_recipient: 'Per service recipient' } as const;
export const BILLING_PERIOD_NAME = { month: 'Per month', year: 'Per year', one_off: 'One-off' } as const;

export function options(names: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(names).map(([value, label]) => ({ value, label }));
}
