import type { OrganisationType, Role } from './api/types';

/** Where each role starts after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  practice_manager: '/practice',
  commissioner: '/commissioner',
  vendor: '/vendor',
  operator: '/operator',
};

export const ROLE_NAME: Record<Role, string> = {
  practice_manager: 'Practice manager',
  commissioner: 'Commissioner',
  vendor: 'Supplier user',
  operator: 'Marketplace operator',
};

export const ORGANISATION_TYPE_NAME: Record<OrganisationType, string> = {
  region: 'NHS England region',
  icb: 'Integrated care board (ICB)',
  sub_icb: 'Sub-ICB location',
  pcn: 'Primary care network (PCN)',
  practice: 'GP practice',
  supplier: 'Supplier',
  operator: 'Marketplace operator',
};

export const ORGANISATION_TYPES = Object.keys(ORGANISATION_TYPE_NAME) as OrganisationType[];
