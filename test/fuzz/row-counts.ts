// "Nothing is written by a refused request": the row count of every table, in one query.
import type { DataSource } from 'typeorm';

/**
 * Rows a refused request may legitimately add, by design. Each is counted without them (a WHERE
 * clause) or not at all (null).
 */
export const EXCLUDED: Record<string, { where: string | null; why: string }> = {
  rate_limits: { where: null, why: 'refused sign-ins and password-reset requests count towards the throttle: that is its job' },
  audit_events: {
    where: `action NOT IN ('auth.sign-in.failed', 'auth.account-locked')`,
    why: 'a failed sign-in is audited (and may lock the account) although the request is refused',
  },
};

export type Counts = Record<string, number>;

export async function countQuery(db: DataSource): Promise<string> {
  const tables: { name: string }[] = await db.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  return tables
    .filter((t) => !(t.name in EXCLUDED) || EXCLUDED[t.name].where !== null)
    .map((t) => `SELECT '${t.name}' AS t, count(*)::int AS n FROM public."${t.name}"${EXCLUDED[t.name]?.where ? ` WHERE ${EXCLUDED[t.name].where}` : ''}`)
    .join(' UNION ALL ');
}

export async function rowCounts(db: DataSource, sql: string): Promise<Counts> {
  const rows: { t: string; n: number }[] = await db.query(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}

/** Tables whose count changed, e.g. `orders 12→13`. */
export function changed(before: Counts, after: Counts): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => before[t] !== after[t])
    .map((t) => `${t} ${before[t]}→${after[t]}`);
}
