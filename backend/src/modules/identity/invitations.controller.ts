import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, Public, Roles } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { SessionStore } from '../../core/auth/session.store';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { notFound } from '../../core/errors/domain-error';
import { Idempotent } from '../../core/idempotency/idempotency.decorator';
import { ApiPage, ListQuery, Page } from '../../core/http/paging';
import { clientMeta } from './auth.controller';
import { AuthService } from './auth.service';
import { clearSessionCookie, setSessionCookie } from './cookies';
import {
  AcceptInvitationRequest,
  CreateInvitationRequest,
  InvitationPreview,
  InvitationView,
  MemberView,
  SessionView,
  UpdateMemberRequest,
} from './dto/identity.dto';
import { InvitationsService } from './invitations.service';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly auth: AuthService,
    private readonly sessions: SessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':token')
  @ApiOperation({ summary: 'What an invitation link is for (organisation, email, role)' })
  @ApiOkResponse({ type: InvitationPreview })
  preview(@Param('token') token: string): Promise<InvitationPreview> {
    if (!TOKEN.test(token)) throw notFound('Invitation');
    return this.invitations.preview(token);
  }

  @Public()
  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation: creates the account (or adds the organisation to an existing one) and signs in' })
  @ApiOkResponse({ type: SessionView })
  async accept(@Body() body: AcceptInvitationRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    const { token, expiresAt } = await this.invitations.accept(body.token, body.name, body.password, clientMeta(req));
    const actor = await this.sessions.resolve(token);
    if (!actor) {
      clearSessionCookie(res, this.config);
      throw notFound('Session');
    }
    setSessionCookie(res, this.config, token, expiresAt);
    return this.auth.view(actor, expiresAt);
  }
}

@ApiTags('organisations')
@ApiCookieAuth()
@Controller('organisations/:code')
export class MembersController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get('members')
  @Roles('practice_manager', 'commissioner', 'vendor', 'operator')
  @ApiOperation({ summary: 'Users of an organisation (its administrators and operators)' })
  @ApiPage(MemberView)
  members(@CurrentActor() actor: Actor, @Param('code') code: string, @Query() query: ListQuery): Promise<Page<MemberView>> {
    return this.invitations.members(actor, code.toUpperCase(), query);
  }

  @Patch('members/:userId')
  @Roles('practice_manager', 'commissioner', 'vendor', 'operator')
  @ApiOperation({ summary: 'Change a member’s role in the organisation (administrator or not)' })
  @ApiOkResponse({ type: MemberView })
  updateMember(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Param('userId') userId: string,
    @Body() body: UpdateMemberRequest,
    @Req() req: Request,
  ): Promise<MemberView> {
    if (!UUID.test(userId)) throw notFound('Member', userId);
    return this.invitations.updateMember(actor, code.toUpperCase(), userId, body.isAdmin, clientMeta(req));
  }

  @Post('invitations')
  @Roles('practice_manager', 'commissioner', 'vendor', 'operator')
  @Idempotent()
  @ApiOperation({ summary: 'Invite someone to the organisation by email (operators: any organisation; administrators: their own)' })
  @ApiCreatedResponse({ type: InvitationView })
  invite(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: CreateInvitationRequest, @Req() req: Request): Promise<InvitationView> {
    return this.invitations.invite(actor, code.toUpperCase(), body.email, body.isAdmin ?? false, clientMeta(req));
  }

  @Get('invitations')
  @Roles('practice_manager', 'commissioner', 'vendor', 'operator')
  @ApiOperation({ summary: 'Invitations not yet accepted' })
  @ApiPage(InvitationView)
  pending(@CurrentActor() actor: Actor, @Param('code') code: string, @Query() query: ListQuery): Promise<Page<InvitationView>> {
    return this.invitations.pending(actor, code.toUpperCase(), query);
  }
}
