// Server side of choosing service recipients, shared by orders and competitions (components/recipients.tsx).
import { data } from 'react-router';
import { nothingChanged, type Chooser, type RecipientsOwner } from '~/components/recipients';
import { api, ok, throwProblem } from './api/client.server';
import type { Problem } from './api/problem';
import type { FieldErrors } from './forms';

const PAGE_SIZE = 200;
const MAX_BYTES = 200_000;
const CSV_TYPES = new Set(['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel']);

/** What an upload action returns when the file is refused: one message per wrong row, or about the file. */
export interface UploadResult {
  errors: FieldErrors;
  formError?: string;
}

/** The active practices a commissioner may buy for (the directory shows it those of its own area), optionally searched. */
export async function areaPractices(request: Request): Promise<Chooser> {
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100);
  const practices = await ok(request, api(request).GET('/api/organisations', { params: { query: { type: 'practice', pageSize: PAGE_SIZE, ...(q ? { q } : {}) } } }));
  return {
    q,
    total: practices.total,
    searchable: true,
    practices: practices.items.filter((p) => p.status === 'active').map((p) => ({ code: p.code, name: p.name, town: p.town })),
  };
}

/** The ODS codes chosen in the picker, keeping those already chosen that the (searched) list did not show. */
export function chosenOdsCodes(formData: FormData): string[] {
  const chosen = formData.getAll('odsCodes').map(String);
  const shown = new Set(formData.getAll('shown').map(String));
  const kept = formData.getAll('current').map(String).filter((c) => !shown.has(c));
  return [...new Set([...kept, ...chosen])];
}

function refused(errors: FieldErrors, formError: string, status: number) {
  return data<UploadResult>({ errors, formError }, { status });
}

/** The uploaded CSV's text, or the response refusing the file (missing, too big, not a CSV). */
export async function readRecipientsCsv(formData: FormData, owner: RecipientsOwner): Promise<{ csv: string } | ReturnType<typeof refused>> {
  const file = formData.get('csvFile');
  const nothing = nothingChanged(owner);
  if (!(file instanceof File) || file.size === 0) return refused({ csvFile: 'Select a CSV file' }, nothing, 400);
  if (file.size > MAX_BYTES) return refused({ csvFile: 'The file must be smaller than 200KB (at most 2,000 rows)' }, nothing, 400);
  // By name and by the type the browser reports (Excel on Windows says application/vnd.ms-excel for a .csv).
  if ((file.name && !/\.(csv|txt)$/i.test(file.name)) || (file.type && !CSV_TYPES.has(file.type.split(';')[0]))) {
    return refused({ csvFile: 'The selected file must be a CSV' }, nothing, 400);
  }
  return { csv: await file.text() };
}

/** The API refused the upload: every wrong row's message, or the problem itself; errors it cannot show become the error page. */
export function uploadRefused(request: Request, p: Problem, owner: RecipientsOwner) {
  if (p.status >= 500 || p.status === 401 || p.status === 403 || p.status === 404) throwProblem(request, p);
  const errors: FieldErrors = {};
  for (const e of p.errors ?? []) errors[e.field in errors ? `${e.field}-${Object.keys(errors).length}` : e.field] = e.message;
  if (!Object.keys(errors).length) errors.csvFile = p.detail ?? p.title;
  return refused(errors, `${p.errors?.some((e) => e.field.startsWith('csv.line')) ? 'Some rows of the CSV file are wrong. ' : ''}${nothingChanged(owner)}`, p.status);
}
