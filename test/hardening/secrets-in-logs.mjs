// Secrets never reach a log: searches every log the suites wrote (TEST_LOG_DIR: each suite's
// output and the API and portal logs of the fault, hardening and journey servers) for the demo
// password, session, CSRF and emailed-link tokens, Stripe keys and credentials in database URLs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const PATTERNS = [
  ['the demo password', /Demo-password-2026/],
  ['a session cookie value', /gpit_session=(?!;|\s|$)[A-Za-z0-9_-]{20,}/],
  ['a CSRF cookie value', /gpit_csrf=[A-Za-z0-9_-]{20,}/],
  ['a password reset, invitation or registration link token', /\/(?:reset-password|invitations|supplier-registration\/confirm)\/[A-Za-z0-9_-]{20,}/],
  ['a token (32 random bytes, base64url)', /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/],
  ['a Stripe secret key', /\b[sr]k_(?:test|live)_[A-Za-z0-9]+/],
  ['a Stripe webhook secret', /\bwhsec_[A-Za-z0-9]+/],
  ['a password in a URL (DATABASE_URL, SMTP_URL)', /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+:[^\s@/"']+@/i],
];

// The patterns must catch what they are for (a self-check, so a broken pattern cannot pass silently).
const samples = [
  'password "Demo-password-2026"',
  'cookie: gpit_session=AbC123dEf456GhI789jKl012',
  'gpit_csrf=AbC123dEf456GhI789jKl012.sig',
  'http://localhost:3000/reset-password/AbC123dEf456GhI789jKl012mNo345',
  'token F3xq9ZpL0aB2cD4eF6gH8iJ0kL2mN4oP6qR8sT0uV1w',
  'STRIPE_SECRET_KEY=sk_test_journeys',
  'whsec_journeys',
  'postgres://postgres:postgres@127.0.0.1:5432/gpit',
];
PATTERNS.forEach(([what, re], i) => {
  if (!re.test(samples[i])) {
    console.error(`secrets-in-logs: the pattern for ${what} misses its sample`);
    process.exit(2);
  }
});

const dir = process.env.TEST_LOG_DIR;
if (!dir) {
  console.error('secrets-in-logs: TEST_LOG_DIR is not set (run through scripts/test.mjs)');
  process.exit(2);
}
const files = [];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.log')) files.push(p);
  }
};
walk(dir);
if (!files.length) {
  console.error(`secrets-in-logs: no logs in ${dir}`);
  process.exit(1);
}
let bytes = 0;
const found = [];
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    bytes += line.length + 1;
    for (const [what, re] of PATTERNS) if (re.test(line)) found.push(`${path.relative(dir, file)}:${i + 1}: ${what}: ${line.slice(0, 200)}`);
  });
}
if (found.length) {
  console.error(`Secrets in the logs (${found.length}):\n${found.slice(0, 50).join('\n')}`);
  process.exit(1);
}
console.log(`secrets-in-logs: no secrets in ${files.length} log files (${(bytes / 1e6).toFixed(1)} MB) under ${dir}`);
