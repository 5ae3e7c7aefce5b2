// Uploads are limited in size and type: the API refuses a body over 1 MB (413) and anything but
// JSON (415), as problem+json; the CSV itself is at most 200,000 characters (400); the portal's
// upload form takes only CSV files under 200 KB and refuses any form over 1 MB (413).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cloneTemplate, connect, DEMO, request, signIn, startApi, startPortal, stop } from '../faults/harness.mjs';

let db;
let api;
let portal;
let ref;

before(async () => {
  db = await cloneTemplate('hardening_uploads');
  const c = await connect(db.url);
  // An order of the demo ICB still being built: its recipients step takes a CSV.
  const { rows } = await c.query(
    `INSERT INTO orders (number, description, ordering_party_id, ordering_contact, supplier_id, framework_id, created_by)
     SELECT nextval('order_number_seq'), 'Upload limits', (SELECT id FROM organisations WHERE code = 'QHM'), '{"name":"Callum Reid","email":"commissioner@demo.gpit.test"}',
            (SELECT id FROM organisations WHERE code = '10000'), 'TIF001', (SELECT id FROM users WHERE email = $1)
     RETURNING number`,
    [DEMO.commissioner],
  );
  await c.end();
  ref = `C${String(rows[0].number).padStart(6, '0')}-01`;
  api = await startApi({ databaseUrl: db.url, logName: 'hardening-uploads-api' });
  portal = await startPortal({ apiPort: api.port, logName: 'hardening-uploads-portal' });
});

after(async () => {
  await stop(portal?.child);
  await stop(api?.child);
  await db?.drop();
});

function assertProblem(res, status) {
  assert.equal(res.status, status, res.text.slice(0, 300));
  assert.match(res.headers['content-type'], /^application\/problem\+json/);
  assert.equal(JSON.parse(res.text).status, status);
}

test('API: the CSV upload takes JSON up to its limits; bigger is 413, another media type 415, problem+json', async () => {
  const headers = await signIn(api.port, DEMO.commissioner);
  const put = (opts) => request(api.port, 'PUT', `/api/orders/${ref}/recipients/csv`, { ...opts, headers: { ...headers, ...opts.headers } });
  const ok = await put({ body: { csv: 'ODS code\nA81001\n' } });
  assert.equal(ok.status, 200, ok.text.slice(0, 300));

  assertProblem(await put({ body: { csv: 'A81001\n'.repeat(200_000) } }), 413); // 1.4 MB
  const tooManyRows = await put({ body: { csv: 'A81001\n'.repeat(30_000) } }); // 210,000 characters
  assertProblem(tooManyRows, 400);
  assert.match(JSON.parse(tooManyRows.text).errors[0].message, /too large/);
  assertProblem(await put({ raw: 'ODS code\nA81001\n', headers: { 'content-type': 'text/csv' } }), 415);
  assertProblem(await put({ raw: '--x\r\nContent-Disposition: form-data; name="csv"\r\n\r\nA81001\r\n--x--\r\n', headers: { 'content-type': 'multipart/form-data; boundary=x' } }), 415);
  assertProblem(await put({ raw: '<csv/>', headers: { 'content-type': 'application/xml' } }), 415);
});

test('portal: the upload form takes only a CSV file under 200 KB; a form over 1 MB is refused before it is read', async () => {
  // Sign in through the portal's proxy, then open the form for its CSRF cookie and token.
  const session = await signIn(portal.port, DEMO.commissioner);
  const page = await request(portal.port, 'GET', `/orders/${ref}/recipients/upload`, { headers: { cookie: session.cookie } });
  assert.equal(page.status, 200, page.text.slice(0, 300));
  const csrfCookie = page.headers['set-cookie'].find((c) => c.includes('gpit_csrf=')).split(';')[0];
  const token = /name="csrf" value="([^"]+)"/.exec(page.text)[1];
  const upload = (filename, type, content) => {
    const boundary = 'hardening-boundary';
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${token}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="csvFile"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n${content}\r\n--${boundary}--\r\n`;
    return request(portal.port, 'POST', `/orders/${ref}/recipients/upload`, {
      raw: body,
      headers: { cookie: `${session.cookie}; ${csrfCookie}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  };
  const good = await upload('practices.csv', 'text/csv', 'ODS code\nA81001\n');
  assert.equal(good.status, 302, good.text.slice(0, 300));
  const big = await upload('practices.csv', 'text/csv', 'A81001\n'.repeat(30_000));
  assert.equal(big.status, 400);
  assert.match(big.text, /smaller than 200KB/);
  for (const [name, type] of [['practices.pdf', 'application/pdf'], ['practices.csv', 'application/x-msdownload'], ['practices.exe', 'text/csv']]) {
    const wrong = await upload(name, type, 'A81001\n');
    assert.equal(wrong.status, 400, `${name} (${type})`);
    assert.match(wrong.text, /must be a CSV/);
  }
  const huge = await upload('practices.csv', 'text/csv', 'A81001\n'.repeat(200_000));
  assert.equal(huge.status, 413);
});
