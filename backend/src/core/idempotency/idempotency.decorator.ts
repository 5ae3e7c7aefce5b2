import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENCY_HEADER, KEY_TTL_HOURS } from './idempotency';

export const IDEMPOTENT_KEY = 'gpit:idempotent';

export interface IdempotentOptions {
  /** Refuse requests without the header (400). Default: the header is optional. */
  required?: boolean;
}

/**
 * Makes a creating write safe to retry: a request with an `Idempotency-Key` header runs once per
 * signed-in user and key; repeating it (same method, URL and body) within 24 hours replays the
 * stored response with `Idempotent-Replayed: true`. See core/idempotency/idempotency.interceptor.ts.
 */
export const Idempotent = (options: IdempotentOptions = {}) =>
  applyDecorators(
    SetMetadata(IDEMPOTENT_KEY, { required: options.required ?? false } satisfies IdempotentOptions),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: options.required ?? false,
      description:
        `A unique value (1–255 printable ASCII characters, e.g. a UUID) that makes this request safe to retry. ` +
        `Repeating it with the same key and body within ${KEY_TTL_HOURS} hours returns the first response again, ` +
        'with `Idempotent-Replayed: true`, instead of acting twice. The same key with a different request is 422; ' +
        'while the first request is still running, 409 with `Retry-After`. Keys are scoped to the signed-in user.',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    }),
  );
