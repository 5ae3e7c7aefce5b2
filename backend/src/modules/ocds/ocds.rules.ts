/**
 * Pure OCDS helpers: money, dates and the merge that compiles a record from releases
 * (https://standard.open-contracting.org/1.1/en/schema/merging/).
 */

/** An OCDS release as stored and served: plain JSON. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * Integer pence to pounds as an OCDS `amount` (a JSON number): 1476000 → 14760, 1999 → 19.99.
 * Division of an integer by 100 is correctly rounded, so the result is the double nearest the exact
 * decimal, the same number `Number("14760.00")` parses to.
 */
export function penceToAmount(pence: number | string | bigint): number {
  const n = typeof pence === 'number' ? pence : Number(pence);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a whole number of pence: ${String(pence)}`);
  return n / 100;
}

/** Unit prices are held in hundredths of a penny (decision 011): 12345 → £1.2345. */
export function hundredthsOfPennyToAmount(hundredths: number): number {
  if (!Number.isSafeInteger(hundredths)) throw new RangeError(`Not a whole number of hundredths of a penny: ${hundredths}`);
  return hundredths / 10000;
}

const londonOffset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' });

/**
 * A calendar day (YYYY-MM-DD, UK) as an OCDS date-time with the offset in force in London that day:
 * the start of the day, or its last second for period ends. Clock changes happen at 01:00 UTC, so
 * neither 00:00 nor 23:59:59 is ever ambiguous.
 */
export function londonDateTime(day: string, endOfDay = false): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`Not a calendar day: ${day}`);
  const time = endOfDay ? '23:59:59' : '00:00:00';
  const zone = londonOffset.formatToParts(new Date(`${day}T12:00:00Z`)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = zone === 'GMT' ? '+00:00' : zone.slice(3);
  return `${day}T${time}${offset}`;
}

/** Fields whose arrays are replaced whole rather than merged by identifier (1.1.5 `wholeListMerge`). */
const WHOLE_LIST_MERGE = new Set(['additionalIdentifiers', 'additionalClassifications']);
/** Top-level release fields left out of a compiled release (1.1.5 `omitWhenMerged`). */
const OMIT_WHEN_MERGED = new Set(['id', 'date', 'tag']);

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An array of objects that all have an `id`: merged by identifier. Anything else is replaced. */
function identifierMerge(values: Json[]): boolean {
  return values.length > 0 && values.every((v) => isObject(v) && v.id !== undefined && v.id !== null);
}

function mergeValue(key: string, prior: Json | undefined, next: Json): Json | undefined {
  if (next === null) return undefined; // null removes the field
  if (isObject(next)) return mergeObject(isObject(prior) ? prior : {}, next);
  if (Array.isArray(next)) {
    if (WHOLE_LIST_MERGE.has(key) || !identifierMerge(next)) return next;
    const merged: Json[] = Array.isArray(prior) && identifierMerge(prior) ? [...prior] : [];
    for (const item of next as JsonObject[]) {
      const at = merged.findIndex((m) => isObject(m) && String(m.id) === String(item.id));
      if (at >= 0) merged[at] = mergeObject(merged[at] as JsonObject, item);
      else merged.push(mergeObject({}, item));
    }
    return merged;
  }
  return next;
}

function mergeObject(prior: JsonObject, next: JsonObject): JsonObject {
  const out: JsonObject = { ...prior };
  for (const [key, value] of Object.entries(next)) {
    const merged = mergeValue(key, out[key], value);
    if (merged === undefined) delete out[key];
    else out[key] = merged;
  }
  return out;
}

/**
 * The compiled release of a contracting process: its releases applied in date order (ties by id)
 * with the OCDS 1.1 merge rules. Tagged `compiled`; id and date are the latest release's.
 */
export function compileReleases(releases: JsonObject[]): JsonObject {
  if (!releases.length) throw new RangeError('A record needs at least one release');
  const ordered = [...releases].sort((a, b) => String(a.date).localeCompare(String(b.date)) || String(a.id).localeCompare(String(b.id)));
  let compiled: JsonObject = {};
  for (const release of ordered) {
    const body: JsonObject = {};
    for (const [k, v] of Object.entries(release)) if (!OMIT_WHEN_MERGED.has(k)) body[k] = v;
    compiled = mergeObject(compiled, body);
  }
  const latest = ordered[ordered.length - 1];
  return { ocid: latest.ocid, id: `${String(latest.ocid)}-${String(latest.date)}`, date: latest.date, tag: ['compiled'], ...compiled };
}
