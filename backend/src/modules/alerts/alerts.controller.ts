import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, CurrentActor, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { AlertsService } from './alerts.service';
import {
  AlertRunResult,
  NotificationIdParam,
  NotificationListQuery,
  NotificationPage,
  NotificationPreferences,
  NotificationView,
  UnreadCount,
  UpdateNotificationPreferences,
} from './dto/alerts.dto';

/** The signed-in user's alerts: contract deadlines and accreditation changes. */
@ApiTags('notifications')
@ApiCookieAuth()
@AnyRole()
@Controller()
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get('notifications')
  @ApiOperation({ summary: 'Your notifications, newest first, with the number unread (unread=true lists only those)' })
  @ApiOkResponse({ type: NotificationPage })
  list(@CurrentActor() actor: Actor, @Query() query: NotificationListQuery): Promise<NotificationPage> {
    return this.alerts.list(actor, query);
  }

  @Get('notifications/unread-count')
  @ApiOperation({ summary: 'How many of your notifications are unread (for the site header)' })
  @ApiOkResponse({ type: UnreadCount })
  async unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCount> {
    return { unread: await this.alerts.unreadCount(actor) };
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all your notifications read' })
  @ApiOkResponse({ type: UnreadCount })
  async readAll(@CurrentActor() actor: Actor): Promise<UnreadCount> {
    await this.alerts.markAllRead(actor);
    return { unread: 0 };
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @ApiOkResponse({ type: NotificationView })
  @ApiNotFoundResponse({ description: 'You have no notification with that id (problem+json)' })
  read(@CurrentActor() actor: Actor, @Param() p: NotificationIdParam): Promise<NotificationView> {
    return this.alerts.markRead(actor, p.id);
  }

  @Get('notification-preferences')
  @ApiOperation({ summary: 'Which alerts you get in the portal and by email, per group (all on until you choose)' })
  @ApiOkResponse({ type: NotificationPreferences })
  preferences(@CurrentActor() actor: Actor): Promise<NotificationPreferences> {
    return this.alerts.preferences(actor);
  }

  @Put('notification-preferences')
  @ApiOperation({ summary: 'Choose which alerts you get in the portal and by email' })
  @ApiOkResponse({ type: NotificationPreferences })
  updatePreferences(@CurrentActor() actor: Actor, @Body() body: UpdateNotificationPreferences): Promise<NotificationPreferences> {
    return this.alerts.updatePreferences(actor, body);
  }

  @Post('notifications/run')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Raise the alerts due today now (the contract-alerts job does this at 06:00 UK time)' })
  @ApiOkResponse({ type: AlertRunResult })
  run(): Promise<AlertRunResult> {
    return this.alerts.run();
  }
}
