import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles } from '../../core/auth/auth.decorators';
import { ApiPage, ListQuery, Page, pagedQuery, Where } from '../../core/http/paging';

export class AuditQuery extends ListQuery {
  @ApiPropertyOptional({ example: 'auth.sign-in' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z0-9.-]+$/, { message: 'action must be an action name such as auth.sign-in' })
  action?: string;

  @ApiPropertyOptional({ description: 'Actor email (exact, case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  actorEmail?: string;

  @ApiPropertyOptional({ description: 'Organisation code' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  @Matches(/^[A-Za-z0-9]+$/, { message: 'organisation must be an organisation code' })
  organisation?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From (inclusive), ISO 8601 date or date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date like 2026-11-01' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'To (exclusive), ISO 8601 date or date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date like 2026-11-30' })
  to?: string;
}

export class AuditEventView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorEmail: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationCode: string | null;
  @ApiProperty({ nullable: true, type: String }) organisationName: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ nullable: true, type: String }) objectType: string | null;
  @ApiProperty({ nullable: true, type: String }) objectId: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'State before the change' })
  before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'State after the change' })
  after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
}

@ApiTags('audit')
@ApiCookieAuth()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Roles('operator')
  @ApiOperation({ summary: 'Audit events, newest first, filtered' })
  @ApiPage(AuditEventView)
  list(@Query() query: AuditQuery): Promise<Page<AuditEventView>> {
    const where = new Where();
    if (query.action) where.add('a.action = ?', query.action);
    if (query.actorEmail) where.add('lower(a.actor_email) = lower(?)', query.actorEmail.trim());
    if (query.organisation) where.add('o.code = ?', query.organisation.toUpperCase());
    if (query.from) where.add('a.occurred_at >= ?::timestamptz', query.from);
    if (query.to) where.add('a.occurred_at < ?::timestamptz', query.to);
    return pagedQuery<AuditEventView>(
      this.db,
      {
        select: `a.id::text AS id, a.occurred_at AS "occurredAt", a.actor_user_id AS "actorUserId", a.actor_email AS "actorEmail",
                 o.code AS "organisationCode", o.name AS "organisationName", a.action, a.object_type AS "objectType",
                 a.object_id AS "objectId", a.before, a.after, a.request_id AS "requestId", a.ip`,
        from: 'audit_events a LEFT JOIN organisations o ON o.id = a.organisation_id',
        where,
        orderBy: 'a.occurred_at DESC, a.id DESC',
      },
      query,
    );
  }

  @Get('actions')
  @Roles('operator')
  @ApiOperation({ summary: 'The action names that occur in the audit trail' })
  @ApiOkResponse({ type: [String] })
  async actions(): Promise<string[]> {
    const rows = await this.db.query(`SELECT DISTINCT action FROM audit_events ORDER BY action`);
    return rows.map((r: { action: string }) => r.action);
  }
}
