import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, validationFailed } from './domain-error';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.startsWith('property ') && message.endsWith('should not exist') ? `${field} is not a recognised field` : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** No request of ours nests deeper than a few levels; class-transformer recurses, so a deeper one would overflow the stack. */
export const MAX_BODY_DEPTH = 32;
/** Field names no request of ours uses; class-transformer takes a `constructor` field for a class and throws a TypeError. */
const RESERVED_KEYS = new Set(['constructor', '__proto__', 'prototype']);

/** Why a parsed body or query cannot be validated safely, or null (iterative: the check must not overflow either). */
export function unsafeShape(value: unknown, maxDepth = MAX_BODY_DEPTH): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= maxDepth) return `The request nests more than ${maxDepth} levels deep.`;
    for (const [k, child] of Object.entries(v)) {
      if (RESERVED_KEYS.has(k)) return `${k} is not a recognised field.`;
      stack.push([child, depth + 1]);
    }
  }
  return null;
}

class EdgeValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata) {
    const unsafe = metadata.type === 'custom' ? null : unsafeShape(value);
    if (unsafe) throw validationFailed([], unsafe);
    return super.transform(value, metadata);
  }
}

/** Validation at the edge: unknown fields are refused, every message names its field. */
export function validationPipe() {
  return new EdgeValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
