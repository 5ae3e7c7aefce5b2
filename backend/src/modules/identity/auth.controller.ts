import { Body, Controller, Get, HttpCode, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AnyRole, CurrentActor, Public } from '../../core/auth/auth.decorators';
import type { Actor } from '../../core/auth/roles';
import { APP_CONFIG, AppConfig } from '../../core/config/config';
import { unauthenticated } from '../../core/errors/domain-error';
import { AuthService, ClientMeta } from './auth.service';
import { clearSessionCookie, setSessionCookie } from './cookies';
import { PasswordResetConfirm, PasswordResetRequest, SessionView, SignInRequest, SwitchMembershipRequest } from './dto/identity.dto';

export const clientMeta = (req: Request): ClientMeta => ({ ip: req.ip, userAgent: req.get('user-agent') });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; sets the session cookie' })
  @ApiOkResponse({ type: SessionView })
  async signIn(@Body() body: SignInRequest, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    const { token, session } = await this.auth.signIn(body.email, body.password, clientMeta(req));
    setSessionCookie(res, this.config, token, new Date(session.expiresAt));
    return session;
  }

  @Public()
  @Get('session')
  @ApiOperation({ summary: 'The signed-in user, the organisation they act for, and the CSRF token for writes' })
  @ApiOkResponse({ type: SessionView })
  @ApiCookieAuth()
  session(@CurrentActor() actor: Actor | undefined): Promise<SessionView> {
    if (!actor) throw unauthenticated();
    return this.auth.view(actor);
  }

  @AnyRole()
  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session' })
  @ApiNoContentResponse()
  @ApiCookieAuth()
  async signOut(@CurrentActor() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut(actor, clientMeta(req));
    clearSessionCookie(res, this.config);
  }

  @AnyRole()
  @Put('session/membership')
  @ApiOperation({ summary: 'Act for another organisation the user belongs to' })
  @ApiOkResponse({ type: SessionView })
  @ApiCookieAuth()
  switchMembership(@CurrentActor() actor: Actor, @Body() body: SwitchMembershipRequest, @Req() req: Request): Promise<SessionView> {
    return this.auth.switchMembership(actor, body.membershipId, clientMeta(req));
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a password reset link (answers the same whether or not the account exists)' })
  @ApiAcceptedResponse()
  async requestReset(@Body() body: PasswordResetRequest, @Req() req: Request): Promise<void> {
    await this.auth.requestPasswordReset(body.email, clientMeta(req));
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with the emailed token; ends every session of the account' })
  @ApiNoContentResponse()
  async confirmReset(@Body() body: PasswordResetConfirm, @Req() req: Request): Promise<void> {
    await this.auth.confirmPasswordReset(body.token, body.password, clientMeta(req));
  }
}
