import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { InvitationsController, MembersController } from './invitations.controller';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [OrganisationsModule],
  controllers: [AuthController, InvitationsController, MembersController],
  providers: [AuthService, InvitationsService],
})
export class IdentityModule {}
