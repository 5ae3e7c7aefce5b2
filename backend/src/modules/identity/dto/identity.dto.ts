import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ORGANISATION_TYPES, ROLES, Role, OrganisationType } from '../../../core/auth/roles';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SignInRequest {
  @ApiProperty({ example: 'practice.manager@demo.gpit.test' })
  @Transform(trim)
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.nhs.uk' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty({ message: 'Enter your password' })
  @MaxLength(200)
  password: string;
}

export class OrganisationBrief {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) type: OrganisationType;
  @ApiProperty() name: string;
}

export class UserBrief {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class MembershipView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() isAdmin: boolean;
  @ApiProperty({ type: OrganisationBrief }) organisation: OrganisationBrief;
}

export class SessionView {
  @ApiProperty({ type: UserBrief }) user: UserBrief;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ description: 'Administers its organisation (can invite colleagues)' }) isAdmin: boolean;
  @ApiProperty({ type: OrganisationBrief, description: 'The organisation the user is acting for' }) organisation: OrganisationBrief;
  @ApiProperty({ type: [MembershipView] }) memberships: MembershipView[];
  @ApiProperty({ description: 'Send as X-CSRF-Token on every state-changing request' }) csrfToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class SwitchMembershipRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'Choose an organisation' })
  membershipId: string;
}

export class PasswordResetRequest {
  @ApiProperty()
  @Transform(trim)
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.nhs.uk' })
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirm {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'The reset link is not valid' })
  token: string;

  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'Password must be at least 12 characters' })
  @MaxLength(200, { message: 'Password must be 200 characters or fewer' })
  password: string;
}

export class CreateInvitationRequest {
  @ApiProperty()
  @Transform(trim)
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.nhs.uk' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ required: false, default: false, description: 'The new user will administer the organisation' })
  @IsOptional()
  @IsBoolean()
  isAdmin?: boolean;
}

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() isAdmin: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class InvitationPreview {
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() isAdmin: boolean;
  @ApiProperty({ type: OrganisationBrief }) organisation: Omit<OrganisationBrief, 'id'>;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ description: 'The email already has an account: accept with its existing password' }) existingUser: boolean;
}

export class AcceptInvitationRequest {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'The invitation link is not valid' })
  token: string;

  @ApiProperty({ required: false, description: 'Your full name: required for a new account, ignored when the email already has one' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200, { message: 'Name must be 200 characters or fewer' })
  name?: string;

  @ApiProperty({ format: 'password', minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'Password must be at least 12 characters' })
  @MaxLength(200, { message: 'Password must be 200 characters or fewer' })
  password: string;
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() isAdmin: boolean;
  @ApiProperty({ enum: ['invited', 'active', 'disabled'] }) status: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastSignInAt: string | null;
}

export class UpdateMemberRequest {
  @ApiProperty({ description: 'Administers the organisation' })
  @IsBoolean()
  isAdmin: boolean;
}
