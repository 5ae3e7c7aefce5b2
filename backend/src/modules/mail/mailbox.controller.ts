import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsOptional, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Public } from '../../core/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { notFound } from '../../core/errors/domain-error';
import { ApiPage, ListQuery, Page, pagedQuery, Where } from '../../core/http/paging';

class MailboxQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Only emails to this address' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  to?: string;
}

export class MailboxEmail {
  @ApiProperty() id: string;
  @ApiProperty() to: string;
  @ApiProperty() subject: string;
  @ApiProperty() text: string;
  @ApiProperty() template: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
}

/** What the portal would have emailed, for development and tests. Never available in production. */
@ApiTags('development')
@Controller('dev/mailbox')
export class MailboxController {
  constructor(private readonly db: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Development mailbox: emails written to the outbox, newest first (404 in production)' })
  @ApiPage(MailboxEmail)
  async list(@Query() query: MailboxQuery): Promise<Page<MailboxEmail>> {
    if (!this.config.devMailbox) throw notFound('Page');
    return pagedQuery<MailboxEmail>(
      this.db,
      {
        select: `id, to_address AS "to", subject, text_body AS text, template, created_at AS "createdAt", sent_at AS "sentAt"`,
        from: 'email_outbox',
        where: query.to ? new Where().add('lower(to_address) = lower(?)', query.to) : undefined,
        orderBy: 'created_at DESC, id',
      },
      query,
    );
  }
}
