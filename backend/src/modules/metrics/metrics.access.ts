import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { DomainError } from '../../core/errors/domain-error';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function isLoopback(address: string | undefined): boolean {
  return !!address && LOOPBACK.test(address);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may scrape /api/metrics. With a token: only a request bearing it. Without: only this machine,
 * judged by both the socket and the client address Express derives through TRUST_PROXY, so a
 * request the portal forwards from elsewhere (socket on loopback, X-Forwarded-For not) is refused,
 * and so is a forged X-Forwarded-For when TRUST_PROXY is a hop count.
 */
export function assertMayScrape(req: Request, token: string | null): void {
  if (token) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
    // Compared as hashes: constant time whatever the lengths.
    if (!m || !timingSafeEqual(digest(m[1]), digest(token))) {
      throw new DomainError(401, 'unauthenticated', 'Not authorised', 'Send Authorization: Bearer <METRICS_TOKEN>.', undefined, {
        'WWW-Authenticate': 'Bearer realm="metrics"',
      });
    }
    return;
  }
  if (!isLoopback(req.socket.remoteAddress) || !isLoopback(req.ip)) {
    throw new DomainError(403, 'forbidden', 'Forbidden', 'Metrics are served only to this machine unless METRICS_TOKEN is set.');
  }
}
