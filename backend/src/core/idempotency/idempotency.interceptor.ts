import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, StreamableFile } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';
import type { Actor } from '../auth/roles';
import { DomainError } from '../errors/domain-error';
import { PROBLEM_CONTENT_TYPE, problemFrom } from '../errors/problem.filter';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey, REPLAYED_HEADER, REPLAYED_RESPONSE_HEADERS, requestFingerprint } from './idempotency';
import { IDEMPOTENT_KEY, IdempotentOptions } from './idempotency.decorator';
import { IdempotencyService, StoredResponse } from './idempotency.service';

/**
 * Whose keys these are. Keys are never shared between principals: today the signed-in user; an
 * API-token principal, when there is one, gets its own prefix here.
 */
export function principalOf(req: Request & { actor?: Actor }): string | null {
  return req.actor ? `user:${req.actor.userId}` : null;
}

export const keyMissing = () =>
  new DomainError(400, 'idempotency-key-missing', 'Idempotency-Key header required', `This request must carry an ${IDEMPOTENCY_HEADER} header (a unique value such as a UUID).`, [
    { field: IDEMPOTENCY_HEADER, message: `${IDEMPOTENCY_HEADER} header is required` },
  ]);

export const keyInvalid = () =>
  new DomainError(400, 'idempotency-key-invalid', 'Invalid Idempotency-Key header', `The ${IDEMPOTENCY_HEADER} header must be 1–255 printable ASCII characters.`, [
    { field: IDEMPOTENCY_HEADER, message: `${IDEMPOTENCY_HEADER} must be 1–255 printable ASCII characters` },
  ]);

export const keyReused = () =>
  new DomainError(
    422,
    'idempotency-key-reused',
    'Idempotency key already used for a different request',
    `This ${IDEMPOTENCY_HEADER} was already used with a different method, URL or body. Use a new key for a new request.`,
  );

export const keyInProgress = () =>
  new DomainError(
    409,
    'idempotency-key-in-progress',
    'A request with this idempotency key is still being processed',
    'Wait for the first request to finish, then retry.',
    undefined,
    { 'Retry-After': '1' },
  );

/**
 * Global interceptor, active on routes marked @Idempotent(). It runs after the auth guard (so
 * unauthenticated or CSRF-failing requests never touch a key) and around the validation pipe and
 * the handler, so validation errors are stored and replayed like any other 4xx.
 *
 * Errors are stored as the problem document the global ProblemFilter will send (same mapping,
 * problemFrom), then rethrown for the filter to write. 5xx, 429 and unexpected errors release the key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: IdempotencyService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const options = this.reflector.getAllAndOverride<IdempotentOptions | undefined>(IDEMPOTENT_KEY, [context.getHandler(), context.getClass()]);
    if (!options) return next.handle();

    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const res = context.switchToHttp().getResponse<Response>();
    const raw = req.get(IDEMPOTENCY_HEADER);
    if (raw === undefined) {
      if (options.required) throw keyMissing();
      return next.handle();
    }
    const key = parseIdempotencyKey(raw);
    if (key === null) throw keyInvalid();
    const principal = principalOf(req);
    if (!principal) return next.handle(); // public route, nobody to scope the key to

    const path = req.originalUrl.split('?')[0];
    const claim = await this.keys.claim({ principal, key, method: req.method, path, fingerprint: requestFingerprint(req.method, req.originalUrl, req.body) });
    switch (claim.kind) {
      case 'mismatch':
        throw keyReused();
      case 'in-progress':
        throw keyInProgress();
      case 'replay':
        return of(this.replay(res, claim.response));
    }

    const id = claim.id;
    return next.handle().pipe(
      mergeMap((body) => from(this.completed(id, res, body))),
      catchError((err: unknown) => from(this.failed(id, req, err))),
    );
  }

  private replay(res: Response, stored: StoredResponse): unknown {
    res.status(stored.status);
    for (const [name, value] of Object.entries(stored.headers)) res.setHeader(name, value);
    res.setHeader(REPLAYED_HEADER, 'true');
    return stored.body;
  }

  private async completed(id: string, res: Response, body: unknown): Promise<unknown> {
    if (body instanceof StreamableFile || Buffer.isBuffer(body)) {
      // Not a JSON response: nothing we can replay faithfully.
      await this.keys.release(id).catch((e: Error) => this.logger.error(`Releasing idempotency key failed: ${e.message}`));
      return body;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_RESPONSE_HEADERS) {
      const value = res.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    try {
      // What res.json() will send, so a replay is the same document.
      const json = body === undefined ? null : (JSON.parse(JSON.stringify(body) ?? 'null') as unknown);
      await this.keys.complete(id, { status: res.statusCode, headers, body: json });
    } catch (e) {
      // The write succeeded; the client gets its response. The claim stays in progress until it is stale.
      this.logger.error(`Storing the idempotent response failed: ${(e as Error).message}`);
    }
    return body;
  }

  private async failed(id: string, req: Request, err: unknown): Promise<never> {
    try {
      const { problem, headers } = problemFrom(err, req.originalUrl.split('?')[0]);
      // A server error, or "too many requests", says nothing final about the request: let it be retried.
      if (problem.status >= 500 || problem.status === 429) {
        await this.keys.release(id);
      } else {
        const replayHeaders: Record<string, string> = { 'Content-Type': PROBLEM_CONTENT_TYPE };
        for (const [name, value] of Object.entries(headers)) if (REPLAYED_RESPONSE_HEADERS.some((h) => h.toLowerCase() === name.toLowerCase())) replayHeaders[name] = value;
        await this.keys.complete(id, { status: problem.status, headers: replayHeaders, body: problem });
      }
    } catch (e) {
      this.logger.error(`Recording the idempotent failure failed: ${(e as Error).message}`);
    }
    throw err;
  }
}
