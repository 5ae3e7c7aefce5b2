// Hostile values: what a careless client or an attacker sends. Each generator takes the PRNG so a
// case is reproducible from the seed.
import type { Rng } from './prng';

export const INJECTION = [
  `' OR 1=1--`,
  `'; DROP TABLE orders;--`,
  `" OR ""="`,
  `1) UNION SELECT password_hash FROM users--`,
  `$1`,
  `%' AND pg_sleep(5)--`,
  `<script>alert(1)</script>`,
  `"><img src=x onerror=alert(1)>`,
  `javascript:alert(1)`,
  `{{7*7}}`,
  '${7*7}',
  `__proto__`,
  `constructor`,
  `=cmd|' /C calc'!A0`,
  `@SUM(1+1)*cmd|' /C calc'!A0`,
  `\\u0000`,
];

export const TRAVERSAL = ['../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '....//....//etc/passwd', '%00', 'a%00b', '%', '%zz', '..', '.', '~root', '%c0%ae%c0%ae/'];

export const UNICODE = ['Ünïcødé', '𝕏𝕐ℤ', '👩‍⚕️🏥', '\u202Eevil\u202C', 'ZWJ\u200D\u200B', 'ﬁ', 'İ', '\uFEFFbom', 'a\u0000b', '\uD800', '\uDFFF\uD800', 'e\u0301'];

export const BAD_DATES = ['2026-02-30', '2026-13-01', '2026-00-10', '0000-01-01', '9999-12-31', '-001000-01-01', '+275760-09-13', '2026-1-1', '01/02/2026', '2026-02-29', 'yesterday', '2026-02-28T25:61:00Z', '1e400', '', 'NaN'];

export const BAD_ODS = ['', 'a81001', 'A8100', 'A810011', 'ZZZZZZ', '000000', 'A81001 ', ' A81001', 'A81001,A81002', 'A81001\nA81002', 'Q', 'QHM', '10000', "A81001' OR '1'='1"];

export const BAD_NUMBERS: unknown[] = [-1, 0, -0, 2 ** 53 + 1, -(2 ** 53) - 1, 1.5, 0.1 + 0.2, 1e308, -1e308, 2 ** 31, -(2 ** 31) - 1, 9007199254740993, 'NaN', 'Infinity', '-Infinity', '1e400', '0x10', '12abc', ' 7 ', '١٢'];

/** A JSON number literal that JSON.stringify cannot produce (spliced into raw bodies). */
export const RAW_NUMBERS = ['1e400', '-1e400', 'NaN', 'Infinity', '-0', '00012', '1.', '.5', '+1', '0x1F', '123456789012345678901234567890'];

export function huge(rng: Rng, min = 1_100_000): string {
  const unit = rng.pick(['A', 'é', '😀', '<', "'", '\\', '%', '\u0000', 'x'.repeat(10)]);
  return unit.repeat(Math.ceil(min / unit.length) + rng.int(0, 1000));
}

export function longString(rng: Rng): string {
  return rng.pick(['a', 'Z', '1', ' ']).repeat(rng.pick([256, 1001, 3001, 10_001, 65_536, 200_001]));
}

export function deepNest(depth: number, leaf: unknown = 1): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Any hostile string, for path parameters, query values and string fields. */
export function hostileString(rng: Rng): string {
  switch (rng.int(0, 7)) {
    case 0:
      return rng.pick(INJECTION);
    case 1:
      return rng.pick(TRAVERSAL);
    case 2:
      return rng.pick(UNICODE);
    case 3:
      return rng.pick(BAD_DATES);
    case 4:
      return rng.pick(BAD_ODS);
    case 5:
      return longString(rng);
    case 6:
      return String(rng.pick(BAD_NUMBERS));
    default:
      return rng.pick(['', ' ', 'null', 'undefined', 'true', '[]', '{}', '-', '*', '\t\n', '00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);
  }
}

/** A hostile value of any JSON type, for a field whose schema is `schema` (wrong types are the point). */
export function hostileValue(rng: Rng, schema: any): unknown {
  const type = schema?.type ?? (schema?.properties ? 'object' : 'string');
  switch (rng.int(0, 9)) {
    case 0:
      return rng.pick([null, true, false, 0, '', [], {}, 'x']); // wrong type (usually)
    case 1:
      return rng.pick(BAD_NUMBERS);
    case 2:
      return schema?.format === 'date' || /date/i.test(schema?.description ?? '') ? rng.pick(BAD_DATES) : hostileString(rng);
    case 3:
      return Array.from({ length: rng.pick([1, 2, 1001, 5000, 20_000]) }, (_, i) => (type === 'array' && schema.items ? i : rng.pick(['A81001', i, null, {}])));
    case 4:
      return deepNest(rng.pick([10, 200, 2000]));
    case 5:
      return JSON.parse(`{"__proto__":{"admin":true},"constructor":{"prototype":{"polluted":true}},${JSON.stringify(rng.pick(INJECTION))}:1}`);
    case 6:
      return type === 'string' ? rng.pick(INJECTION) : type === 'number' || type === 'integer' ? String(rng.int(1, 10)) : rng.pick(INJECTION);
    case 7:
      return type === 'array' ? rng.pick([{}, 'A81001', [[[]]], [null], [{ a: 1 }]]) : [rng.pick(INJECTION)];
    case 8:
      return rng.pick(BAD_ODS);
    default:
      return hostileString(rng);
  }
}

/** Bytes that are not UTF-8. */
export const INVALID_UTF8 = [
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from([0xc0, 0xaf]), // overlong '/'
  Buffer.from([0x00, 0x00, 0x00]),
];

export function junkBytes(rng: Rng, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}
