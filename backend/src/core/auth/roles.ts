export const ROLES = ['practice_manager', 'commissioner', 'vendor', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_TYPES = ['region', 'icb', 'sub_icb', 'pcn', 'practice', 'supplier', 'operator'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Which role a member of each kind of organisation acts in. PCNs and regions have no users yet. */
export const ROLE_FOR_ORGANISATION_TYPE: Partial<Record<OrganisationType, Role>> = {
  practice: 'practice_manager',
  icb: 'commissioner',
  sub_icb: 'commissioner',
  supplier: 'vendor',
  operator: 'operator',
};

/** The signed-in user, acting for one organisation, as every service sees them. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  sessionId: string;
  csrfToken: string;
  membershipId: string;
  role: Role;
  isAdmin: boolean;
  organisation: {
    id: string;
    code: string;
    type: OrganisationType;
    name: string;
    icbCode: string | null;
    subIcbCode: string | null;
  };
}
