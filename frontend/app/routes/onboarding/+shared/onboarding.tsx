import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DataTable } from '~/components/data-table';
import { FieldError } from '~/components/fields';
import { StatusTag } from '~/components/status-tag';
import type { components } from '~/lib/api/schema';
import { cx } from '~/lib/cx';
import { formatDate, formatDateTime } from '~/lib/format';
import type { FieldErrors } from '~/lib/forms';

type Schemas = components['schemas'];
export type RoundView = Schemas['FrameworkRoundView'];
export type RoundDetail = Schemas['FrameworkRoundDetail'];
export type ApplicationView = Schemas['ApplicationView'];
export type ApplicationSummary = Schemas['ApplicationSummary'];
export type ClarificationView = Schemas['ClarificationView'];
export type MarkView = Schemas['MarkView'];

// ---- framework rounds ----------------------------------------------------------------------

export const ROUND_STATUSES = ['coming', 'open', 'pending', 'standstill', 'live', 'expired'] as const;

export const ROUND_STATUS_NAME: Record<string, string> = {
  coming: 'Coming',
  open: 'Open for applications',
  pending: 'Closed: evaluating',
  standstill: 'Standstill: results out',
  live: 'Live',
  expired: 'Expired',
};

const ROUND_TONE: Record<string, string> = { coming: 'draft', open: 'submitted', pending: 'conditional', standstill: 'conditional', live: 'published', expired: 'unpublished' };

/** Framework rounds with their status and key dates; `href` says where each round's name links to. */
export function RoundsTable({ rounds, caption, href, withResults = false }: { rounds: RoundView[]; caption: string; href: (id: string) => string; withResults?: boolean }) {
  return (
    <DataTable id="rounds" caption={caption}>
      <thead>
        <tr>
          <th scope="col">Framework</th>
          <th scope="col">Status</th>
          <th scope="col">Opens</th>
          <th scope="col">Closes</th>
          {withResults ? <th scope="col">Results</th> : null}
          <th scope="col">Live</th>
        </tr>
      </thead>
      <tbody>
        {rounds.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={href(r.id)}>{r.name}</Link> ({r.id})
            </td>
            <td>
              <RoundStatusTag status={r.status} />
            </td>
            <td>{formatDate(r.dates.opensOn)}</td>
            <td>{formatDate(r.dates.closesOn)}</td>
            {withResults ? <td>{formatDate(r.dates.resultsOn)}</td> : null}
            <td>{formatDate(r.dates.liveOn)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export function RoundStatusTag({ status }: { status: string }) {
  return <StatusTag status={ROUND_TONE[status]}>{ROUND_STATUS_NAME[status] ?? status}</StatusTag>;
}

const DATE_NAMES: [keyof RoundView['dates'], string][] = [
  ['interestFrom', 'Interest from'],
  ['opensOn', 'Opens'],
  ['closesOn', 'Closes'],
  ['resultsOn', 'Results (standstill)'],
  ['liveOn', 'Live'],
  ['expiresOn', 'Expires'],
];

/** Status, dates, capabilities and maximum term of a round. */
export function RoundFacts({ round }: { round: RoundView }) {
  return (
    <dl className="summary-list mb-8 max-w-3xl">
      <div>
        <dt>Status</dt>
        <dd>
          <RoundStatusTag status={round.status} />
        </dd>
      </div>
      {DATE_NAMES.map(([key, name]) =>
        round.dates[key] ? (
          <div key={key}>
            <dt>{name}</dt>
            <dd>{formatDate(round.dates[key])}</dd>
          </div>
        ) : null,
      )}
      <div>
        <dt>Maximum term of call-off contracts</dt>
        <dd>{round.maximumTermMonths} months</dd>
      </div>
      <div>
        <dt>Funding</dt>
        <dd>{round.fundingTypes.join(', ')}</dd>
      </div>
      <div>
        <dt>Capabilities it covers</dt>
        <dd>
          {round.capabilities.length ? (
            <ul className="m-0 list-disc pl-5">
              {round.capabilities.map((c) => (
                <li key={c.id}>
                  {c.ref} {c.name}
                </li>
              ))}
            </ul>
          ) : (
            'None listed'
          )}
        </dd>
      </div>
      <div>
        <dt>Owner</dt>
        <dd>{round.owner}</dd>
      </div>
    </dl>
  );
}

// ---- applications --------------------------------------------------------------------------

export const APPLICATION_STATUS_NAME: Record<string, string> = { draft: 'Draft', submitted: 'Submitted' };
export const RESULT_NAME: Record<string, string> = { pass: 'Successful', fail: 'Unsuccessful', pending: 'Being evaluated' };
const RESULT_TONE: Record<string, string> = { pass: 'approved', fail: 'rejected', pending: 'draft' };

export function ApplicationStatusTag({ status }: { status: string }) {
  return <StatusTag status={status === 'submitted' ? 'submitted' : 'draft'}>{APPLICATION_STATUS_NAME[status] ?? status}</StatusTag>;
}

export function ResultTag({ result }: { result: string | null | undefined }) {
  if (!result) return <>Not yet known</>;
  return <StatusTag status={RESULT_TONE[result]}>{RESULT_NAME[result] ?? result}</StatusTag>;
}

export const SECTION_STATUS_NAME: Record<string, string> = { 'not-started': 'Not started', complete: 'Completed', incomplete: 'In progress' };
const SECTION_TONE: Record<string, string> = { 'not-started': 'draft', complete: 'complete', incomplete: 'incomplete' };

export function SectionStatusTag({ status, id }: { status: string; id?: string }) {
  return (
    <span id={id}>
      <StatusTag status={SECTION_TONE[status]}>{SECTION_STATUS_NAME[status] ?? status}</StatusTag>
    </span>
  );
}

const OUTCOME_NAME: Record<string, string> = { pass: 'Pass', fail: 'Fail', pending: 'To review', info: 'Not marked' };
const OUTCOME_TONE: Record<string, string> = { pass: 'approved', fail: 'rejected', pending: 'conditional', info: 'draft' };
const KIND_NAME: Record<string, string> = { 'pass-fail': 'Pass or fail', discretionary: 'Reviewed by the assurance team', info: 'Information only' };

export function OutcomeTag({ outcome }: { outcome: string }) {
  return <StatusTag status={OUTCOME_TONE[outcome]}>{OUTCOME_NAME[outcome] ?? outcome}</StatusTag>;
}

/** Each answer's mark, with its reason. */
export function MarksTable({
  marks,
  answers,
  caption,
  actions,
  schema,
}: {
  marks: MarkView[];
  answers: Record<string, unknown>;
  caption: string;
  actions?: (m: MarkView) => ReactNode;
  /** The declaration's question schemas, to show answers by their labels and money in pounds. */
  schema?: Record<string, JsonSchema>;
}) {
  return (
    <DataTable id="marks" caption={caption}>
      <thead>
        <tr>
          <th scope="col">Question</th>
          <th scope="col">Answer</th>
          <th scope="col">How it is marked</th>
          <th scope="col">Mark</th>
          <th scope="col">Reason</th>
          {actions ? <th scope="col">Review</th> : null}
        </tr>
      </thead>
      <tbody>
        {marks.map((m) => (
          <tr key={m.questionId} data-question={m.questionId}>
            <th scope="row">{m.label}</th>
            <td>
              <AnswerText value={answers[m.questionId]} schema={schema?.[m.questionId]} />
            </td>
            <td>
              {KIND_NAME[m.kind] ?? m.kind}
              {m.kind === 'pass-fail' && !m.excludes ? ' (a fail is a condition)' : ''}
            </td>
            <td>
              <OutcomeTag outcome={m.outcome} />
              {m.reviewed ? <span className="block text-ink-secondary">Reviewed</span> : null}
            </td>
            <td>{m.reason ?? ''}</td>
            {actions ? <td>{actions(m)}</td> : null}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** An answer in words: nested answers as "label: value" lines; money in pounds. */
export function AnswerText({ value, schema }: { value: unknown; schema?: JsonSchema }) {
  if (value === undefined || value === null || value === '') return <span className="text-ink-secondary">Not answered</span>;
  if (typeof value === 'boolean') return <>{value ? 'Yes' : 'No'}</>;
  if (typeof value === 'number' && isPence(schema)) return <>£{penceAsPounds(value)}</>;
  if (typeof value === 'object' && !Array.isArray(value)) {
    return (
      <ul className="m-0 list-none p-0">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <li key={k}>
            {schema?.properties?.[k]?.title ?? humanise(k)}: <AnswerText value={v} schema={schema?.properties?.[k]} />
          </li>
        ))}
      </ul>
    );
  }
  if (Array.isArray(value)) return <>{value.map(String).join(', ')}</>;
  if (typeof value === 'string' && schema?.format === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return <>{formatDate(value)}</>;
  return <>{schema?.enum ? optionLabel(String(value)) : String(value)}</>;
}

/** How an enum value reads: the schemas use lower-case yes/no as values. */
function optionLabel(value: string): string {
  return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : value;
}

/** The agreement's signature and countersignature as stored. */
export function AgreementState({ agreement }: { agreement: NonNullable<ApplicationView['agreement']> }) {
  return (
    <dl className="summary-list mb-8 max-w-3xl">
      <div>
        <dt>Signed by</dt>
        <dd>
          {agreement.signerName}, {agreement.signerRole}
        </dd>
      </div>
      <div>
        <dt>Signed at</dt>
        <dd>{formatDateTime(agreement.signedAt)}</dd>
      </div>
      <div>
        <dt>SHA-256 of the agreement signed</dt>
        <dd>
          <code className="break-all" data-testid="signed-hash">
            {agreement.documentSha256}
          </code>
        </dd>
      </div>
      <div>
        <dt>Countersigned</dt>
        <dd>{agreement.countersignedAt ? formatDateTime(agreement.countersignedAt) : 'Not yet: waiting for the assurance team'}</dd>
      </div>
    </dl>
  );
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="mb-4">
      <Link to={to}>{children}</Link>
    </p>
  );
}

// ---- declarations as data ------------------------------------------------------------------

export interface DeclarationQuestion {
  id: string;
  label: string;
  hint?: string;
  marking: { kind: string; failReason?: string; excludes?: boolean };
}
export interface DeclarationSection {
  id: string;
  title: string;
  description?: string;
  questions: DeclarationQuestion[];
}
export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  'x-widget'?: string;
  /** 'pence': an amount of money stored in pence, entered and shown in pounds. */
  'x-unit'?: string;
};

const isPence = (s: JsonSchema | undefined) => s?.['x-unit'] === 'pence';

/** 500000000 → "5,000,000"; 123450 → "1,234.50". */
export function penceAsPounds(pence: number): string {
  const pounds = Math.trunc(pence / 100).toLocaleString('en-GB');
  const rest = Math.abs(pence % 100);
  return rest ? `${pounds}.${String(rest).padStart(2, '0')}` : pounds;
}

/** "£5,000,000" or "1234.5" → pence, exactly (no floating point); null when it is not an amount. */
export function poundsAsPence(text: string): number | null {
  const m = /^£?\s*(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.replace(/,/g, '').trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : null;
}
export interface Declaration {
  schema: { properties: Record<string, JsonSchema>; required?: string[] };
  form: { sections: DeclarationSection[] };
}

export function declarationOf(round: { declaration?: Record<string, unknown> | null }): Declaration | null {
  const d = round.declaration as Declaration | null | undefined;
  return d && d.schema && d.form && Array.isArray(d.form.sections) ? d : null;
}

/** "publicLiabilityPence" → "Public liability pence" (nested questions have no labels of their own). */
export function humanise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The id of a control for a field path: "insurance.publicLiabilityPence" → "q-insurance-publicLiabilityPence". */
export function controlId(path: string): string {
  return `q-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function typeOf(s: JsonSchema): string {
  return Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'string') : (s.type ?? 'string');
}

/** Radios are given ids `<id>-<n>`; the first is where an error summary link goes. */
function isRadios(s: JsonSchema): boolean {
  return Boolean(s.enum) || typeOf(s) === 'boolean';
}

/** The leaf fields of a question (itself, or the properties of an object answer), with their paths. */
export function leaves(path: string, s: JsonSchema): { path: string; schema: JsonSchema }[] {
  if (typeOf(s) === 'object' && s.properties) return Object.entries(s.properties).flatMap(([k, sub]) => leaves(`${path}.${k}`, sub));
  return [{ path, schema: s }];
}

/** Error field path → the control an error summary link should focus. */
export function errorTargets(section: DeclarationSection, d: Declaration, errors: FieldErrors): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const field of Object.keys(errors)) {
    const top = field.split('.')[0];
    const s = d.schema.properties[top];
    const leaf = s ? (leaves(top, s).find((l) => l.path === field || l.path.startsWith(`${field}.`)) ?? leaves(top, s)[0]) : undefined;
    if (leaf) ids[field] = isRadios(leaf.schema) ? `${controlId(leaf.path)}-0` : controlId(leaf.path);
  }
  return ids;
}

/** The posted answers of one section, typed by the schema; empty fields are left out so the API can say what is missing. */
export function answersFromForm(section: DeclarationSection, d: Declaration, formData: FormData): { answers: Record<string, unknown>; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const read = (path: string, s: JsonSchema): unknown => {
    if (typeOf(s) === 'object' && s.properties) {
      const out: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(s.properties)) {
        const v = read(`${path}.${k}`, sub);
        if (v !== undefined) out[k] = v;
      }
      return Object.keys(out).length ? out : undefined;
    }
    const raw = formData.get(path);
    const text = typeof raw === 'string' ? raw.trim() : '';
    values[path] = text;
    if (!text) return undefined;
    const type = typeOf(s);
    if (isPence(s)) return poundsAsPence(text) ?? text;
    if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
    // Not a number: sent as typed, so the API's own field error says so.
    if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(text.replace(/,/g, '')) ? Number(text.replace(/,/g, '')) : text;
    return text;
  };
  const answers: Record<string, unknown> = {};
  for (const q of section.questions) {
    const s = d.schema.properties[q.id];
    if (!s) continue;
    // An object question left wholly empty is sent as {} so errors name its missing parts.
    const v = read(q.id, s);
    if (v !== undefined) answers[q.id] = v;
    else if (typeOf(s) === 'object' && (d.schema.required ?? []).includes(q.id)) answers[q.id] = {};
  }
  return { answers, values };
}

function valueAt(answers: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), answers);
}

const ERROR_BAR = 'border-l-4 border-danger pl-4';


/**
 * One section of a declaration, drawn from its form description and JSON Schema: radios for
 * enums and booleans, date, number, text and long text fields; object answers as a group of
 * fields. Values come from what was just posted (after an error), else the saved answers.
 */
export function DeclarationFields({
  section,
  declaration,
  answers,
  posted,
  errors,
  disabled = false,
}: {
  section: DeclarationSection;
  declaration: Declaration;
  answers: Record<string, unknown>;
  posted?: Record<string, string>;
  errors: FieldErrors;
  disabled?: boolean;
}) {
  const current = (path: string, s?: JsonSchema): string => {
    if (posted && path in posted) return posted[path];
    const v = valueAt(answers, path);
    if (typeof v === 'number' && isPence(s)) return penceAsPounds(v);
    return v === undefined || v === null ? '' : String(v);
  };
  const errorFor = (path: string): string | undefined => errors[path];

  const control = (path: string, s: JsonSchema, label: ReactNode, hint: ReactNode | undefined, error: string | undefined) => {
    const id = controlId(path);
    const hintId = hint ? `${id}-hint` : undefined;
    const errorId = error ? `${id}-error` : undefined;
    const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
    const type = typeOf(s);
    if (isRadios(s)) {
      const options = s.enum ? s.enum.map((o) => ({ value: String(o), label: String(o) })) : [{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }];
      const value = current(path);
      return (
        <fieldset key={path} className={cx('mb-6', error && ERROR_BAR)} aria-describedby={describedBy}>
          <legend className="mb-1 font-bold">{label}</legend>
          {hint ? (
            <div id={hintId} className="mb-2 text-ink-secondary">
              {hint}
            </div>
          ) : null}
          <FieldError id={id} error={error} />
          {options.map((o, i) => (
            <div key={o.value} className="mb-3 flex items-start gap-3">
              <input
                type="radio"
                id={`${id}-${i}`}
                name={path}
                value={o.value}
                defaultChecked={value === o.value}
                disabled={disabled}
                className="mt-0.5 h-8 w-8 shrink-0 cursor-pointer accent-brand"
              />
              <label htmlFor={`${id}-${i}`} className="block cursor-pointer pt-1">
                {optionLabel(o.label)}
              </label>
            </div>
          ))}
        </fieldset>
      );
    }
    const long = s['x-widget'] === 'textarea' || (type === 'string' && !s.format && (s.maxLength ?? 0) > 500);
    const common = {
      id,
      name: path,
      defaultValue: current(path, s),
      disabled,
      'aria-describedby': describedBy,
      'aria-invalid': error ? true : undefined,
      className: cx('input', error && 'input-error'),
    } as const;
    return (
      <div key={path} className={cx('mb-6', error && ERROR_BAR)}>
        <label htmlFor={id} className="mb-1 block font-bold">
          {label}
        </label>
        {hint ? (
          <div id={hintId} className="mb-2 text-ink-secondary">
            {hint}
          </div>
        ) : null}
        <FieldError id={id} error={error} />
        {long ? (
          <textarea rows={5} {...common} className={cx(common.className, 'max-w-3xl')} />
        ) : (
          <input
            {...common}
            type={s.format === 'date' ? 'date' : s.format === 'uri' ? 'url' : 'text'}
            inputMode={isPence(s) ? 'decimal' : type === 'integer' ? 'numeric' : type === 'number' ? 'decimal' : undefined}
            spellCheck={s.format === 'uri' || type === 'integer' || type === 'number' ? false : undefined}
            className={cx(common.className, (type === 'integer' || type === 'number' || s.format === 'date') && 'max-w-xs')}
          />
        )}
      </div>
    );
  };

  return (
    <>
      {section.questions.map((q) => {
        const s = declaration.schema.properties[q.id];
        if (!s) return null;
        if (typeOf(s) === 'object' && s.properties) {
          const id = controlId(q.id);
          const error = errorFor(q.id);
          return (
            <fieldset key={q.id} className={cx('mb-8', error && ERROR_BAR)} aria-describedby={[q.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined}>
              <legend className="mb-2 text-xl font-bold">{q.label}</legend>
              {q.hint ? (
                <div id={`${id}-hint`} className="mb-3 text-ink-secondary">
                  {q.hint}
                </div>
              ) : null}
              <FieldError id={id} error={error} />
              {Object.entries(s.properties).map(([k, sub]) => control(`${q.id}.${k}`, sub, sub.title ?? humanise(k), sub.description ?? (isPence(sub) ? 'In pounds, for example 5,000,000' : undefined), errorFor(`${q.id}.${k}`)))}
            </fieldset>
          );
        }
        return control(q.id, s, q.label, q.hint, errorFor(q.id));
      })}
    </>
  );
}
