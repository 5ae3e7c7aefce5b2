import { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';

/** Carries the request id (and user, once known) to every log line written while handling it. */
export const requestContext = new AsyncLocalStorage<{ requestId: string; userId?: string }>();

const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
const NEST_BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);
type Level = keyof typeof levels;

// Keys whose values must never reach a log line, whatever object they sit in.
const SECRET_KEYS = /pass(word)?|secret|token|cookie|authorization|csrf/i;

// Paths that carry a secret (emailed links: invitations, password resets, supplier registration
// confirmations) are logged without it. The portal's server has the same rule (frontend/server.mjs).
const TOKEN_IN_PATH = /\/(invitations|reset-password|supplier-registration\/confirm)\/[A-Za-z0-9_-]{20,}/g;

export function redactPath(path: string): string {
  return path.replace(TOKEN_IN_PATH, '/$1/[redacted]');
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

/** Structured JSON logs, one object per line, with the request id from the async context. */
export class JsonLogger implements LoggerService {
  constructor(private readonly minLevel: Level = 'info', private readonly out: NodeJS.WritableStream = process.stdout) {}

  write(level: Level, message: unknown, fields: Record<string, unknown> = {}) {
    if (levels[level] < levels[this.minLevel]) return;
    const ctx = requestContext.getStore();
    const line = {
      time: new Date().toISOString(),
      level,
      msg: typeof message === 'string' ? message : JSON.stringify(redact(message)),
      ...(ctx ? { requestId: ctx.requestId, userId: ctx.userId } : {}),
      ...(redact(fields) as Record<string, unknown>),
    };
    this.out.write(JSON.stringify(line) + '\n');
  }

  log(message: unknown, context?: string) {
    // Nest's start-up chatter (one line per module and route) is only useful when debugging.
    this.write(context && NEST_BOOT_CONTEXTS.has(context) ? 'debug' : 'info', message, context ? { context } : {});
  }
  error(message: unknown, trace?: string, context?: string) {
    this.write('error', message, { ...(trace ? { trace } : {}), ...(context ? { context } : {}) });
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context ? { context } : {});
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context ? { context } : {});
  }
  verbose(message: unknown, context?: string) {
    this.write('debug', message, context ? { context } : {});
  }
}
