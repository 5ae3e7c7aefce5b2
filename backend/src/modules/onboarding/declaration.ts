import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FieldError } from '../../core/errors/domain-error';

/**
 * A framework's declaration is data: a JSON Schema (draft 2020-12) for the answers, one property per
 * question, and a form description that puts the questions in sections and says how each is marked.
 *   - pass-fail: the answer passes when it meets `passWhen` (automatic). A fail excludes the
 *     application unless the question says `excludes: false`: then the fail is shown with its reason
 *     as a condition of a successful result (e.g. insurance the supplier must arrange before contracts)
 *   - discretionary: the operator reviews the answer and records pass or fail with a reason
 *   - info: collected, not marked
 */
export interface PassWhen {
  /** Dot path inside the answer (for object answers); the whole answer when absent. */
  path?: string;
  equals?: unknown;
  in?: unknown[];
  minimum?: number;
  /** Every condition must hold. */
  all?: PassWhen[];
}

export type Marking =
  | { kind: 'pass-fail'; passWhen: PassWhen; failReason?: string; /** Default true: a fail fails the application. */ excludes?: boolean }
  | { kind: 'discretionary' }
  | { kind: 'info' };

export interface DeclarationQuestion {
  id: string;
  label: string;
  hint?: string;
  marking: Marking;
}

export interface DeclarationSection {
  id: string;
  title: string;
  description?: string;
  questions: DeclarationQuestion[];
}

export interface Declaration {
  schema: { type: 'object'; properties: Record<string, Record<string, unknown>>; required?: string[]; [k: string]: unknown };
  form: { sections: DeclarationSection[] };
}

export type Outcome = 'pass' | 'fail' | 'pending' | 'info';

export interface Mark {
  kind: Marking['kind'];
  /** A fail here fails the application (false: a condition of success). */
  excludes: boolean;
  outcome: Outcome;
  reason: string | null;
  /** Null for the automatic marking; the operator's user id for a review. */
  markedBy: string | null;
  markedAt: string;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

// Compiled once per distinct schema (ajv also keeps each schema it compiles), bounded.
const compiled = new Map<string, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    if (compiled.size >= 200) {
      compiled.clear();
      ajv.removeSchema();
    }
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

const SECTION_ID = /^[a-z][a-z0-9-]{0,39}$/;
const QUESTION_ID = /^[a-zA-Z][a-zA-Z0-9]{0,59}$/;

/** Problems with a declaration definition itself (the operator's input), as field errors under `declaration`. */
export function definitionProblems(d: Declaration): FieldError[] {
  const out: FieldError[] = [];
  const add = (field: string, message: string) => out.push({ field: `declaration.${field}`, message });
  if (!d?.schema || d.schema.type !== 'object' || typeof d.schema.properties !== 'object' || d.schema.properties === null || Array.isArray(d.schema.properties)) {
    add('schema', 'The schema must be a JSON Schema object with properties, one per question');
    return out;
  }
  try {
    compile(d.schema);
  } catch (e) {
    add('schema', `The schema is not valid JSON Schema: ${(e as Error).message}`);
    return out;
  }
  const placed = new Set<string>();
  const sections = new Set<string>();
  if (!Array.isArray(d.form?.sections) || !d.form.sections.length) add('form.sections', 'Add at least one section');
  (Array.isArray(d.form?.sections) ? d.form.sections : []).forEach((s, i) => {
    if (!s || typeof s !== 'object') return add(`form.sections[${i}]`, 'A section is an object with an id, a title and questions');
    if (!Array.isArray(s.questions) || !s.questions.length) add(`form.sections[${i}].questions`, 'Add at least one question to the section');
    if (typeof s.id !== 'string' || !SECTION_ID.test(s.id)) add(`form.sections[${i}].id`, 'A section id is lower-case letters, digits and hyphens');
    if (sections.has(s.id)) add(`form.sections[${i}].id`, `Section ${s.id} appears twice`);
    sections.add(s.id);
    if (typeof s.title !== 'string' || !s.title.trim()) add(`form.sections[${i}].title`, 'Give the section a title');
    (Array.isArray(s.questions) ? s.questions : []).forEach((q, j) => {
      const f = `form.sections[${i}].questions[${j}]`;
      if (!q || typeof q !== 'object') return add(f, 'A question is an object with an id, a label and its marking');
      if (typeof q.id !== 'string' || !QUESTION_ID.test(q.id) || !Object.hasOwn(d.schema.properties, q.id)) add(`${f}.id`, `Question ${String(q.id)} is not a property of the schema`);
      if (placed.has(q.id)) add(`${f}.id`, `Question ${q.id} is in more than one section`);
      placed.add(q.id);
      if (typeof q.label !== 'string' || !q.label.trim()) add(`${f}.label`, 'Give the question a label');
      if (!['pass-fail', 'discretionary', 'info'].includes(q.marking?.kind)) add(`${f}.marking`, 'Marking is pass-fail, discretionary or info');
      if (q.marking?.kind === 'pass-fail' && q.marking.excludes !== undefined && typeof q.marking.excludes !== 'boolean') add(`${f}.marking.excludes`, 'excludes is true or false');
      if (q.marking?.kind === 'pass-fail' && (typeof q.marking.passWhen !== 'object' || !q.marking.passWhen)) add(`${f}.marking.passWhen`, 'A pass-fail question says when it passes');
    });
  });
  for (const p of Object.keys(d.schema.properties)) if (!placed.has(p)) add('form.sections', `Question ${p} is in no section`);
  return out;
}

export function sectionOf(d: Declaration, sectionId: string): DeclarationSection | undefined {
  return d.form.sections.find((s) => s.id === sectionId);
}

function label(d: Declaration, id: string): string {
  for (const s of d.form.sections) for (const q of s.questions) if (q.id === id) return q.label;
  return id;
}

function message(d: Declaration, e: ErrorObject, field: string): string {
  const top = field.split('.')[0];
  const l = label(d, top);
  const custom = (d.schema.properties[top] as { 'x-error-message'?: string } | undefined)?.['x-error-message'];
  switch (e.keyword) {
    case 'required':
      return field === top ? `Answer “${l}”` : `“${l}”: enter ${field.slice(top.length + 1)}`;
    case 'enum':
    case 'const':
      return `Choose one of the options for “${l}”`;
    case 'additionalProperties':
      return `${field} is not a recognised field`;
    default:
      return custom ?? `“${l}” ${e.message ?? 'is not valid'}`;
  }
}

function toFieldErrors(d: Declaration, errors: ErrorObject[] | null | undefined): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let path = e.instancePath.split('/').filter(Boolean).join('.');
    if (e.keyword === 'required') path = [path, (e.params as { missingProperty: string }).missingProperty].filter(Boolean).join('.');
    if (e.keyword === 'additionalProperties') path = [path, (e.params as { additionalProperty: string }).additionalProperty].filter(Boolean).join('.');
    if (!path) continue;
    const key = `${path}|${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field: path, message: message(d, e, path) });
  }
  return out;
}

/** Field errors for one section's answers (only that section's questions; unknown ones refused). */
export function sectionErrors(d: Declaration, section: DeclarationSection, answers: Record<string, unknown>): FieldError[] {
  const ids = section.questions.map((q) => q.id);
  const sub = {
    type: 'object',
    properties: Object.fromEntries(ids.map((id) => [id, d.schema.properties[id]])),
    required: (d.schema.required ?? []).filter((r) => ids.includes(r)),
    additionalProperties: false,
    ...(d.schema.$defs ? { $defs: d.schema.$defs } : {}),
  };
  const validate = compile(sub);
  return validate(answers) ? [] : toFieldErrors(d, validate.errors);
}

/** The answers of the section's questions only. */
export function answersOf(section: DeclarationSection, answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(section.questions.filter((q) => answers[q.id] !== undefined).map((q) => [q.id, answers[q.id]]));
}

/** Sections not yet saved or whose saved answers no longer satisfy the schema. */
export function incompleteSections(d: Declaration, answers: Record<string, unknown>, saved: string[]): { section: string; title: string; reason: string }[] {
  return d.form.sections
    .map((s) => {
      if (!saved.includes(s.id)) return { section: s.id, title: s.title, reason: 'Not answered yet' };
      const errs = sectionErrors(d, s, answersOf(s, answers));
      return errs.length ? { section: s.id, title: s.title, reason: errs[0].message } : null;
    })
    .filter((x): x is { section: string; title: string; reason: string } => x !== null);
}

function at(value: unknown, path?: string): unknown {
  if (!path) return value;
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);
}

export function passes(when: PassWhen, answer: unknown): boolean {
  const v = at(answer, when.path);
  if (when.all && !when.all.every((w) => passes(w, v))) return false;
  if ('equals' in when && JSON.stringify(v) !== JSON.stringify(when.equals)) return false;
  if (when.in && !when.in.some((x) => JSON.stringify(x) === JSON.stringify(v))) return false;
  if (when.minimum !== undefined && !(typeof v === 'number' && v >= when.minimum)) return false;
  return true;
}

/** The automatic first marking: pass-fail questions marked, discretionary ones left pending for the operator. */
export function autoMark(d: Declaration, answers: Record<string, unknown>, now: Date): Record<string, Mark> {
  const marks: Record<string, Mark> = {};
  const markedAt = now.toISOString();
  for (const s of d.form.sections) {
    for (const q of s.questions) {
      const answer = answers[q.id];
      if (q.marking.kind === 'info') marks[q.id] = { kind: 'info', excludes: false, outcome: 'info', reason: null, markedBy: null, markedAt };
      else if (q.marking.kind === 'discretionary') {
        marks[q.id] = { kind: 'discretionary', excludes: true, outcome: answer === undefined ? 'fail' : 'pending', reason: answer === undefined ? 'Not answered' : null, markedBy: null, markedAt };
      } else {
        const ok = answer !== undefined && passes(q.marking.passWhen, answer);
        const reason = ok ? null : answer === undefined ? 'Not answered' : (q.marking.failReason ?? 'The answer does not meet the requirement');
        marks[q.id] = { kind: 'pass-fail', excludes: q.marking.excludes !== false, outcome: ok ? 'pass' : 'fail', reason, markedBy: null, markedAt };
      }
    }
  }
  return marks;
}

/**
 * The application's result from its marks: any excluding fail fails it; else any pending answer
 * leaves it pending; else it passes. Reasons name every failed answer; a fail that does not exclude
 * is given as a condition.
 */
export function resultOf(d: Declaration, marks: Record<string, Mark>): { result: 'pass' | 'fail' | 'pending'; reasons: string[] } {
  const reasons: string[] = [];
  const conditions: string[] = [];
  let pending = false;
  for (const s of d.form.sections) {
    for (const q of s.questions) {
      const m = marks[q.id];
      if (!m) continue;
      if (m.outcome === 'fail' && m.excludes !== false) reasons.push(`${q.label}: ${m.reason ?? 'failed'}`);
      if (m.outcome === 'fail' && m.excludes === false) conditions.push(`Condition: ${q.label}: ${m.reason ?? 'failed'}`);
      if (m.outcome === 'pending') pending = true;
    }
  }
  return { result: reasons.length ? 'fail' : pending ? 'pending' : 'pass', reasons: [...reasons, ...conditions] };
}
