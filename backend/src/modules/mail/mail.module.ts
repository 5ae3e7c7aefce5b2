import { Global, Module } from '@nestjs/common';
import { MailboxController } from './mailbox.controller';
import { OutboxService } from './outbox.service';

@Global()
@Module({ controllers: [MailboxController], providers: [OutboxService], exports: [OutboxService] })
export class MailModule {}
