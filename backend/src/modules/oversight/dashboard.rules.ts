/**
 * Market-share arithmetic for the commissioner dashboard, kept pure so it can be tested without a
 * database (dashboard.rules.spec.ts) and reused for every point of the HHI trend.
 */

/** The capability that makes a solution a principal GP clinical system: C13 Patient Information Maintenance - GP. */
export const CLINICAL_SYSTEM_CAPABILITY_REF = 'C13';

/** Key used for practices whose clinical system is not recorded in ODS data and not under contract. */
export const NOT_RECORDED = 'not-recorded';

export interface PracticeSystem {
  practiceId: string;
  registeredPatients: number;
  /** The supplier from ODS data (a market key), or null when not recorded. */
  odsKey: string | null;
}

/** A contract for a clinical system covering one practice, with the days it is in force. */
export interface ClinicalContract {
  practiceId: string;
  supplierKey: string;
  startDate: string;
  endDate: string;
  terminationDate: string | null;
}

export interface Share {
  key: string;
  practices: number;
  patients: number;
  /** Percent of practices / registered patients (0–100, unrounded). */
  practicesPercent: number;
  patientsPercent: number;
}

/** True when the contract is in force on day (ISO dates compare as strings). */
export function inForce(c: Pick<ClinicalContract, 'startDate' | 'endDate' | 'terminationDate'>, day: string): boolean {
  return c.startDate <= day && c.endDate >= day && (c.terminationDate === null || c.terminationDate > day);
}

/**
 * Each practice's clinical system on a day: its ODS supplier, overridden by a clinical-system contract
 * in force that day (the latest-starting one when several overlap).
 */
export function systemsOn(practices: PracticeSystem[], contracts: ClinicalContract[], day: string): Map<string, string> {
  const chosen = new Map<string, ClinicalContract>();
  for (const c of contracts) {
    if (!inForce(c, day)) continue;
    const prev = chosen.get(c.practiceId);
    if (!prev || c.startDate > prev.startDate || (c.startDate === prev.startDate && c.supplierKey < prev.supplierKey)) chosen.set(c.practiceId, c);
  }
  const out = new Map<string, string>();
  for (const p of practices) out.set(p.practiceId, chosen.get(p.practiceId)?.supplierKey ?? p.odsKey ?? NOT_RECORDED);
  return out;
}

/**
 * Shares by practices and by registered patients. Practices whose system is not recorded are listed
 * (key NOT_RECORDED) but left out of the denominators, since they belong to no supplier.
 */
export function shares(practices: PracticeSystem[], systems: Map<string, string>): Share[] {
  const acc = new Map<string, { practices: number; patients: number }>();
  let totalPractices = 0;
  let totalPatients = 0;
  for (const p of practices) {
    const key = systems.get(p.practiceId) ?? p.odsKey ?? NOT_RECORDED;
    const a = acc.get(key) ?? { practices: 0, patients: 0 };
    a.practices += 1;
    a.patients += p.registeredPatients;
    acc.set(key, a);
    if (key !== NOT_RECORDED) {
      totalPractices += 1;
      totalPatients += p.registeredPatients;
    }
  }
  return [...acc.entries()]
    .map(([key, a]) => ({
      key,
      practices: a.practices,
      patients: a.patients,
      practicesPercent: key === NOT_RECORDED || totalPractices === 0 ? 0 : (100 * a.practices) / totalPractices,
      patientsPercent: key === NOT_RECORDED || totalPatients === 0 ? 0 : (100 * a.patients) / totalPatients,
    }))
    .sort((a, b) => b.practices - a.practices || b.patients - a.patients || a.key.localeCompare(b.key));
}

/** Herfindahl–Hirschman index: the sum of squared percentage shares, 0–10,000, rounded to a whole number. */
export function hhi(percents: number[]): number {
  return Math.round(percents.reduce((sum, p) => sum + p * p, 0));
}

export function hhiOf(s: Share[]): { byPractices: number; byPatients: number } {
  const suppliers = s.filter((x) => x.key !== NOT_RECORDED);
  return { byPractices: hhi(suppliers.map((x) => x.practicesPercent)), byPatients: hhi(suppliers.map((x) => x.patientsPercent)) };
}

/** The last day of each of the `months` months before today's month, oldest first, then today. */
export function trendDays(today: string, months: number): string[] {
  const [y, m] = today.split('-').map(Number);
  const days: string[] = [];
  for (let i = months; i >= 1; i--) {
    // Day 0 of month (m - i + 1) is the last day of month (m - i).
    const d = new Date(Date.UTC(y, m - i, 0));
    days.push(d.toISOString().slice(0, 10));
  }
  days.push(today);
  return days;
}

/** The first day of each of the `months` months starting with today's month, as YYYY-MM. */
export function nextMonths(today: string, months: number): string[] {
  const [y, m] = today.split('-').map(Number);
  return Array.from({ length: months }, (_, i) => new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 7));
}

/** The concentration band the CMA/DoJ guidelines use: below 1,000 unconcentrated, above 2,000 highly concentrated. */
export function concentration(index: number): 'unconcentrated' | 'moderately concentrated' | 'highly concentrated' {
  return index < 1000 ? 'unconcentrated' : index <= 2000 ? 'moderately concentrated' : 'highly concentrated';
}

/** Maps an ODS supplier label (EMIS, TPP, Medicus…) to a catalogue supplier whose name starts with it as a word. */
export function matchOdsSupplier<T extends { name: string }>(label: string, suppliers: T[]): T | null {
  const l = label.trim().toUpperCase();
  if (!l) return null;
  return suppliers.find((s) => {
    const n = s.name.toUpperCase();
    return n === l || (n.startsWith(l) && !/[A-Z0-9]/.test(n.charAt(l.length)));
  }) ?? null;
}
