import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReminderStep } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import {
  SMS_GATEWAY,
  SmsGatewayUnavailableError,
  SmsOutcomeUnknownError,
  SmsRejectedError,
  type SmsAccepted,
  type SmsGateway,
} from '../gateway/sms-gateway';
import { ReminderPlans, type ReminderWithContext } from '../plan/reminder-plans';
import { REMINDERS_POLICY, type RemindersPolicy } from '../reminders-policy';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { ReminderWording } from '../wording/reminder-wording';
import { decideSend, type SkipReason } from './send-decision';
import { addDeliveryFailedEvent, addSentEvent, type TextFacts } from './send-events';
import { SmsMessage } from './sms-message.entity';
import { smsMessages } from './sms-messages';

/** What one run of a reminder's job did. */
export type SendOutcome =
  | { kind: 'sent'; messageId: string }
  | { kind: 'skipped'; reason: SkipReason }
  /** Quiet hours: the reminder is due again at `until`; the caller schedules that run. */
  | { kind: 'deferred'; until: Date }
  /** The gateway refused the text for good (blocked or invalid number): the reminder is skipped. */
  | { kind: 'rejected'; messageId: string; code: string }
  /** The gateway stayed unavailable through the last attempt: the reminder is skipped. */
  | { kind: 'gave_up'; messageId: string }
  /** The text may or may not have gone: flagged for a person, never resent. */
  | { kind: 'unknown'; messageId: string }
  /** Not scheduled any more, or its text was already handled: a late or repeated job. */
  | { kind: 'nothing_to_do' };

export interface SendOptions {
  /** The scheduler will not run this job again: a gateway still unavailable closes the reminder. */
  finalAttempt: boolean;
}

/** The reminder's text, committed as `sending`, about to be handed to the gateway. */
interface ReadyToSend {
  kind: 'ready';
  reminderId: string;
  message: SmsMessage;
  step: ReminderStep;
}

/** The gateway did not take the text and a later attempt may: thrown once the row is gone. */
interface RetryLater {
  kind: 'retry_later';
  error: SmsGatewayUnavailableError;
}

const NOTHING_TO_DO = { kind: 'nothing_to_do' } as const;
/** The reminder's status_reason when its text's fate is unknown. */
export const SEND_OUTCOME_UNKNOWN = 'send_outcome_unknown';
export const GATEWAY_UNAVAILABLE = 'gateway_unavailable';

/**
 * Sends a due reminder at most once (ADR 22). The job carries only the id and may run more than
 * once, concurrently or after a crash, so:
 * 1. one transaction locks the reminder, re-checks everything (decideSend), composes the text and
 *    commits it as an sms_message row `sending`: UNIQUE (reminder_id) makes this the only text the
 *    step can ever have;
 * 2. a second transaction locks that row, calls the gateway while holding it, and records the
 *    outcome with its event. The lock tells a concurrent run "in progress" (it backs off), and dies
 *    with a crashed process, so a run that finds the row still `sending` and unlocked knows an
 *    earlier attempt died mid-send: it marks the text and the reminder `unknown` and raises
 *    reminder.delivery-failed.v1 for a person to check. It never sends again.
 */
@Injectable()
export class SendReminder {
  private readonly logger: Logger;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly plans: ReminderPlans,
    private readonly wording: ReminderWording,
    @Inject(SMS_GATEWAY) private readonly gateway: SmsGateway,
    @Inject(REMINDERS_POLICY) private readonly policy: RemindersPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: SendReminder.name });
  }

  /**
   * Throws SendInProgressError when another run is sending this reminder, SmsGatewayUnavailableError
   * when the gateway did not take the text and this is not the final attempt (nothing was sent),
   * or a database error: in each case a later run of the job finds out what happened.
   */
  async execute(reminderId: string, options: SendOptions): Promise<SendOutcome> {
    const prepared = await this.dataSource.transaction((manager) => this.prepare(manager, reminderId));
    if (prepared.kind !== 'ready') return prepared;
    const sent = await this.dataSource.transaction((manager) => this.send(manager, prepared, options));
    if (sent.kind === 'retry_later') throw sent.error;
    return sent;
  }

  private async prepare(manager: EntityManager, reminderId: string): Promise<SendOutcome | ReadyToSend> {
    const loaded = await this.plans.load(manager, reminderId, { lock: true });
    if (!loaded) {
      this.logger.warn({ reminderId }, 'job for a reminder that does not exist: nothing sent');
      return NOTHING_TO_DO;
    }
    const existing = await smsMessages.lockOfReminder(manager, reminderId);
    if (existing) {
      if (existing.status !== 'sending') return NOTHING_TO_DO;
      await this.closeInterrupted(manager, loaded, existing.id);
      return { kind: 'unknown', messageId: existing.id };
    }
    if (loaded.reminder.status !== 'scheduled') return NOTHING_TO_DO;

    const now = this.clock.now();
    const decision = decideSend(loaded, now, this.policy.quietHours);
    if (decision.kind === 'skip') {
      await this.plans.mark(manager, reminderId, 'skipped', decision.reason);
      return { kind: 'skipped', reason: decision.reason };
    }
    if (decision.kind === 'defer') {
      await deferReminder(manager, reminderId, decision.until, now);
      return { kind: 'deferred', until: decision.until };
    }

    const { reminder, appointment } = loaded;
    const composed = await this.wording.compose(
      { client: decision.client, appointment, orgId: reminder.orgId, step: reminder.step },
      manager,
    );
    const message: SmsMessage = {
      id: randomUUID(),
      reminderId,
      clientId: reminder.clientId,
      orgId: reminder.orgId,
      appointmentId: reminder.appointmentId,
      to: decision.to,
      body: composed.body,
      encoding: composed.encoding,
      segments: composed.segments,
      gateway: this.gateway.name,
      gatewayMessageId: null,
      status: 'sending',
      errorCode: null,
      createdAt: now,
      sentAt: null,
      statusUpdatedAt: now,
    };
    // Under the reminder's lock no other run can insert; the constraint is the guard all the same.
    if (!(await smsMessages.insertSending(manager, message))) return NOTHING_TO_DO;
    return { kind: 'ready', reminderId, message, step: reminder.step };
  }

  private async send(
    manager: EntityManager,
    { reminderId, message, step }: ReadyToSend,
    options: SendOptions,
  ): Promise<SendOutcome | RetryLater> {
    // Between the two commits another run may have found the row unlocked and closed it as unknown.
    const held = await smsMessages.lock(manager, message.id);
    if (held?.status !== 'sending') return NOTHING_TO_DO;

    let accepted: SmsAccepted;
    try {
      // The adapter adds the status callback URL it was configured with (PUBLIC_BASE_URL for Twilio).
      accepted = await this.gateway.send({ to: message.to, body: message.body, reference: message.id });
    } catch (error) {
      return this.recordFailure(manager, reminderId, message, error, options);
    }
    try {
      await this.recordSent(manager, reminderId, message, step, accepted);
    } catch (error) {
      // Rolled back: the row stays `sending`, so the next run marks it unknown. The id lets a person
      // match it in the gateway's logs.
      this.logger.error(
        { messageId: message.id, gatewayMessageId: accepted.gatewayMessageId, err: error },
        'sms sent but not recorded: it will be flagged as unknown',
      );
      throw error;
    }
    return { kind: 'sent', messageId: message.id };
  }

  private async recordSent(
    manager: EntityManager,
    reminderId: string,
    message: SmsMessage,
    step: ReminderStep,
    accepted: SmsAccepted,
  ): Promise<void> {
    const now = this.clock.now();
    await smsMessages.recordAccepted(manager, message.id, accepted, now);
    if (!(await this.plans.mark(manager, reminderId, 'sent'))) {
      // Re-planned while the text was with the gateway: it went all the same, so it is recorded.
      this.logger.warn(
        { reminderId, messageId: message.id },
        'sms sent for a reminder ended while it was being sent',
      );
    }
    await addSentEvent(
      this.outbox,
      manager,
      { ...facts(message), step, body: message.body, gateway: message.gateway },
      now,
    );
    this.logger.info({ reminderId, messageId: message.id, step }, 'reminder sent');
  }

  private async recordFailure(
    manager: EntityManager,
    reminderId: string,
    message: SmsMessage,
    error: unknown,
    options: SendOptions,
  ): Promise<SendOutcome | RetryLater> {
    const now = this.clock.now();
    const log = { reminderId, messageId: message.id };

    if (error instanceof SmsRejectedError) {
      await smsMessages.close(manager, message.id, 'failed', error.code, now);
      await this.plans.mark(manager, reminderId, 'skipped', `gateway_rejected:${error.code}`);
      if (error.reason === 'opted_out') await recordOptOut(manager, message, now);
      await addDeliveryFailedEvent(this.outbox, manager, facts(message), 'failed', error.code, now);
      this.logger.warn({ ...log, code: error.code, reason: error.reason }, 'sms refused by the gateway');
      return { kind: 'rejected', messageId: message.id, code: error.code };
    }

    if (error instanceof SmsGatewayUnavailableError) {
      if (!options.finalAttempt) {
        // Nothing was sent: forget the text so the next attempt re-checks and composes afresh.
        await smsMessages.remove(manager, message.id);
        this.logger.warn({ ...log, problem: error.lastProblem }, 'sms gateway unavailable: retried later');
        return { kind: 'retry_later', error };
      }
      await smsMessages.close(manager, message.id, 'failed', GATEWAY_UNAVAILABLE, now);
      await this.plans.mark(manager, reminderId, 'skipped', GATEWAY_UNAVAILABLE);
      await addDeliveryFailedEvent(this.outbox, manager, facts(message), 'failed', GATEWAY_UNAVAILABLE, now);
      this.logger.error({ ...log, problem: error.lastProblem }, 'sms gateway unavailable: reminder given up');
      return { kind: 'gave_up', messageId: message.id };
    }

    // A timeout after the request left, or a failure we cannot read: it may have gone. Never resend.
    const problem = error instanceof SmsOutcomeUnknownError ? error.problem : 'unexpected_error';
    if (!(error instanceof SmsOutcomeUnknownError)) {
      // Only its kind: an SDK's error can carry the request, with the number, text and credentials.
      const kind = error instanceof Error ? error.name : typeof error;
      this.logger.error({ ...log, error: kind }, 'sms gateway failed unexpectedly');
    }
    await this.markUnknown(manager, message, reminderId, problem, now);
    return { kind: 'unknown', messageId: message.id };
  }

  /** A run found the text still `sending` and unlocked: the attempt that owned it died mid-send. */
  private async closeInterrupted(
    manager: EntityManager,
    { reminder }: ReminderWithContext,
    messageId: string,
  ): Promise<void> {
    const message = await manager.findOneByOrFail(SmsMessage, { id: messageId });
    await this.markUnknown(manager, message, reminder.id, null, this.clock.now());
  }

  private async markUnknown(
    manager: EntityManager,
    message: SmsMessage,
    reminderId: string,
    problem: string | null,
    now: Date,
  ): Promise<void> {
    await smsMessages.close(manager, message.id, 'unknown', problem, now);
    await this.plans.mark(manager, reminderId, 'unknown', SEND_OUTCOME_UNKNOWN);
    await addDeliveryFailedEvent(this.outbox, manager, facts(message), 'unknown', problem, now);
    this.logger.error(
      { reminderId, messageId: message.id, problem },
      'sms may or may not have been sent: flagged for a person, not resent',
    );
  }
}

function facts(message: SmsMessage): TextFacts {
  return {
    messageId: message.id,
    clientId: message.clientId,
    orgId: message.orgId,
    appointmentId: message.appointmentId,
  };
}

/**
 * Moves a scheduled reminder's due time to the end of quiet hours, so the row (the truth, and what
 * the start-up sweep re-schedules from) says when it will go.
 */
async function deferReminder(
  manager: EntityManager,
  reminderId: string,
  until: Date,
  now: Date,
): Promise<void> {
  await manager.query(
    `UPDATE "${REMINDERS_SCHEMA}"."reminder" SET "due_at" = $2, "updated_at" = $3
     WHERE "id" = $1 AND "status" = 'scheduled'`,
    [reminderId, until, now],
  );
}

/**
 * The gateway says the number opted out (Twilio 21610: the client texted STOP). Recorded like a STOP
 * reply, once, and only while the client still has that number: an opt-out belongs to a number.
 */
async function recordOptOut(manager: EntityManager, message: SmsMessage, now: Date): Promise<void> {
  await manager.query(
    `UPDATE "${REMINDERS_SCHEMA}"."client" SET "opted_out_at" = $3
     WHERE "client_id" = $1 AND "mobile" = $2 AND "opted_out_at" IS NULL`,
    [message.clientId, message.to, now],
  );
}
