// Scale seeding shared by the benchmarks and the soak test (bench-catalogue, bench-orders,
// bench-oversight, soak): a bigger catalogue, more practices, historical orders and contracts.
// Each takes a connected `pg` client on a database `prepare` has set up with the demo data.

/** Catalogue size at a scale level, as the issue states it: the demo catalogue, then 120 items per level (1,200 at 10×). */
export const catalogueItemsAt = (level) => (level === 1 ? 117 : level * 120);

/**
 * Grows the catalogue to `want` items by cloning demo items (ids 100NN-…) under synthetic suppliers
 * (copy C of supplier 100NN is 20000 + 100·C + NN): whole copies, then the first items of one more
 * copy (solutions before the additional services that hang off them) to reach the exact count.
 * Returns the counts and the listed solutions' ids.
 */
export async function growCatalogue(c, want) {
  await c.query('BEGIN');
  const [{ demo, have }] = (
    await c.query(`SELECT count(*) FILTER (WHERE id ~ '^100')::int AS demo, count(*) FILTER (WHERE id ~ '^[2-9]')::int AS have FROM catalogue_items`)
  ).rows;
  for (let k = have; k < want - demo; ) {
    const copy = Math.floor(k / demo) + 1;
    const from = k % demo;
    const to = Math.min(demo, from + (want - demo - k));
    k += to - from;
    await c.query(
      `INSERT INTO organisations (code, type, name)
       SELECT (20000 + $1 * 100 + (code::int - 10000))::text, 'supplier', name || ' ' || $1
         FROM organisations WHERE type = 'supplier' AND code ~ '^100[0-9]{2}$'
       ON CONFLICT (code) DO NOTHING`,
      [copy],
    );
    const prefix = `(20000 + $1 * 100 + (substring(i.id for 5)::int - 10000))::text`;
    const demoItems = `(SELECT i.*, row_number() OVER (ORDER BY i.parent_item_id IS NOT NULL, i.id) - 1 AS n
                          FROM catalogue_items i WHERE i.id ~ '^100') i`;
    await c.query(
      `INSERT INTO catalogue_items (id, supplier_id, type, parent_item_id, publication_status, accreditation_status,
                                    first_published_at, last_published_at)
       SELECT ${prefix} || substring(i.id from 6), o.id, i.type,
              CASE WHEN i.parent_item_id IS NULL THEN NULL ELSE ${prefix} || substring(i.parent_item_id from 6) END,
              i.publication_status, i.accreditation_status, i.first_published_at,
              i.last_published_at - make_interval(days => $1)
         FROM ${demoItems} JOIN organisations o ON o.code = ${prefix}
        WHERE i.n >= $2 AND i.n < $3`,
      [copy, from, to],
    );
    await c.query(
      `INSERT INTO listing_versions (item_id, version, status, content)
       SELECT ${prefix} || substring(i.id from 6), v.version, v.status, v.content
         FROM ${demoItems} JOIN listing_versions v ON v.id = i.live_version_id
        WHERE i.n >= $2 AND i.n < $3`,
      [copy, from, to],
    );
  }
  await c.query(
    `UPDATE catalogue_items i SET live_version_id = v.id FROM listing_versions v
      WHERE v.item_id = i.id AND i.live_version_id IS NULL AND i.id ~ '^[2-9]'`,
  );
  await c.query(
    `SELECT refresh_catalogue_search(id) FROM catalogue_items WHERE id ~ '^[2-9]' AND id NOT IN (SELECT item_id FROM catalogue_search)`,
  );
  await c.query('COMMIT');
  // catalogue_search_state is one row, updated by every refresh above: vacuum its dead versions as
  // autovacuum would, or each search's read of the counter scans thousands of them.
  await c.query('VACUUM ANALYZE catalogue_search, catalogue_search_state');
  const [{ items, listed, solutions, ids }] = (
    await c.query(`SELECT (SELECT count(*)::int FROM catalogue_items) AS items, count(*)::int AS listed,
                          count(*) FILTER (WHERE type = 'solution')::int AS solutions,
                          array_agg(item_id ORDER BY item_id) FILTER (WHERE type = 'solution') AS ids
                     FROM catalogue_search`)
  ).rows;
  return { items, listed, solutions, ids };
}

/** Every ODS practice cloned (level − 1) times into the same PCN, sub-ICB location and ICB (product.md §5: 6,100 × level). */
export function clonePracticesSql() {
  return `INSERT INTO organisations (code, type, name, status, region_code, icb_code, sub_icb_code, pcn_code, registered_patients, postcode, town)
     SELECT o.code || 'X' || k, 'practice', o.name || ' (copy ' || k || ')', o.status, o.region_code, o.icb_code, o.sub_icb_code, o.pcn_code,
            o.registered_patients, o.postcode, o.town
       FROM organisations o CROSS JOIN generate_series(1, $1::int - 1) k
      WHERE o.type = 'practice'`;
}

/**
 * The commissioner oversight data at `level` (product.md §5): practices cloned as above; 30,000 ×
 * level completed orders, each with its contract and one recipient (the buying practice), spread over
 * the assessed demo solutions (one Lapsed, one Failed among them) and over start dates from three
 * years ago to a year ahead. Bulk-loaded with the register's triggers off, then contract_areas is
 * filled in one statement, exactly as the triggers would have. `log` gets one line per step.
 * Order numbers stop at 999,999, so above 33× contracts share orders and no order can be added.
 */
export async function seedContracts(c, level, log = console.log) {
  const step = async (label, sql, params) => {
    const t = Date.now();
    const r = await c.query(sql, params);
    log(`  ${label}: ${r.rowCount?.toLocaleString('en-GB') ?? ''} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
  };
  const t0 = Date.now();
  await c.query(`SET maintenance_work_mem = '512MB'`);
  await c.query(`SET synchronous_commit = off`);
  await step('practices', clonePracticesSql(), [level]);
  const contracts = 30000 * level;
  // Order numbers stop at 999,999, so above 33× the contracts share orders: contract g follows order
  // 1 + (g − 1) mod N, for a different supplier each round (contracts are unique per order and supplier).
  const orders = Math.min(contracts, 999999);
  await c.query(`CREATE TEMP TABLE sample_suppliers AS
    SELECT supplier_id, array_agg(id ORDER BY id) AS solutions, row_number() OVER (ORDER BY supplier_id) - 1 AS n
      FROM catalogue_items WHERE type = 'solution' AND accreditation_status IS NOT NULL GROUP BY supplier_id`);
  const [{ suppliers }] = (await c.query(`SELECT count(*)::int AS suppliers FROM sample_suppliers`)).rows;
  await c.query(`CREATE TEMP TABLE practice_ids AS SELECT id, row_number() OVER (ORDER BY md5(code)) AS n FROM organisations WHERE type = 'practice'`);
  await c.query(`CREATE UNIQUE INDEX ON practice_ids (n)`);
  const [{ practices }] = (await c.query(`SELECT count(*)::int AS practices FROM practice_ids`)).rows;
  const [{ user }] = (await c.query(`SELECT id AS user FROM users ORDER BY email LIMIT 1`)).rows;
  // Bulk load: no per-row triggers (contract_areas is filled below), its index rebuilt afterwards.
  await c.query(`ALTER TABLE contracts DISABLE TRIGGER USER`);
  await c.query(`ALTER TABLE contract_recipients DISABLE TRIGGER USER`);
  // contract_areas' secondary indexes (the migrations' own definitions) are dropped and rebuilt after the load.
  const areaIndexes = (
    await c.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'contract_areas' AND indexname <> 'contract_areas_pkey' ORDER BY indexname`)
  ).rows;
  for (const { indexname } of areaIndexes) await c.query(`DROP INDEX ${indexname}`);
  await step(
    'orders',
    `INSERT INTO orders (number, revision, status, description, ordering_party_id, supplier_id, framework_id,
                         commencement_date, initial_period_months, maximum_term_months, completed_by, completed_at, created_by, created_at)
     SELECT g, 1, 'completed', 'Historical order ' || g, p.id, s.supplier_id, 'TIF001', DATE '2023-12-01' + (g::bigint * 7919 % 1460)::int, 3, 36, $2::uuid, now(), $2::uuid, now()
       FROM generate_series(1, $1::int) g
       JOIN practice_ids p ON p.n = 1 + (g % $3::int)
       JOIN sample_suppliers s ON s.n = g % $4::int`,
    [orders, user, practices, suppliers],
  );
  await c.query(`SELECT setval('order_number_seq', $1)`, [orders]);
  await step(
    'contracts',
    `INSERT INTO contracts (order_number, order_id, buyer_id, supplier_id, framework_id, solution_item_id, start_date, end_date, notice_period_days, notice_deadline, value_pence)
     SELECT x.number, o.id, p.id, s.supplier_id, 'TIF001', s.solutions[1 + x.number % cardinality(s.solutions)], x.start,
            (x.start + make_interval(months => x.term) - interval '1 day')::date, 90,
            (x.start + make_interval(months => x.term) - interval '91 days')::date, 100000 + (x.g::bigint * 7717 % 5000000)
       FROM (SELECT g, 1 + (g - 1) % $2::int AS number, (g - 1) / $2::int AS round, DATE '2023-12-01' + (g::bigint * 7919 % 1460)::int AS start, 12 + (g % 3) * 12 AS term
               FROM generate_series(1, $1::int) g) x
       JOIN orders o ON o.number = x.number AND o.revision = 1
       JOIN practice_ids p ON p.n = 1 + (x.g % $3::int)
       JOIN sample_suppliers s ON s.n = (x.number + x.round) % $4::int`,
    [contracts, orders, practices, suppliers],
  );
  await step('contract recipients', `INSERT INTO contract_recipients (contract_id, practice_id) SELECT c.id, c.buyer_id FROM contracts c`);
  await step(
    'contract areas',
    `INSERT INTO contract_areas (contract_id, area_code, notice_deadline, supplier_id, solution_item_id, start_date, end_date, termination_date)
     SELECT c.id, a.code, c.notice_deadline, c.supplier_id, c.solution_item_id, c.start_date, c.end_date, c.termination_date
       FROM contracts c JOIN contract_recipients cr ON cr.contract_id = c.id JOIN organisations p ON p.id = cr.practice_id
       CROSS JOIN LATERAL (VALUES ('*'), (p.code), (p.pcn_code), (p.sub_icb_code), (p.icb_code)) a(code)
      WHERE a.code IS NOT NULL
     ON CONFLICT DO NOTHING`,
  );
  for (const { indexname, indexdef } of areaIndexes) await step(`index ${indexname}`, indexdef);
  await c.query(`ALTER TABLE contracts ENABLE TRIGGER USER`);
  await c.query(`ALTER TABLE contract_recipients ENABLE TRIGGER USER`);
  await c.query(`DROP TABLE sample_suppliers, practice_ids`);
  await step('vacuum analyze', 'VACUUM ANALYZE');
  const [counts] = (
    await c.query(`SELECT (SELECT count(*) FROM organisations WHERE type = 'practice')::int AS practices, (SELECT count(*) FROM contracts)::int AS contracts,
                          (SELECT count(*) FROM contract_areas WHERE area_code = 'QHM')::int AS qhm, (SELECT count(*) FROM contract_areas)::int AS areas`)
  ).rows;
  log(
    `Seeded ${level}×: ${counts.practices.toLocaleString('en-GB')} practices, ${counts.contracts.toLocaleString('en-GB')} contracts ` +
      `(${counts.qhm.toLocaleString('en-GB')} in QHM), ${counts.areas.toLocaleString('en-GB')} contract_areas rows (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );
  return counts;
}
