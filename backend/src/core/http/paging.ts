import { applyDecorators, Type as NestType } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { validationFailed } from '../errors/domain-error';
import { stacked } from './stacked';

const DEFAULT_PAGE_SIZE = 25;

/** `?page=`: which page, from 1. For list queries that cannot take all of ListQuery. */
export function PageParam() {
  return stacked(ApiPropertyOptional({ minimum: 1, default: 1 }), IsOptional(), Type(() => Number), IsInt(), Min(1), Max(100000));
}

/** `?pageSize=`: up to `max` items a page; `byDefault` is what the service uses when it is absent. */
export function PageSizeParam(max: number, byDefault: number) {
  return stacked(ApiPropertyOptional({ minimum: 1, maximum: max, default: byDefault }), IsOptional(), Type(() => Number), IsInt(), Min(1), Max(max));
}

/**
 * The one paging / sorting / filtering shape every list endpoint shares:
 * `?page=1&pageSize=25&sort=name,-code&q=text` → `{ items, total, page, pageSize }`.
 */
export class ListQuery {
  @PageParam()
  page?: number;

  @PageSizeParam(200, DEFAULT_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'Comma-separated fields; prefix with - for descending, e.g. `name,-code`' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^-?[a-zA-Z]+(,-?[a-zA-Z]+)*$/, { message: 'sort must be field names separated by commas, each optionally prefixed with -' })
  sort?: string;

  @ApiPropertyOptional({ description: 'Free-text search' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class PageMeta {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageParams(query: { page?: number; pageSize?: number }, defaultPageSize = DEFAULT_PAGE_SIZE) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? defaultPageSize;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/**
 * Turns `sort` into SQL ORDER BY terms using only whitelisted columns; anything else is a 400 with
 * the field named, never interpolated.
 */
export function orderBy(sort: string | undefined, columns: Record<string, string>, fallback: string): string {
  if (!sort) return fallback;
  const terms = sort.split(',').map((term) => {
    const desc = term.startsWith('-');
    const key = desc ? term.slice(1) : term;
    const column = columns[key];
    if (!column) throw validationFailed([{ field: 'sort', message: `sort by "${key}" is not supported; use one of ${Object.keys(columns).join(', ')}` }]);
    return `${column} ${desc ? 'DESC' : 'ASC'}`;
  });
  return [...terms, fallback].join(', ');
}

/** OpenAPI for a paged response of `model`. */
export function ApiPage(model: NestType<unknown>) {
  return applyDecorators(
    ApiExtraModels(PageMeta, model),
    ApiOkResponse({
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageMeta) },
          { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: getSchemaPath(model) } } } },
        ],
      },
    }),
  );
}

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any[]>;
}

/** Filters as SQL conditions with positional parameters; values never go into the SQL text. */
export class Where {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  /** Adds a condition; each `?` becomes the next parameter. */
  add(sql: string, ...values: unknown[]) {
    let i = 0;
    this.conditions.push(sql.replace(/\?/g, () => `$${this.params.length + ++i}`));
    this.params.push(...values);
    return this;
  }

  get sql() {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** `text` as a LIKE/ILIKE pattern matching it literally: `contains` anywhere, or as a prefix. */
export const likeContains = (text: string) => `%${escapeLike(text)}%`;
export const likePrefix = (text: string) => `${escapeLike(text)}%`;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Runs a list query and its count in SQL. `from` and the ORDER BY come from code only; filter
 * values travel as parameters through `where`.
 */
export async function pagedQuery<T>(
  db: Queryable,
  spec: { select: string; from: string; where?: Where; orderBy: string },
  query: ListQuery,
): Promise<Page<T>> {
  const { page, pageSize, offset } = pageParams(query);
  const where = spec.where ?? new Where();
  const n = where.params.length;
  const [[{ total }], items] = await Promise.all([
    db.query(`SELECT count(*)::int AS total FROM ${spec.from} ${where.sql}`, where.params),
    db.query(`SELECT ${spec.select} FROM ${spec.from} ${where.sql} ORDER BY ${spec.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`, [
      ...where.params,
      pageSize,
      offset,
    ]),
  ]);
  return { items, total, page, pageSize };
}
