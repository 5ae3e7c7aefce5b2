import type { EntityManager } from 'typeorm';

/**
 * The prompt path for accreditation alerts. Re-deriving a solution's accreditation
 * (assessments/accreditation.store.ts rederiveItem: the operator's results, "re-derive now" and
 * the 02:00 job) calls this in its own transaction when the status changes, so an alert about a
 * Lapsed or Failed solution commits with the change itself. AlertsService fills it in when the
 * application starts; where the alerts module is not loaded (the CLI seed) it does nothing and the
 * daily 'contract-alerts' job catches up.
 */
export const accreditationAlerts: { raise: (m: EntityManager, itemId: string) => Promise<unknown> } = {
  raise: async () => undefined,
};
