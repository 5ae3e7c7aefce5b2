import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageParam, PageSizeParam } from '../../../core/http/paging';

export const NOTIFICATION_KINDS = ['notice-180', 'notice-90', 'notice-30', 'end-180', 'end-90', 'end-30', 'accreditation-lapsed', 'accreditation-failed'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Preferences are chosen per group of kinds. */
export const KIND_GROUPS = ['notice-deadlines', 'end-dates', 'accreditation'] as const;
export type KindGroup = (typeof KIND_GROUPS)[number];

export function groupOf(kind: NotificationKind | string): KindGroup {
  if (kind.startsWith('notice-')) return 'notice-deadlines';
  if (kind.startsWith('end-')) return 'end-dates';
  return 'accreditation';
}

export const GROUP_TEXT: Record<KindGroup, { label: string; hint: string }> = {
  'notice-deadlines': { label: 'Notice deadlines', hint: '180, 90 and 30 days before the last day to give notice on a contract' },
  'end-dates': { label: 'Contract end dates', hint: '180, 90 and 30 days before a contract ends' },
  accreditation: { label: 'Accreditation', hint: 'When a solution you have a contract for becomes Lapsed or Failed' },
};

export class NotificationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a notification id (a UUID)' })
  id: string;
}

export const NOTIFICATIONS_PER_PAGE = 20;

/** Paged as ListQuery is (smaller pages), without its sorting and search: newest first. */
export class NotificationListQuery {
  @PageParam()
  page?: number;

  @PageSizeParam(100, NOTIFICATIONS_PER_PAGE)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'Only unread notifications' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ description: 'A path in the portal, e.g. /contracts/{id}' }) link: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) contractId: string | null;
  @ApiProperty({ type: String, nullable: true }) itemId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) readAt: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'Unread notifications in all pages' }) unread: number;
}

export class UnreadCount {
  @ApiProperty() unread: number;
}

export class NotificationPreference {
  @ApiProperty({ enum: KIND_GROUPS })
  @IsIn(KIND_GROUPS)
  group: KindGroup;

  @ApiProperty({ description: 'Show these alerts on the Notifications page' })
  @IsBoolean()
  inApp: boolean;

  @ApiProperty({ description: 'Email these alerts' })
  @IsBoolean()
  email: boolean;
}

export class NotificationPreferenceView extends NotificationPreference {
  @ApiProperty() label: string;
  @ApiProperty() hint: string;
}

export class NotificationPreferences {
  @ApiProperty({ type: [NotificationPreferenceView] }) preferences: NotificationPreferenceView[];
}

export class UpdateNotificationPreferences {
  @ApiProperty({ type: [NotificationPreference], description: 'Groups not listed keep their setting' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(KIND_GROUPS.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreference)
  preferences: NotificationPreference[];
}

export class AlertRunResult {
  @ApiProperty({ description: 'Notifications raised (one per user and alert)' }) raised: number;
  @ApiProperty({ description: 'Emails written to the outbox (one per user per run)' }) emails: number;
}
