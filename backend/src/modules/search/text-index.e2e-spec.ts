import type { DataSource } from 'typeorm';
import { createTestDataSource } from '../../../test/test-app';
import { TextIndex } from './facet-index';
import { buildStateStatement, INDEX_ROWS, textQuery } from './search.sql';

/**
 * The in-process TextIndex claims to match and rank exactly as PostgreSQL's `document @@ tsquery`
 * and ts_rank_cd would, or to decline (null) so PostgreSQL answers. This checks that claim against
 * the PostgreSQL the tests run on, over the demo catalogue, so an upgrade that changes parsing,
 * stemming or ranking fails here rather than silently reordering search results.
 */
describe('TextIndex against PostgreSQL', () => {
  let db: DataSource;
  let close: () => Promise<void>;
  let rows: { item_id: string; type: string; document: string }[];
  let index: TextIndex;

  beforeAll(async () => {
    ({ db, close } = await createTestDataSource());
    rows = (await db.query(INDEX_ROWS.text)).filter((r: { item_id: string | null }) => r.item_id !== null);
    index = new TextIndex(
      rows.map((r) => r.document),
      rows.map((r) => r.type),
    );
  });

  afterAll(() => close?.());

  /** Words people type, plus lexemes of the catalogue itself (every 7th, with prefixes and pairs). */
  async function queries(): Promise<string[]> {
    const typed = [
      'appointments', 'appoint', 'appointment booking', 'patient record', 'online consultation', 'video or phone', 'prescrib',
      'gp connect', 'sms', 'record', 'data migration', 'clinical', 'triage', 'document management', 'reporting or analytics',
      'online', 'video consult', 'pharmacy', 'referral', 'mobile app', 'cloud', 'training', 'installation',
    ];
    const lexemes: { w: string }[] = await db.query(
      `SELECT w FROM (SELECT DISTINCT word AS w FROM ts_stat('SELECT document FROM catalogue_search')) x ORDER BY w`,
    );
    const sample = lexemes.filter((_, i) => i % 7 === 0).map((l) => l.w).filter((w) => /^[a-z]{3,}$/.test(w));
    const pairs = sample.slice(0, 40).map((w, i) => `${w} ${sample[(i * 13 + 5) % sample.length]}`);
    const ors = sample.slice(0, 20).map((w, i) => `${w} or ${sample[(i * 7 + 3) % sample.length]}`);
    const prefixes = sample.slice(0, 40).map((w) => w.slice(0, Math.max(3, w.length - 2)));
    return [...typed, ...sample, ...pairs, ...ors, ...prefixes];
  }

  it('matches and ranks exactly as PostgreSQL, or declines', async () => {
    let answered = 0;
    let declined = 0;
    let compared = 0;
    for (const q of await queries()) {
      const [{ tsquery }] = await db.query(buildStateStatement(q).text, buildStateStatement(q).values);
      for (const type of ['solution', 'additional_service', 'associated_service']) {
        const match = index.match(tsquery, type);
        if (!match) {
          declined++;
          continue;
        }
        answered++;
        const values: unknown[] = [type];
        const tsq = textQuery(q, (v) => {
          values.push(v);
          return `$${values.length}`;
        });
        const expected: { item_id: string; rank: number }[] = await db.query(
          `SELECT s.item_id, ts_rank_cd('{0.1,0.2,0.4,1.0}', s.document, q.tsq) AS rank
             FROM catalogue_search s CROSS JOIN (SELECT ${tsq} AS tsq) q
            WHERE s.type = $1 AND s.publication_status IN ('published','in_remediation') AND s.document @@ q.tsq
            ORDER BY s.item_id`,
          values,
        );
        const got = Array.from(match.docs, (d) => ({ item_id: rows[d].item_id, rank: match.rank(d) })).sort((a, b) => (a.item_id < b.item_id ? -1 : 1));
        expect({ q, type, ids: got.map((g) => g.item_id) }).toEqual({ q, type, ids: expected.map((e) => e.item_id) });
        // PostgreSQL's ranks are float4: compare in that precision.
        expect({ q, type, ranks: got.map((g) => g.rank) }).toEqual({ q, type, ranks: expected.map((e) => Math.fround(Number(e.rank))) });
        // Searches rank all their results at once (rankAll): the same ranks.
        const all = new Float64Array(rows.length);
        match.rankAll!(match.docs, all);
        expect({ q, type, ranks: Array.from(match.docs, (d) => all[d]) }).toEqual({ q, type, ranks: Array.from(match.docs, (d) => match.rank(d)) });
        compared += got.length;
      }
    }
    // The point of the index is that it answers the ordinary searches itself.
    expect(answered).toBeGreaterThan(declined * 4);
    expect(compared).toBeGreaterThan(500);
  });
});
