/**
 * Accreditation status, derived (never typed in) from a solution's conformance results
 * (product.md §3). One pure function; the service loads its input and stores its output.
 *
 * What is required:
 * - every claimed capability needs a capability result;
 * - every active MUST epic of a claimed capability needs an epic result (MAY/SHOULD epics and
 *   inactive epics are shown but never decide the status);
 * - required standards are every non-deleted Overarching standard plus every non-deleted standard
 *   linked to a claimed capability (standard_capabilities); each needs a standard result.
 * Results recorded for anything not required are ignored.
 *
 * Precedence (the first rule that matches decides; the reason names the first decisive finding):
 * 1. failed — a Failed capability, a Failed or Not evidenced MUST epic, or a Not met standard;
 * 2. lapsed — a required result that expired (expiresOn before today), or a work-off plan whose
 *    due date is before today (due today is not yet overdue; expiring today is still valid);
 * 3. not yet assessed (status null) — a required result is missing, or no capability is claimed;
 * 4. conditional — everything required is present and passing except open work-off plans not yet
 *    due (Conditional means "only open work-off plans", so it needs everything else assessed);
 * 5. accredited — every required result present and passing (Passed – Partial counts as passing
 *    for a capability when its MUST epics pass).
 */
export type CapabilityResult = 'passed_full' | 'passed_partial' | 'failed';
export type EpicResult = 'passed' | 'not_evidenced' | 'failed';
export type StandardResult = 'met' | 'not_met' | 'work_off_plan';
export type Accreditation = 'accredited' | 'conditional' | 'lapsed' | 'failed';

export const CAPABILITY_RESULTS: readonly CapabilityResult[] = ['passed_full', 'passed_partial', 'failed'];
export const EPIC_RESULTS: readonly EpicResult[] = ['passed', 'not_evidenced', 'failed'];
export const STANDARD_RESULTS: readonly StandardResult[] = ['met', 'not_met', 'work_off_plan'];

export const RESULT_LABELS: Record<CapabilityResult | EpicResult | StandardResult, string> = {
  passed_full: 'Passed – Full',
  passed_partial: 'Passed – Partial',
  failed: 'Failed',
  passed: 'Passed',
  not_evidenced: 'Not evidenced',
  met: 'Met',
  not_met: 'Not met',
  work_off_plan: 'Work-off plan',
};

export interface ResultDates {
  assessedOn: string;
  expiresOn: string | null;
}

export interface AccreditationInput {
  capabilities: {
    id: number;
    ref: string;
    name: string;
    epics: { id: string; name: string; compliancy: 'MUST' | 'SHOULD' | 'MAY'; isActive: boolean }[];
  }[];
  /** Candidate standards: Overarching ones and those linked to claimed capabilities (capabilityIds). */
  standards: { id: string; name: string; type: 'Overarching' | 'Other'; isDeleted: boolean; capabilityIds: number[] }[];
  results: {
    capabilities: Record<number, ResultDates & { result: CapabilityResult }>;
    epics: Record<string, ResultDates & { result: EpicResult }>;
    standards: Record<string, ResultDates & { result: StandardResult; dueOn: string | null }>;
  };
}

export interface AccreditationOutcome {
  status: Accreditation | null;
  reason: string;
  details: string[];
}

interface Subject {
  label: string;
}

/** The standards a solution must meet, given what it claims (see the rules above). */
export function requiredStandards(input: Pick<AccreditationInput, 'capabilities' | 'standards'>) {
  const claimed = new Set(input.capabilities.map((c) => c.id));
  return input.standards.filter((s) => !s.isDeleted && (s.type === 'Overarching' || s.capabilityIds.some((id) => claimed.has(id))));
}

/** Active MUST epics of a claimed capability: the ones that decide. */
export const decisiveEpics = (capability: AccreditationInput['capabilities'][number]) => capability.epics.filter((e) => e.compliancy === 'MUST' && e.isActive);

export function deriveAccreditation(input: AccreditationInput, today: string): AccreditationOutcome {
  if (input.capabilities.length === 0) {
    return { status: null, reason: 'Not yet assessed: the solution claims no capabilities.', details: [] };
  }
  const failed: string[] = [];
  const missing: string[] = [];
  const lapsed: { date: string; text: string }[] = [];
  const open: { date: string; text: string }[] = [];
  const passing: string[] = [];

  let firstExpiry: { date: string; label: string } | null = null;
  const checkDates = (subject: Subject, r: ResultDates) => {
    if (r.expiresOn !== null && (!firstExpiry || r.expiresOn < firstExpiry.date)) firstExpiry = { date: r.expiresOn, label: subject.label };
    if (r.expiresOn !== null && r.expiresOn < today) lapsed.push({ date: r.expiresOn, text: `the assessment of ${subject.label} expired on ${r.expiresOn}` });
  };

  // Epics are listed under their capability, so the first decisive finding follows the listing.
  const seenEpics = new Set<string>();
  for (const c of input.capabilities) {
    const cap = { label: `capability ${c.ref} ${c.name}` };
    const r = input.results.capabilities[c.id];
    if (!r) missing.push(`${cap.label} has no result`);
    else {
      if (r.result === 'failed') failed.push(`${cap.label} was assessed as Failed on ${r.assessedOn}`);
      else passing.push(`${cap.label}: ${RESULT_LABELS[r.result]}`);
      checkDates(cap, r);
    }
    for (const e of decisiveEpics(c)) {
      if (seenEpics.has(e.id)) continue;
      seenEpics.add(e.id);
      const epic = { label: `MUST epic ${e.id} ${e.name} (${c.ref})` };
      const er = input.results.epics[e.id];
      if (!er) missing.push(`${epic.label} has no result`);
      else {
        if (er.result !== 'passed') failed.push(`${epic.label} was assessed as ${RESULT_LABELS[er.result]} on ${er.assessedOn}`);
        else passing.push(`${epic.label}: Passed`);
        checkDates(epic, er);
      }
    }
  }
  for (const s of requiredStandards(input)) {
    const std = { label: `standard ${s.id} ${s.name}` };
    const r = input.results.standards[s.id];
    if (!r) missing.push(`${std.label} has no result`);
    else {
      if (r.result === 'not_met') failed.push(`${std.label} was assessed as Not met on ${r.assessedOn}`);
      else if (r.result === 'work_off_plan' && r.dueOn !== null && r.dueOn < today)
        lapsed.push({ date: r.dueOn, text: `the work-off plan for ${std.label} was due on ${r.dueOn} and is overdue` });
      else if (r.result === 'work_off_plan') open.push({ date: r.dueOn ?? today, text: `${std.label} has a work-off plan due on ${r.dueOn}` });
      else passing.push(`${std.label}: Met`);
      checkDates(std, r);
    }
  }

  const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  lapsed.sort(byDate);
  open.sort(byDate);
  const details = [
    ...failed.map((t) => `Failed: ${t}`),
    ...lapsed.map((l) => `Lapsed: ${l.text}`),
    ...missing.map((t) => `Missing: ${t}`),
    ...open.map((o) => `Open: ${o.text}`),
  ];

  if (failed.length) return { status: 'failed', reason: `Failed: ${failed[0]}${more(failed.length)}.`, details };
  if (lapsed.length) return { status: 'lapsed', reason: `Lapsed: ${lapsed[0].text}${more(lapsed.length)}.`, details };
  if (missing.length) return { status: null, reason: `Not yet assessed: ${missing[0]}${more(missing.length)}.`, details };
  if (open.length) return { status: 'conditional', reason: `Conditional: ${open[0].text}${more(open.length)}.`, details };
  const expiry = firstExpiry as { date: string; label: string } | null;
  const until = expiry ? `; the first to expire is ${expiry.label} on ${expiry.date}` : '';
  return { status: 'accredited', reason: `Accredited: all ${passing.length} required results passed${until}.`, details: passing };
}

const more = (n: number) => (n > 1 ? ` (and ${n - 1} more)` : '');
