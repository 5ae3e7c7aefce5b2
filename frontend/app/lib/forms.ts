import type { z } from 'zod';
import type { Problem } from './api/problem';

/** One message per field, keyed by the field's name. */
export type FieldErrors = Record<string, string>;

/** What an action returns when the form has to be shown again. */
export interface FormResult {
  errors: FieldErrors;
  /** A problem with the form as a whole (shown in the error summary without a field link). */
  formError?: string;
  /** What was typed, so the form can be shown filled in again without JavaScript. Never passwords. */
  values?: Record<string, string>;
}

/** Validates posted fields with the same zod schema the form was built from. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  input: FormData | URLSearchParams,
): { success: true; data: z.infer<S> } | { success: false; errors: FieldErrors } {
  const raw: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of input) if (!(key in raw)) raw[key] = value;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { success: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= issue.message;
  }
  return { success: false, errors };
}

/**
 * An API problem as form errors: `errors[]` on fields the form has (API name → form field name)
 * become field messages; anything else becomes the form-level message.
 */
export function problemToForm(problem: Problem, fieldNames: Record<string, string>, fallback?: string): FormResult {
  const errors: FieldErrors = {};
  let formError: string | undefined;
  for (const e of problem.errors ?? []) {
    const field = fieldNames[e.field];
    if (field) errors[field] ??= e.message;
    else formError ??= e.message;
  }
  if (!Object.keys(errors).length && !formError) formError = problem.detail ?? fallback ?? problem.title;
  return { errors, formError };
}

/** Only the named text fields of a form, for showing it again. */
export function keepValues(formData: FormData, names: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const v = formData.get(name);
    if (typeof v === 'string') values[name] = v;
  }
  return values;
}
