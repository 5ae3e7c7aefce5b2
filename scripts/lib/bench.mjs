// Helpers shared by the benchmark scripts (bench-catalogue, bench-orders, bench-oversight) and the
// soak test: child processes, a small HTTP client on keep-alive agents, waiting for the API, a
// process's resident memory, percentiles, and the searches people make.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { repoRoot } from './postgres.mjs';

/** Runs a command to completion (stderr shown), rejecting on a non-zero exit. */
export function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

/** One HTTP request to 127.0.0.1:port; JSON body when given; resolves with status, headers and text. */
export function request(port, method, p, { headers = {}, body } = {}, agent) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, method, path: p, agent, headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Waits until the API on `port` answers /api/health (up to a minute). */
export async function waitForApi(port) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await request(port, 'GET', '/api/health')).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`API did not start on port ${port}`);
}

/** A process's resident set size in MB (Linux), NaN when unknown. */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The value at percentile `p` (0–100) of ascending `sorted`, NaN when empty. */
export function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** What people type and tick on the search page; every request carries facets. */
export const CATALOGUE_SEARCHES = [
  'q=appointments&capability=C5&hostingType=PublicCloud',
  'q=appointments',
  '',
  'capability=C1',
  'q=online%20consultation&applicationType=browser-based',
  'q=prescrib&sort=name',
  'hostingType=PublicCloud&sort=-published',
  'q=patient%20record&integration=IM1%3A%20Bulk',
  'q=video&page=2&pageSize=10',
  'framework=TIF001&capability=C41',
].map((q) => `/api/catalogue/search?${q}`);
