// The email outbox dispatcher (a background loop sending through SMTP) killed mid-batch: after a
// restart it sends the rest, and no email reaches the SMTP server twice. The SMTP server is a fake
// at the network boundary; it holds its answer to one message while the test SIGKILLs the API, so
// the kill lands mid-send at a known point.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { cloneTemplate, connect, sleep, startApi, stop } from './harness.mjs';

const EMAILS = 30;
const KILL_AT = 8; // the kill happens while this message is being sent

let db;
let c;
let api;
let smtp;

/**
 * A minimal SMTP server: records each accepted message's Message-ID; `hold(n, accept, closed)` decides
 * whether to answer message n (`closed` settles when that client's connection has gone).
 */
function fakeSmtp(hold) {
  const accepted = [];
  let received = 0;
  const server = net.createServer((socket) => {
    socket.setEncoding('utf8');
    let data = null;
    let buffer = '';
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => undefined);
    socket.write('220 fake-smtp ready\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          const message = data;
          data = null;
          const n = ++received;
          const messageId = /^Message-ID:\s*(\S+)/im.exec(message)?.[1] ?? `(none ${n})`;
          // Accepted only once the 250 is written; a message whose client died first was never delivered.
          const accept = () => {
            if (socket.destroyed) return;
            accepted.push(messageId);
            socket.write('250 OK queued\r\n');
          };
          if (!hold(n, accept, closed)) accept();
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-fake-smtp\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') {
          data = '';
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port, accepted, received: () => received })));
}

before(async () => {
  db = await cloneTemplate('fault_outbox');
  c = await connect(db.url);
  await c.query(`DELETE FROM email_outbox`);
  await c.query(
    `INSERT INTO email_outbox (to_address, subject, text_body, template)
     SELECT 'buyer' || g || '@example.test', 'Alert ' || g, 'Body of alert ' || g, 'contract-alert' FROM generate_series(1, $1::int) g`,
    [EMAILS],
  );
});

after(async () => {
  await stop(api?.child);
  smtp?.server.close();
  await c?.end();
  await db?.drop();
});

test('the outbox dispatcher killed mid-batch resumes after a restart without sending any email twice', { timeout: 60_000 }, async () => {
  let heldAccept = null;
  let heldClosed = null;
  smtp = await fakeSmtp((n, accept, closed) => {
    if (n !== KILL_AT) return false;
    heldAccept = accept; // answer later (or never: the client is killed while waiting)
    heldClosed = closed;
    return true;
  });
  const env = { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
  api = await startApi({ databaseUrl: db.url, env, logName: 'fault-outbox-api-1' });
  const deadline = Date.now() + 20_000;
  while (!heldAccept && Date.now() < deadline) await sleep(50);
  assert.ok(heldAccept, `the dispatcher reached message ${KILL_AT}`);
  api.child.kill('SIGKILL');
  await api.child.exited;
  // The server learns of the dead client only when its socket closes, which can come after the
  // exit event; answering before that would be a real delivery the client never heard about (the
  // case SMTP cannot make exactly-once, and not the one this test stages).
  await heldClosed;
  heldAccept(); // too late: its client is gone
  const [{ sentAtKill }] = (await c.query(`SELECT count(*)::int AS "sentAtKill" FROM email_outbox WHERE sent_at IS NOT NULL`)).rows;
  assert.equal(sentAtKill, KILL_AT - 1, 'every email the server accepted before the kill is marked sent');

  api = await startApi({ databaseUrl: db.url, port: api.port, env, logName: 'fault-outbox-api-2' });
  const restarted = Date.now();
  for (;;) {
    const [{ unsent }] = (await c.query(`SELECT count(*)::int AS unsent FROM email_outbox WHERE sent_at IS NULL`)).rows;
    if (!unsent) break;
    assert.ok(Date.now() - restarted < 30_000, `${unsent} emails still unsent 30 s after the restart`);
    await sleep(200);
  }
  const ids = (await c.query(`SELECT '<' || id || '@outbox.gpit-marketplace>' AS mid FROM email_outbox`)).rows.map((r) => r.mid).sort();
  console.log(`Outbox: ${KILL_AT - 1} sent before the kill, the rest ${Date.now() - restarted} ms after the restart; the SMTP server saw ${smtp.received()} messages and accepted ${smtp.accepted.length}`);
  assert.deepEqual([...smtp.accepted].sort(), ids, 'each email accepted exactly once');
});
