import { createHash } from 'node:crypto';

/** The request header (IETF draft "The Idempotency-Key HTTP Header Field"). */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Set on a response that is a replay of a stored one. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** How long a key is remembered; older keys behave as new ones and are purged daily. */
export const KEY_TTL_HOURS = 24;
/** A claim this old that never completed (the process died mid-request) may be taken over. */
export const STALE_CLAIM_MINUTES = 5;
/** Response headers stored with the response and sent again on a replay. */
export const REPLAYED_RESPONSE_HEADERS = ['Location', 'Content-Type'] as const;

const PRINTABLE_ASCII = /^[\x20-\x7e]{1,255}$/;

/**
 * The key from a header value, or null if it is not 1–255 printable ASCII characters. The draft
 * defines the value as a Structured Field string ("…"); a quoted value is unquoted, so both that
 * and the bare form common in practice (Stripe) work, and name the same key.
 */
export function parseIdempotencyKey(raw: string): string | null {
  let value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    const inner = value.slice(1, -1);
    // sf-string: only \" and \\ are escapes, and a bare " or \ is malformed.
    if (!/^(?:[^"\\]|\\["\\])*$/.test(inner)) return null;
    value = inner.replace(/\\(["\\])/g, '$1');
  }
  return PRINTABLE_ASCII.test(value) ? value : null;
}

/** JSON with object keys sorted at every level, so equal payloads serialise equally. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return sortKeys((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) return value.map((v) => (v === undefined || typeof v === 'function' ? null : sortKeys(v)));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined && typeof v !== 'function') out[k] = sortKeys(v);
  }
  return out;
}

/** What makes two requests "the same request": method, URL (path and query) and body. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()}\n${url}\n${canonicalJson(body)}`).digest('hex');
}
