// Hostile requests generated from the committed OpenAPI document. Case i is built from its own PRNG
// (seed, i), so FUZZ_SEED and FUZZ_ONLY=i rebuild exactly that request.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXPECTATIONS } from '../authz/expectations';
import type { Role, SideFixtures, SignedInRole } from '../authz/fixtures';
import { fillPath, Operation, paramValue } from '../authz/matrix';
import { cellFor } from '../authz/outcomes';
import { mulberry32, Rng } from './prng';
import { BAD_DATES, BAD_NUMBERS, BAD_ODS, deepNest, hostileString, hostileValue, huge, INJECTION, INVALID_UTF8, junkBytes, RAW_NUMBERS, TRAVERSAL } from './payloads';

const doc = JSON.parse(readFileSync(path.join(__dirname, '../../docs/openapi.json'), 'utf8'));
const SIGNED_IN: SignedInRole[] = ['practiceManager', 'commissioner', 'vendor', 'operator'];

export type Body = { type: 'json'; value: unknown } | { type: 'raw'; contentType?: string; encoding?: string; bytes: Buffer };

export interface FuzzCase {
  index: number;
  operationId: string;
  method: Operation['method'];
  role: Role;
  /** Signed-in cases send the session's CSRF token unless this is false. */
  csrf: boolean;
  url: string;
  /** What was mutated, e.g. `field:odsCodes`, `raw:invalid-utf8`. */
  kind: string;
  body?: Body;
}

export interface Ref {
  standardId: string;
  capabilityId: string;
  epicId: string;
}

function resolve(schema: any): any {
  if (schema?.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()]);
  if (schema?.allOf?.length === 1) return { ...schema, ...resolve(schema.allOf[0]), allOf: undefined };
  return schema ?? {};
}

/** A plausible value for a schema, optional fields included (so each one can be mutated). */
function sample(schema: any, depth = 0, key = ''): unknown {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.type === 'array') return depth > 4 ? [] : [sample(s.items, depth + 1)];
  if (s.type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries<any>(s.properties ?? {})) out[k] = sample(v, depth + 1, k);
    return out;
  }
  if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
  if (s.type === 'boolean') return true;
  if (s.format === 'date') return '2027-01-01';
  if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (/email/i.test(key) || s.format === 'email') return 'someone@nhs.test';
  return 'Fuzz';
}

/** Every mutable location in a sample body: [path of keys, its schema]. */
function fields(schema: any, value: unknown, at: (string | number)[] = [], out: [(string | number)[], any][] = []): [(string | number)[], any][] {
  const s = resolve(schema);
  if (at.length) out.push([at, s]);
  if ((s.type === 'object' || s.properties) && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries<any>(s.properties ?? {})) fields(v, (value as any)[k], [...at, k], out);
  } else if (s.type === 'array' && Array.isArray(value) && value.length) {
    fields(s.items, value[0], [...at, 0], out);
  }
  return out;
}

function setAt(root: any, at: (string | number)[], v: unknown): void {
  let o = root;
  for (const k of at.slice(0, -1)) o = o[k];
  o[at[at.length - 1]] = v;
}
function deleteAt(root: any, at: (string | number)[]): void {
  let o = root;
  for (const k of at.slice(0, -1)) o = o[k];
  if (Array.isArray(o)) o.splice(Number(at[at.length - 1]), 1);
  else delete o[at[at.length - 1]];
}

export function bodySchema(op: Operation): any | undefined {
  return doc.paths[op.path][op.method].requestBody?.content?.['application/json']?.schema;
}
function queryParams(op: Operation): { name: string; schema: any }[] {
  return (doc.paths[op.path][op.method].parameters ?? []).filter((p: any) => p.in === 'query');
}
export const isCsvOperation = (op: Operation) => /\/recipients\/csv$/.test(op.path);

/** Roles that get past authorisation on their own resources (so validation is reached). */
function authorisedRoles(op: Operation): SignedInRole[] {
  const e = EXPECTATIONS[op.operationId];
  const roles = e ? SIGNED_IN.filter((r) => ['ok', 'allowed', 'invalid', 'unavailable'].includes(cellFor(e, r, 'own'))) : [];
  return roles.length ? roles : SIGNED_IN;
}

/** A path segment as a hostile client would send it: raw when the HTTP client accepts it, else percent-encoded. */
function segment(rng: Rng, v: string): string {
  return rng.chance(0.5) && /^[\x21-\x7e]*$/.test(v) && !/[?#]/.test(v) ? v : pct(v);
}

/** Percent-encoding; a lone surrogate becomes its (invalid) UTF-8 bytes, as a hostile client may send them. */
function pct(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return v.split(/([\uD800-\uDFFF])/).map((p) => (/^[\uD800-\uDFFF]$/.test(p) ? '%ED%A0%80' : encodeURIComponent(p))).join('');
  }
}

function hostilePathValue(rng: Rng): string {
  return rng.chance(0.35) ? rng.pick(TRAVERSAL) : rng.chance(0.2) ? 'x'.repeat(rng.pick([300, 5000, 20_000])) : hostileString(rng).slice(0, 20_000);
}

function mutatePath(rng: Rng, op: Operation, role: Role, own: SideFixtures, ref: Ref): string {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const target = rng.pick(names);
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === target || rng.chance(0.2) ? segment(rng, hostilePathValue(rng)) : encodeURIComponent(paramValue(op, name, role, own, ref)),
  );
}

function hostileQuery(rng: Rng, op: Operation): string {
  const declared = queryParams(op);
  const parts: string[] = [];
  const n = rng.int(1, 4);
  for (let i = 0; i < n; i++) {
    const p = declared.length && rng.chance(0.8) ? rng.pick(declared) : { name: rng.pick(['foo', 'page[size]', '__proto__', 'constructor[prototype]', "q' OR 1=1", 'limit', 'offset', '']), schema: {} };
    const s = p.schema ?? {};
    const value =
      s.type === 'number' || s.type === 'integer'
        ? String(rng.pick([...BAD_NUMBERS, '1e400', '99999999999999999999', '-5', '1.5']))
        : s.format === 'date-time' || s.format === 'date' || /^(from|to)$/.test(p.name)
          ? rng.pick(BAD_DATES)
          : hostileString(rng).slice(0, rng.chance(0.1) ? 100_000 : 5_000);
    parts.push(`${segment(rng, p.name)}=${segment(rng, value)}`);
    if (rng.chance(0.2)) parts.push(`${pct(p.name)}=${pct(value)}`); // repeated: an array
  }
  return parts.join('&');
}

/** A service-recipients CSV file a spreadsheet, a careless export or an attacker would produce. */
export function hostileCsv(rng: Rng): { text?: string; bytes?: Buffer; what: string } {
  const codes = ['A81001', 'A81002', 'A81003', 'A81004'];
  const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
  switch (rng.int(0, 13)) {
    case 0:
      return { what: 'bom', text: `\uFEFF\uFEFFODS code\n${codes.join('\n')}` };
    case 1:
      return { what: 'formula-injection', text: `ODS code,Name\n${rng.pick(['=HYPERLINK("http://evil.test","x")', '+cmd|\' /C calc\'!A0', '@SUM(1+1)', '-2+3', '=1+1'])},x\nA81001,y` };
    case 2:
      return { what: 'wrong-columns', text: `${rng.pick(['foo,bar,baz', 'Practice,Name', ',,,', 'ODS code,ODS code,ods'])}\n${rows(5, (i) => `x${i},${codes[i % 4]},z`)}` };
    case 3:
      return { what: 'thousands-of-rows', text: `ODS code\n${rows(rng.pick([1999, 2000, 2001, 5000]), (i) => codes[i % 4])}` };
    case 4:
      return { what: 'binary-junk', text: junkBytes(rng, rng.pick([16, 1000, 50_000])).toString('latin1') };
    case 5:
      return { what: 'invalid-utf8', bytes: Buffer.concat([Buffer.from('{"csv":"ODS code\\nA81'), rng.pick(INVALID_UTF8), Buffer.from('001\\n"}')]) };
    case 6:
      return { what: 'utf16', text: Buffer.from(`\uFEFFODS code\r\nA81001\r\n`, 'utf16le').toString('latin1') };
    case 7:
      return { what: 'huge', text: `ODS code\n${'A81001\n'.repeat(rng.pick([30_000, 160_000]))}` };
    case 8:
      return { what: 'quoted', text: `"ODS code","Name"\n"A81001","a, ""quoted"" name\nover lines"\n"A81002\n` };
    case 9:
      return { what: 'line-endings', text: `ODS code\r${codes.join('\r')}\r\n\n\r\n` };
    case 10:
      return { what: 'injection', text: `ODS code\n${rows(rng.int(1, 6), () => rng.pick([...INJECTION, ...BAD_ODS]))}` };
    case 11:
      return { what: 'nul', text: `ODS code\nA81\u0000001\n\u0000\n` };
    case 12:
      return { what: 'empty', text: rng.pick(['', '\n\n', 'ODS code', 'ODS code\n', ' , , ', '\uFEFF']) };
    default:
      return { what: 'long-cell', text: `ODS code\n${'A'.repeat(rng.pick([1000, 100_000, 199_990]))}\nA81001` };
  }
}

/** A raw body: bytes JSON.stringify would never produce, or the wrong media type. */
function rawBody(rng: Rng, base: unknown): { kind: string; body: Body } {
  const json = JSON.stringify(base ?? {});
  const raw = (kind: string, bytes: Buffer | string, contentType: string | undefined = 'application/json', encoding?: string) => ({
    kind: `raw:${kind}`,
    body: { type: 'raw' as const, contentType, encoding, bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes) },
  });
  switch (rng.int(0, 12)) {
    case 0: {
      const at = json.indexOf('"', 1) > 0 ? json.lastIndexOf('"') : 1;
      return raw('invalid-utf8', Buffer.concat([Buffer.from(json.slice(0, at)), rng.pick(INVALID_UTF8), Buffer.from(json.slice(at))]));
    }
    case 1:
      return raw('truncated', json.slice(0, rng.int(0, Math.max(0, json.length - 1))));
    case 2:
      return raw('wrong-content-type', rng.pick([json, '<xml/>', 'a=1&b=2']), rng.pick(['text/plain', 'application/xml', 'text/csv', 'application/octet-stream', 'image/png', 'application/json-patch+json', 'foo']));
    case 3:
      return raw('multipart', `--x\r\nContent-Disposition: form-data; name="csv"; filename="../../etc/passwd"\r\nContent-Type: text/csv\r\n\r\nODS code\r\nA81001\r\n--x--\r\n`, 'multipart/form-data; boundary=x');
    case 4:
      return raw('urlencoded', rng.pick(['a=1', Object.keys((base as object) ?? {}).map((k) => `${k}=${encodeURIComponent(rng.pick(INJECTION))}`).join('&'), '%zz=%', 'x[y][z]=1&__proto__[admin]=true']), 'application/x-www-form-urlencoded');
    case 5:
      return raw('empty', '', rng.pick(['application/json', 'application/json; charset=utf-8', undefined]));
    case 6:
      return raw('charset', json, `application/json; charset=${rng.pick(['utf-16', 'latin1', 'koi8-r', 'bogus', 'utf-32', ''])}`);
    case 7:
      return raw('content-encoding', junkBytes(rng, 64), 'application/json', rng.pick(['gzip', 'deflate', 'br', 'compress', 'x-bogus']));
    case 8:
      return raw('huge', `{"x":"${'A'.repeat(1_100_000)}"}`);
    case 9:
      return raw('bom', `\uFEFF${json}`);
    case 10:
      return raw('raw-number', json.replace(/:(\s*)(-?\d+(\.\d+)?|"[^"]*")/, `:${rng.pick(RAW_NUMBERS)}`) || `{"x":${rng.pick(RAW_NUMBERS)}}`);
    case 11:
      return raw('duplicate-keys', json.replace(/^\{/, `{"${Object.keys((base as object) ?? { x: 1 })[0] ?? 'x'}":${JSON.stringify(rng.pick(INJECTION))},`));
    default:
      return raw('junk', rng.pick(['{', '}', '[', 'nul', 'undefined', '{"a":}', "{'a':1}", '{"a":1,}', '\u0000', '[]]', '{"a":"\\ud800"}', '{"a":"\\u00"}']));
  }
}

/** A JSON body built from the operation's schema with one kind of mutation. */
function mutateBody(rng: Rng, schema: any): { kind: string; body: Body } {
  const base = sample(schema) as any;
  const json = (kind: string, value: unknown) => ({ kind, body: { type: 'json' as const, value } });
  const s = resolve(schema);
  const all = base && typeof base === 'object' ? fields(schema, base) : [];
  const mode = rng.int(0, 11);
  if (mode <= 3 && all.length) {
    const [at, fs] = rng.pick(all);
    setAt(base, at, hostileValue(rng, fs));
    return json(`field:${at.join('.')}`, base);
  }
  if (mode === 4 && all.length) {
    const required = (s.required ?? []) as string[];
    if (required.length && rng.chance(0.6)) for (const k of rng.chance(0.5) ? required : [rng.pick(required)]) delete base[k];
    else deleteAt(base, rng.pick(all)[0]);
    return json('missing', base);
  }
  if (mode === 5 && base && typeof base === 'object' && !Array.isArray(base)) {
    base[rng.pick(['isAdmin', 'role', 'status', 'id', 'organisationId', 'createdAt', 'supplierId', "x' OR 1=1--", '<script>', '__proto__', ''])] = rng.pick([true, 'operator', 1, {}]);
    return json('unknown-field', base);
  }
  if (mode === 6) return json('whole', rng.pick([[], [base], 'string', 42, null, true, false, -1, [[[[]]]], { '': '' }]));
  if (mode === 7 && all.length) {
    const strings = all.filter(([, f]) => f.type === 'string');
    const [at] = strings.length ? rng.pick(strings) : rng.pick(all);
    setAt(base, at, huge(rng, rng.chance(0.5) ? 1_100_000 : 900_000));
    return json(`huge-string:${at.join('.')}`, base);
  }
  if (mode === 8 && all.length) {
    const arrays = all.filter(([, f]) => f.type === 'array');
    const [at, f] = arrays.length ? rng.pick(arrays) : rng.pick(all);
    const one = f.type === 'array' ? sample(f.items) : 'A81001';
    setAt(base, at, Array.from({ length: rng.pick([1000, 10_000, 60_000]) }, () => one));
    return json(`huge-array:${at.join('.')}`, base);
  }
  if (mode === 9) return json('deep-nesting', rng.chance(0.5) ? deepNest(rng.pick([100, 1000, 4000]), base) : { ...(base ?? {}), [rng.pick(Object.keys(base ?? { x: 1 })) ?? 'x']: deepNest(rng.pick([50, 2000])) });
  if (mode === 10 && all.length) {
    // Dates and ODS codes where the schema has them; otherwise a bad number.
    const [at, f] = rng.pick(all);
    const v = f.format === 'date' || /date/i.test(String(at[at.length - 1])) ? rng.pick(BAD_DATES) : /ods|code/i.test(String(at[at.length - 1])) ? rng.pick(BAD_ODS) : rng.pick(BAD_NUMBERS);
    setAt(base, at, v);
    return json(`value:${at.join('.')}`, base);
  }
  return rawBody(rng, base);
}

/**
 * One case. Roles: mostly one that can reach the operation (so validation runs), some anonymous,
 * some any signed-in role. Deletes always get a hostile path (a valid one would delete the fixture).
 * Sign-out is never sent with a valid CSRF token (it would end the suite's session).
 */
export function buildCase(seed: number, index: number, op: Operation, own: SideFixtures, ref: Ref): FuzzCase {
  const rng = mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const roll = rng.next();
  const role: Role = roll < 0.15 ? 'anonymous' : roll < 0.25 ? rng.pick(SIGNED_IN) : rng.pick(authorisedRoles(op));
  const csrf = op.operationId !== 'Auth_signOut' && rng.chance(0.97);
  const hasParams = op.path.includes('{');
  const schema = bodySchema(op);
  const validPath = fillPath(op, role, own, ref);
  const c: FuzzCase = { index, operationId: op.operationId, method: op.method, role, csrf, url: validPath, kind: 'path' };

  const kinds: [string, number][] = [
    ['path', hasParams ? (op.method === 'get' ? 3 : 2) : 0],
    ['query', op.method === 'get' || queryParams(op).length ? 3 : 0.5],
    ['body', schema && !isCsvOperation(op) ? 8 : 0],
    ['csv', isCsvOperation(op) ? 8 : 0],
    ['raw', op.method === 'get' ? 0.5 : 2],
  ];
  let kind = 'path';
  if (!(op.method === 'delete' && hasParams)) {
    let r = rng.next() * kinds.reduce((n, [, w]) => n + w, 0);
    for (const [k, w] of kinds) if ((r -= w) < 0 && w > 0) { kind = k; break; }
  }
  if (kind === 'path') {
    c.url = hasParams ? mutatePath(rng, op, role, own, ref) : validPath;
    c.kind = 'path';
    if (!hasParams || rng.chance(0.3)) c.url += `?${hostileQuery(rng, op)}`;
    if (schema) c.body = { type: 'json', value: sample(schema) };
  } else if (kind === 'query') {
    c.url = `${validPath}?${hostileQuery(rng, op)}`;
    c.kind = 'query';
    if (schema) c.body = mutateBody(rng, schema).body;
  } else if (kind === 'body') {
    const m = mutateBody(rng, schema);
    c.kind = m.kind;
    c.body = m.body;
  } else if (kind === 'csv') {
    const csv = hostileCsv(rng);
    c.kind = `csv:${csv.what}`;
    c.body = csv.bytes ? { type: 'raw', contentType: 'application/json', bytes: csv.bytes } : { type: 'json', value: rng.chance(0.9) ? { csv: csv.text } : { csv: csv.text, extra: rng.pick(INJECTION) } };
  } else {
    const m = rawBody(rng, schema ? sample(schema) : {});
    c.kind = m.kind;
    c.body = m.body;
  }
  return c;
}

/** A short, printable description of a case's body. */
export function excerpt(body: Body | undefined, max = 300): string {
  if (!body) return '(none)';
  if (body.type === 'json') {
    let text: string;
    try {
      text = JSON.stringify(body.value);
    } catch {
      text = String(body.value);
    }
    return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
  }
  const shown = body.bytes.subarray(0, max).toString('latin1').replace(/[^\x20-\x7e]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `[${body.contentType ?? 'no content-type'}${body.encoding ? `, Content-Encoding ${body.encoding}` : ''}] ${shown}${body.bytes.length > max ? `… (${body.bytes.length} bytes)` : ''}`;
}
