import type { components } from './schema';

type Schemas = components['schemas'];

export type SessionView = Schemas['SessionView'];
export type Role = SessionView['role'];
export type OrganisationType = Schemas['OrganisationBrief']['type'];
export type OrganisationDetail = Schemas['OrganisationDetail'];
export type OrganisationSummary = Schemas['OrganisationSummary'];
export type MemberView = Schemas['MemberView'];
export type InvitationView = Schemas['InvitationView'];
export type InvitationPreview = Schemas['InvitationPreview'];
export type MailboxEmail = Schemas['MailboxEmail'];
// The API documents before/after as "object"; they are free-form JSON.
export type AuditEvent = Omit<Schemas['AuditEventView'], 'before' | 'after'> & { before: unknown; after: unknown };

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
