import { data, redirect } from 'react-router';
import { api, attempt, ok, throwProblem } from '~/lib/api/client.server';
import type { Problem } from '~/lib/api/problem';
import { readCookie, serializeCookie } from '~/lib/cookies.server';
import { env } from '~/lib/env.server';
import { problemToForm, type FormResult } from '~/lib/forms';
import { requireUser } from '~/lib/session.server';
import type { AppLoadContext } from 'react-router';
import type { OrderDetail } from './order';

export const BUYERS = ['practice_manager', 'commissioner'] as const;

const REF = /^C\d{6}-\d{2}$/;

/** The order number from the URL, or the 404 page. */
export function orderRef(params: { ref?: string }): string {
  const ref = params.ref ?? '';
  if (!REF.test(ref)) throw data({ message: 'There is no order with that number.' }, { status: 404 });
  return ref;
}

export async function loadOrder(request: Request, ref: string): Promise<OrderDetail> {
  return ok(request, api(request).GET('/api/orders/{ref}', { params: { path: { ref } } }));
}

/**
 * For a step's page: the signed-in buyer and the order, or back to the task list when the order
 * can no longer be changed (waiting for approval or completed).
 */
export async function loadEditableOrder(request: Request, params: { ref?: string }, context?: AppLoadContext) {
  const session = await requireUser(request, BUYERS, context);
  const ref = orderRef(params);
  const order = await loadOrder(request, ref);
  if (!order.canEdit) throw redirect(`/orders/${ref}`);
  return { session, ref, order };
}

/** The API client for an action (writes carry the session's CSRF token). */
export async function writer(request: Request, roles: readonly ('practice_manager' | 'commissioner')[] = BUYERS) {
  const session = await requireUser(request, roles);
  return { session, client: api(request, { csrfToken: session.csrfToken }) };
}

/**
 * A failed write as the form's errors (API field → form field); statuses a form cannot help with
 * go to the error page.
 */
export function formProblem(request: Request, problem: Problem, fields: Record<string, string>, values?: Record<string, string>) {
  if (problem.status >= 500 || problem.status === 401 || problem.status === 403 || problem.status === 404) throwProblem(request, problem);
  return data<FormResult>({ ...problemToForm(problem, fields), values }, { status: problem.status });
}

/** Runs a step's write; on success back to the task list (or `next`), else the form again with errors. */
export async function saveStep<R extends { data?: unknown; error?: unknown; response: Response }>(
  request: Request,
  call: Promise<R>,
  opts: { next: string; fields: Record<string, string>; values?: Record<string, string> },
) {
  const result = await attempt(call);
  if (result.ok) return redirect(opts.next);
  return formProblem(request, result.problem, opts.fields, opts.values);
}

export function text(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === 'string' ? v.trim() : '';
}

// ---- the solution an order was started from (/orders/new?solution=…), remembered for its steps

const SOLUTION_COOKIE = 'gpit_order_solution';
const ITEM_ID = /^\d{5}-(\d{3}|S-\d{3}|\d{3}A\d{3})$/;

export function isItemId(value: string | null | undefined): value is string {
  return !!value && ITEM_ID.test(value);
}

function secure(): boolean {
  const { COOKIE_SECURE, NODE_ENV } = env();
  return COOKIE_SECURE ? COOKIE_SECURE === 'true' : NODE_ENV === 'production';
}

export function rememberSolution(ref: string, itemId: string): string {
  return serializeCookie(SOLUTION_COOKIE, `${ref}|${itemId}`, { httpOnly: true, secure: secure(), sameSite: 'Lax', path: '/orders', maxAge: 60 * 60 * 24 * 7 });
}

/** The solution this order was started from, if any. */
export function rememberedSolution(request: Request, ref: string): string | null {
  const value = readCookie(request, SOLUTION_COOKIE);
  if (!value) return null;
  const [r, itemId] = value.split('|');
  return r === ref && isItemId(itemId) ? itemId : null;
}

// ---- contacts (ordering party and supplier steps)

export const CONTACT_FIELDS = { 'contact.name': 'name', 'contact.email': 'email', 'contact.telephone': 'telephone', contact: 'name' };

export function contactFromForm(formData: FormData): { name: string; email: string; telephone?: string } {
  const telephone = text(formData, 'telephone');
  return { name: text(formData, 'name'), email: text(formData, 'email'), ...(telephone ? { telephone } : {}) };
}
