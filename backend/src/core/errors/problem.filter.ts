import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { requestContext } from '../logging/logger';
import { DomainError, FieldError } from './domain-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: FieldError[];
  requestId?: string;
}

const titles: Record<number, [string, string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthenticated', 'Not signed in'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Request too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  429: ['too-many-requests', 'Too many requests'],
  431: ['headers-too-large', 'Request headers too large'],
  503: ['service-unavailable', 'Service unavailable'],
};

// PostgreSQL error classes a client can cause with bad input, mapped to a 4xx.
const PG_CLIENT_ERRORS: Record<string, [number, string, string]> = {
  '22P02': [400, 'bad-request', 'A value has the wrong format.'],
  // A NUL character (or \u0000 in JSON), which PostgreSQL text cannot hold.
  '22021': [400, 'bad-request', 'A value contains a character that cannot be stored.'],
  '22P05': [400, 'bad-request', 'A value contains a character that cannot be stored.'],
  '22001': [400, 'bad-request', 'A value is too long.'],
  '22003': [400, 'bad-request', 'A number is out of range.'],
  '22007': [400, 'bad-request', 'A date is not valid.'],
  '22008': [400, 'bad-request', 'A date is out of range.'],
  '23505': [409, 'conflict', 'That already exists.'],
  '23503': [409, 'conflict', 'That refers to something that does not exist or is still in use.'],
};

function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '08003'].includes(e?.code ?? '') ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(e?.message ?? '')
  );
}

export function problemFrom(err: unknown, instance?: string): { problem: Problem; headers: Record<string, string> } {
  const requestId = requestContext.getStore()?.requestId;
  const make = (status: number, code: string, title: string, detail?: string, errors?: FieldError[]): Problem => ({
    type: `urn:gpit:problem:${code}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(instance ? { instance } : {}),
    code,
    ...(errors?.length ? { errors } : {}),
    ...(requestId ? { requestId } : {}),
  });
  if (err instanceof DomainError) {
    return { problem: make(err.status, err.code, err.title, err.detail, err.errors), headers: err.headers ?? {} };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const [code, title] = titles[status] ?? [status >= 500 ? 'internal-error' : 'bad-request', HttpStatus[status] ?? 'Error'];
    const body = err.getResponse();
    const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return {
      problem: make(status, code, title, Array.isArray(detail) ? detail.join('; ') : typeof detail === 'string' ? detail : undefined),
      headers: {},
    };
  }
  // body-parser errors (bad JSON, too large, bad charset) carry an HTTP status of their own.
  const bodyErr = err as { status?: number; type?: string; expose?: boolean; message?: string };
  if (typeof bodyErr?.status === 'number' && bodyErr.status >= 400 && bodyErr.status < 500 && bodyErr.expose) {
    const [code, title] = titles[bodyErr.status] ?? ['bad-request', 'Bad request'];
    const detail = bodyErr.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : bodyErr.message;
    return { problem: make(bodyErr.status, code, title, detail), headers: {} };
  }
  if (isDatabaseDown(err) || (err instanceof QueryFailedError && isDatabaseDown(err.driverError))) {
    return {
      problem: make(503, 'database-unavailable', 'Service unavailable', 'The database is not reachable. Try again shortly.'),
      headers: { 'Retry-After': '5' },
    };
  }
  if (err instanceof QueryFailedError) {
    const pgCode = (err.driverError as { code?: string })?.code ?? '';
    const mapped = PG_CLIENT_ERRORS[pgCode];
    if (mapped) return { problem: make(mapped[0], mapped[1], titles[mapped[0]][1], mapped[2]), headers: {} };
  }
  return { problem: make(500, 'internal-error', 'Something went wrong', 'An unexpected error occurred. It has been logged.'), headers: {} };
}

/**
 * Node's HTTP parser refuses some requests before Express sees them (a URL or headers over 16 KB,
 * malformed request lines) and by default answers with an empty body. Answer with problem+json
 * instead. Used as the server's 'clientError' listener.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const [code, title] = titles[status] ?? ['request-timeout', 'Request timeout'];
  const body = JSON.stringify({ type: `urn:gpit:problem:${code}`, title, status, detail: status === 431 ? 'The address or headers of the request are too long.' : 'The request could not be read.', code });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Every error leaves the API as RFC 9457 problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost) {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const { problem, headers } = problemFrom(exception, req?.originalUrl?.split('?')[0]);
    if (problem.status >= 500) {
      this.logger.error(exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception), exception instanceof Error ? exception.stack : undefined);
    }
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
