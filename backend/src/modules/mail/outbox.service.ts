import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../core/config/config';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** What kind of email this is, for the mailbox and later preferences. */
  template: string;
}

/** Emails sent per dispatch run (every 5 seconds). */
const DISPATCH_BATCH = 20;

/**
 * Emails are written to the outbox in the same transaction as the change that causes them, then
 * sent by a dispatcher when SMTP is configured; in development the mailbox page shows them.
 */
@Injectable()
export class OutboxService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(private readonly db: DataSource, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async enqueue(email: OutgoingEmail, manager: EntityManager = this.db.manager): Promise<void> {
    await this.enqueueAll([email], manager);
  }

  /** Several emails in one statement. */
  async enqueueAll(emails: OutgoingEmail[], manager: EntityManager = this.db.manager): Promise<void> {
    if (!emails.length) return;
    await manager.query(
      `INSERT INTO email_outbox (to_address, subject, text_body, template) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [emails.map((e) => e.to), emails.map((e) => e.subject), emails.map((e) => e.text), emails.map((e) => e.template)],
    );
  }

  onApplicationBootstrap() {
    if (!this.config.smtpUrl || !this.config.databaseConnect) return;
    this.transport = createTransport(this.config.smtpUrl);
    this.timer = setInterval(() => void this.dispatch(), 5000);
    this.timer.unref();
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Sends up to a batch of due emails, each in its own transaction: the row is claimed with SKIP
   * LOCKED (so several replicas never send one twice), sent, and marked sent before the next is
   * claimed. A process that dies mid-batch therefore re-sends at most the one email it was sending
   * (never the ones already sent), and that one carries the same Message-ID, so a receiver can
   * tell it is the same email.
   */
  async dispatch(): Promise<number> {
    if (!this.transport || this.running) return 0;
    this.running = true;
    let sent = 0;
    try {
      for (let i = 0; i < DISPATCH_BATCH; i++) {
        const outcome = await this.db.transaction(async (m) => {
          const [r] = await m.query(
            `SELECT id, to_address, subject, text_body, attempts FROM email_outbox
              WHERE sent_at IS NULL AND next_attempt_at <= now() AND attempts < 10
              ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
          );
          if (!r) return 'none';
          try {
            await this.transport!.sendMail({ from: this.config.mailFrom, to: r.to_address, subject: r.subject, text: r.text_body, messageId: `<${r.id}@outbox.gpit-marketplace>` });
            await m.query(`UPDATE email_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [r.id]);
            return 'sent';
          } catch (e) {
            const backoffMinutes = Math.min(60, 2 ** r.attempts);
            await m.query(
              `UPDATE email_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(mins => $3) WHERE id = $1`,
              [r.id, e instanceof Error ? e.message.slice(0, 500) : 'send failed', backoffMinutes],
            );
            return 'failed';
          }
        });
        if (outcome === 'none') break;
        if (outcome === 'sent') sent++;
      }
    } catch (e) {
      this.logger.warn(`Outbox dispatch failed: ${e instanceof Error ? e.message : e}`);
    } finally {
      this.running = false;
    }
    return sent;
  }
}
