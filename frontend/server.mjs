// Production server for the portal (`npm start`): static assets, /api proxied to the API, and
// every other request rendered by React Router with a per-request CSP nonce.
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequestHandler } from '@react-router/express';
import compression from 'compression';
import express from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';

const here = path.dirname(fileURLToPath(import.meta.url));

function config() {
  const port = Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  const apiUrl = process.env.API_URL || 'http://127.0.0.1:3001';
  try {
    new URL(apiUrl);
  } catch {
    throw new Error(`API_URL must be a URL, got "${apiUrl}"`);
  }
  const production = process.env.NODE_ENV === 'production';
  const cookieSecure = process.env.COOKIE_SECURE;
  if (cookieSecure && !['true', 'false'].includes(cookieSecure)) throw new Error(`COOKIE_SECURE must be true or false, got "${cookieSecure}"`);
  // Served over HTTPS: production by default; COOKIE_SECURE=false for a local plain-http deployment.
  const https = cookieSecure ? cookieSecure === 'true' : production;
  return { port, host: process.env.HOST || '0.0.0.0', apiUrl, production, https };
}

let cfg;
let build;
try {
  cfg = config();
  process.env.API_URL = cfg.apiUrl;
  // Importing the build runs its boot-time configuration check (app/lib/env.server.ts).
  build = await import(path.join(here, 'build/server/index.js'));
} catch (e) {
  console.error(`Portal failed to start: ${e instanceof Error ? e.message : e}`);
  process.exit(2);
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const MAX_FORM_BYTES = 1024 * 1024;

// Emailed links carry a secret in the path (invitations, password resets, supplier registration
// confirmations): never log it. The API's logger has the same rule (core/logging/logger.ts).
const redactPath = (p) => p.replace(/\/(invitations|reset-password|supplier-registration\/confirm)\/[A-Za-z0-9_-]{20,}/g, '/$1/[redacted]');

function log(level, msg, fields = {}) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}

const app = express();
app.disable('x-powered-by');

// Request id and access log first, so every response (proxied or rendered) has both.
app.use((req, res, next) => {
  const incoming = req.get('x-request-id');
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  req.headers['x-request-id'] = requestId;
  res.setHeader('X-Request-Id', requestId);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    if (req.path.startsWith('/assets/')) return;
    log(res.statusCode >= 500 ? 'error' : 'info', 'request', {
      requestId,
      method: req.method,
      path: redactPath(req.path),
      status: res.statusCode,
      ms: Number((process.hrtime.bigint() - started) / 1000000n),
    });
  });
  next();
});

app.get('/healthz', (_req, res) => {
  res.setHeader('Cache-Control', 'no-store');
  res.json({ status: 'ok' });
});

// The API, path unchanged (pathFilter rather than a mount path, which Express would strip).
// Cookies and Set-Cookie pass through as they are: browser, portal and API share one origin.
app.use(
  createProxyMiddleware({
    target: cfg.apiUrl,
    pathFilter: '/api',
    xfwd: true,
    proxyTimeout: 30_000,
    on: {
      error(err, req, res) {
        log('error', 'API proxy error', { path: redactPath(req.url.split('?')[0]), error: err.message });
        if (!res.headersSent && typeof res.writeHead === 'function') {
          res.writeHead(502, { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' });
          res.end(
            JSON.stringify({
              type: 'urn:gpit:problem:api-unavailable',
              title: 'Service unavailable',
              status: 502,
              code: 'api-unavailable',
              detail: 'The API is not reachable. Try again shortly.',
              requestId: req.headers['x-request-id'],
            }),
          );
        } else {
          res.end?.();
        }
      },
    },
  }),
);

app.use(compression());

// Security headers for everything the portal itself serves. Scripts need this request's nonce
// (React Router's inline hydration scripts carry it); nothing inline runs without it.
app.use((req, res, next) => {
  const nonce = randomBytes(16).toString('base64');
  res.locals.cspNonce = nonce;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    ...(cfg.https ? ['upgrade-insecure-requests'] : []),
  ];
  res.setHeader('Content-Security-Policy', csp.join('; '));
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader(
    'Permissions-Policy',
    'accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()',
  );
  if (cfg.https) res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  next();
});

// Fingerprinted build output never changes under a name: cache it for a year.
app.use('/assets', express.static(path.join(here, 'build/client/assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
// The few other files at the root (favicon, robots.txt): looked up by name, so a page request is
// not a filesystem stat first.
const clientDir = path.join(here, 'build/client');
const rootFiles = new Set(readdirSync(clientDir, { withFileTypes: true }).filter((f) => f.isFile()).map((f) => `/${f.name}`));
const rootStatic = express.static(clientDir, { maxAge: '1h', index: false });
app.use((req, res, next) => (rootFiles.has(req.path) ? rootStatic(req, res, next) : next()));

// Pages carry personal data: not for shared caches (a route may still set its own policy).
app.use((req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  const length = Number(req.get('content-length') || 0);
  if (length > MAX_FORM_BYTES) {
    res.status(413).type('text/plain').send('The form is too large.');
    return;
  }
  // Loaders forward this to the API so rate limits and the audit log see the real client.
  const chain = [req.get('x-forwarded-for'), req.socket.remoteAddress].filter(Boolean).join(', ');
  if (chain) req.headers['x-forwarded-for'] = chain;
  next();
});

app.all(
  '*splat',
  createRequestHandler({
    build,
    mode: cfg.production ? 'production' : process.env.NODE_ENV,
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }),
  }),
);

// Last resort; React Router renders its own errors, so this is only for failures around it.
app.use((err, req, res, _next) => {
  log('error', 'unhandled error', { path: redactPath(req.path), error: err?.message, stack: err?.stack });
  if (res.headersSent) return res.end();
  const status = err?.status && err.status >= 400 && err.status < 500 ? err.status : 500;
  res.status(status).type('text/plain').send(status === 404 ? 'Not found' : 'Sorry, there is a problem with the service.');
});

const server = app.listen(cfg.port, cfg.host, () => {
  log('info', `Portal listening on http://${cfg.host}:${cfg.port} (API ${cfg.apiUrl})`);
});
// Longer than a typical load balancer's idle timeout, so it never reuses a socket we just closed.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  log('info', `${signal} received: finishing in-flight requests`);
  server.close(() => {
    log('info', 'Portal stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => {
    log('error', 'Requests still open after 10 seconds; exiting');
    process.exit(1);
  }, 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
