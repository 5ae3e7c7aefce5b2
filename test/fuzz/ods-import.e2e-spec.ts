/// <reference types="jest" />
// The ODS import (`npm run import:ods`, no HTTP endpoint) fed hostile CSV files: a small slice of the
// shipped release with one file mutated. Each run either imports or stops with
// `ImportError("<file>[:<line>]: <reason>")` and writes nothing; any other error is a failure.
// FUZZ_SEED and FUZZ_COUNT as in fuzz.e2e-spec.ts (this suite runs FUZZ_COUNT / 25 imports).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../../backend/src/cli/data-dir';
import { ImportError, importOds } from '../../backend/src/modules/organisations/ods.importer';
import { ODS_FILES } from '../../backend/src/modules/organisations/ods.release';
import { importerSuite } from '../../backend/test/importer-suite';
import { BAD_DATES, BAD_ODS, INJECTION, INVALID_UTF8, junkBytes } from './payloads';
import { mulberry32, Rng } from './prng';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) >>> 0 : Math.floor(Math.random() * 2 ** 32);
const COUNT = Math.max(20, Math.round(Number(process.env.FUZZ_COUNT ?? 1500) / 25));
const FILES = [ODS_FILES.mapping, ODS_FILES.epraccur, ODS_FILES.patients] as const;

/** The header and the rows of each file for the first `n` practices of the mapping file. */
function slice(n: number): Record<string, string[]> {
  const read = (f: string) => readFileSync(path.join(dataDir('ods'), f), 'utf8').split(/\r?\n/).filter(Boolean);
  const mapping = read(ODS_FILES.mapping).slice(0, n + 1);
  const codes = new Set(mapping.slice(1).map((l) => l.split(',')[2]));
  const keep = (f: string, col: number) => {
    const [header, ...rows] = read(f);
    return [header, ...rows.filter((l) => codes.has(l.split(',')[col]))];
  };
  return { [ODS_FILES.mapping]: mapping, [ODS_FILES.epraccur]: keep(ODS_FILES.epraccur, 0), [ODS_FILES.patients]: keep(ODS_FILES.patients, 5) };
}

/** One mutation of one file's lines; returns the bytes to write and what was done. */
function mutate(rng: Rng, lines: string[]): { what: string; bytes: Buffer } {
  const text = (ls: string[]) => Buffer.from(ls.join('\n') + '\n');
  const ls = [...lines];
  const row = rng.int(1, Math.max(1, ls.length - 1));
  const cells = (ls[row] ?? '').split(',');
  const cell = rng.int(0, Math.max(0, cells.length - 1));
  const setCell = (v: string) => {
    cells[cell] = v;
    ls[row] = cells.join(',');
    return text(ls);
  };
  switch (rng.int(0, 14)) {
    case 0:
      return { what: 'bom', bytes: Buffer.concat([Buffer.from('\uFEFF\uFEFF'), text(ls)]) };
    case 1:
      return { what: 'utf16', bytes: Buffer.from('\uFEFF' + ls.join('\r\n'), 'utf16le') };
    case 2:
      return { what: 'invalid-utf8', bytes: Buffer.concat([text(ls.slice(0, row)), rng.pick(INVALID_UTF8), text(ls.slice(row))]) };
    case 3:
      return { what: 'binary-junk', bytes: rng.chance(0.5) ? junkBytes(rng, rng.pick([10, 5000])) : Buffer.concat([text(ls.slice(0, row)), junkBytes(rng, 300)]) };
    case 4:
      return { what: 'formula-injection', bytes: setCell(rng.pick(['=HYPERLINK("http://evil.test")', '+cmd|\' /C calc\'!A0', '@SUM(1+1)', '"=1+1"'])) };
    case 5: {
      const header = ls[0].split(',');
      const i = rng.int(0, header.length - 1);
      if (rng.chance(0.5)) header[i] = rng.pick(['FOO', '', header[(i + 1) % header.length], header[i].toLowerCase()]);
      else header.splice(i, 1);
      ls[0] = header.join(',');
      return { what: 'wrong-columns', bytes: text(ls) };
    }
    case 6:
      return { what: 'thousands-of-rows', bytes: text([...ls, ...Array.from({ length: rng.pick([2000, 6000]) }, () => ls[row])]) };
    case 7:
      return { what: 'truncated', bytes: text(ls).subarray(0, rng.int(0, text(ls).length - 1)) };
    case 8:
      return { what: 'huge-cell', bytes: setCell('X'.repeat(rng.pick([301, 100_000, 1_100_000]))) };
    case 9:
      return { what: 'nul', bytes: setCell(`A8\u00001001`) };
    case 10:
      return { what: 'bad-date', bytes: setCell(rng.pick([...BAD_DATES, '30Feb2026', '20260230', '99999999', '01Xyz2026'])) };
    case 11:
      return { what: 'bad-ods', bytes: setCell(rng.pick(BAD_ODS)) };
    case 12:
      return { what: 'injection', bytes: setCell(rng.pick(INJECTION)) };
    case 13:
      return { what: 'numbers', bytes: setCell(rng.pick(['-5', '99999999999999999999', '1e400', 'NaN', '3.5', '0x10', ' '])) };
    default:
      return { what: rng.pick(['quoted-newlines', 'cr-only', 'empty']), bytes: rng.chance(0.4) ? setCell('"a\nb, ""c"""') : rng.chance(0.5) ? Buffer.from(ls.join('\r')) : Buffer.alloc(0) };
  }
}

describe('hostile CSV files for the ODS import', () => {
  const suite = importerSuite('fuzz-ods-');

  const state = async () =>
    (await suite.db.query(`SELECT (SELECT md5(string_agg(o::text, '|' ORDER BY o.code)) FROM organisations o) AS orgs, (SELECT md5(string_agg(r::text, '|' ORDER BY r.name)) FROM reference_imports r) AS imports`))[0];

  it(`imports ${COUNT} mutated releases or refuses each with <file>:<line>: <reason>, writing nothing`, async () => {
    console.log(`fuzz (ODS import): FUZZ_SEED=${SEED}, ${COUNT} releases`);
    const base = slice(40);
    const failures: string[] = [];
    let before = await state();
    let imported = 0;
    for (let i = 0; i < COUNT; i++) {
      const rng = mulberry32((SEED ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0);
      const file = rng.pick(FILES);
      const m = mutate(rng, base[file]);
      const dir = path.join(suite.tmp, String(i));
      mkdirSync(dir);
      for (const f of FILES) writeFileSync(path.join(dir, f), f === file ? m.bytes : base[f].join('\n') + '\n');
      const where = `ODS case ${i} (FUZZ_SEED=${SEED}) ${file} [${m.what}]: ${m.bytes.subarray(0, 200).toString('latin1').replace(/[^\x20-\x7e\n]/g, '?')}`;
      try {
        await importOds(suite.db, dir, { force: true });
        imported++;
        before = await state();
      } catch (e) {
        if (!(e instanceof ImportError) || !/^[\w.-]+\.csv(:\d+)?: ./.test(e.message)) failures.push(`${where}\n  → ${(e as Error).name}: ${(e as Error).message}`);
        const after = await state();
        if (after.orgs !== before.orgs || after.imports !== before.imports) failures.push(`${where}\n  → refused but changed organisations or reference_imports`);
        before = after;
      }
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`fuzz (ODS import): ${COUNT} releases, ${imported} imported, ${COUNT - imported} refused, ${failures.length} failures`);
    if (failures.length) console.error(`fuzz (ODS import): FUZZ_SEED=${SEED} failures:\n\n${failures.slice(0, 30).join('\n\n')}`);
    expect(failures.length).toBe(0);
  }, 600_000);
});
