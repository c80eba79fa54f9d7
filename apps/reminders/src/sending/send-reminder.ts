import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
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
import { decideSend, type SendDecision, type SkipReason } from './send-decision';
import {
  addDeliveredEvent,
  addDeliveryFailedEvent,
  addOptedOutEvent,
  addSentEvent,
  type TextFacts,
} from './send-events';
import { sendLock } from './send-lock';
import { SmsMessage } from './sms-message.entity';
import { smsMessages, type SmsMessageRow } from './sms-messages';

/** What one run of a reminder's job did. */
export type SendOutcome =
  | { kind: 'sent'; messageId: string }
  | { kind: 'skipped'; reason: SkipReason | typeof SEND_FAILED }
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

/** What prepare or send saw changed under the text it composed: compose it again. */
interface Changed {
  kind: 'changed';
}

const NOTHING_TO_DO = { kind: 'nothing_to_do' } as const;
const CHANGED = { kind: 'changed' } as const;
/** Prepared texts thrown away because the client changed, before the run gives up for now. */
const MAX_RECOMPOSES = 3;
/** The reminder's status_reason when its text's fate is unknown. */
export const SEND_OUTCOME_UNKNOWN = 'send_outcome_unknown';
export const GATEWAY_UNAVAILABLE = 'gateway_unavailable';
/** The reminder's status_reason when its job failed for good, whatever the error. */
export const SEND_FAILED = 'send_failed';

/**
 * Sends a due reminder at most once (ADR 22). The job carries only the id and may run more than
 * once, concurrently (a duplicate job) or after a crash, so each run holds the reminder's send lock
 * (a session advisory lock, send-lock.ts) from start to end: a second run waits for the first and
 * then finds its outcome. Under it:
 * 1. one transaction locks the reminder, re-checks everything (decideSend), composes the text and
 *    commits it as an sms_message row `sending`: UNIQUE (reminder_id) makes this the only text the
 *    step can ever have;
 * 2. a second transaction locks that row and the reminder (FOR SHARE: a re-plan ends reminders with
 *    an UPDATE, so it waits for this send, or this send sees it), re-checks with the same decideSend
 *    (a reschedule, cancellation, withdrawn consent or erasure may have committed in between: the
 *    row is then deleted and nothing sent), calls the gateway while holding both, and records the
 *    outcome with its event.
 * The locks die with a crashed process, so a run that finds the row still `sending` knows an
 * earlier attempt died mid-send: it marks the text and the reminder `unknown` and raises
 * reminder.delivery-failed.v1 for a person to check. It never sends again.
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
   * Throws SmsGatewayUnavailableError when the gateway did not take the text and this is not the
   * final attempt (nothing was sent), SendInProgressError if another run holds the text's row
   * regardless of the send lock, or a database error: a later run of the job finds out what happened.
   */
  async execute(reminderId: string, options: SendOptions): Promise<SendOutcome> {
    return sendLock.holding(this.dataSource, reminderId, async (runner) => {
      for (let composed = 1; ; composed++) {
        const prepared = await this.transaction(runner, (m) => this.prepare(m, reminderId));
        if (prepared.kind !== 'ready') return prepared;
        const sent = await this.transaction(runner, (m) => this.send(m, prepared, options));
        if (sent.kind === 'retry_later') throw sent.error;
        if (sent.kind !== 'changed') return sent;
        if (composed >= MAX_RECOMPOSES)
          throw new Error(`Reminder ${reminderId}: the client kept changing while its text was prepared`);
      }
    });
  }

  /**
   * The job failed for good (its last attempt threw): closes the reminder so it is not left
   * scheduled for ever, and tells the keyworker. A text left `sending` may have gone (unknown); one
   * a delivery receipt moved on did (sent); otherwise none went (skipped, send_failed). Does nothing
   * if the reminder was closed meanwhile.
   */
  async giveUp(reminderId: string): Promise<SendOutcome> {
    return sendLock.holding(this.dataSource, reminderId, (runner) =>
      this.transaction(runner, async (manager) => {
        const loaded = await this.plans.load(manager, reminderId, { lock: true });
        if (!loaded || loaded.reminder.status !== 'scheduled') return NOTHING_TO_DO;
        const existing = await smsMessages.lockOfReminder(manager, reminderId);
        if (existing) return this.closeLeftBehind(manager, loaded, existing);
        const now = this.clock.now();
        await this.plans.mark(manager, reminderId, 'skipped', SEND_FAILED);
        const { reminder } = loaded;
        // No text was written (the run failed before its row, or the row was removed): the event
        // needs a message id, so it gets one of its own that no row carries.
        const text: TextFacts = {
          messageId: randomUUID(),
          clientId: reminder.clientId,
          orgId: reminder.orgId,
          appointmentId: reminder.appointmentId,
        };
        await addDeliveryFailedEvent(this.outbox, manager, text, 'failed', SEND_FAILED, now);
        this.logger.error({ reminderId }, 'reminder job failed for good: reminder closed, nothing sent');
        return { kind: 'skipped', reason: SEND_FAILED };
      }),
    );
  }

  /** One transaction on the run's own connection (the one holding the send lock). */
  protected transaction<T>(runner: QueryRunner, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return runner.manager.transaction(work);
  }

  private async prepare(manager: EntityManager, reminderId: string): Promise<SendOutcome | ReadyToSend> {
    const loaded = await this.plans.load(manager, reminderId, { lock: true });
    if (!loaded) {
      this.logger.warn({ reminderId }, 'job for a reminder that does not exist: nothing sent');
      return NOTHING_TO_DO;
    }
    const existing = await smsMessages.lockOfReminder(manager, reminderId);
    if (existing) {
      if (existing.status !== 'sending' && loaded.reminder.status !== 'scheduled') return NOTHING_TO_DO;
      return this.closeLeftBehind(manager, loaded, existing);
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

    const { reminder } = loaded;
    const composed = await this.compose(manager, loaded, decision);
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
      deliveryAnnounced: false,
    };
    // Under the reminder's lock no other run can insert; the constraint is the guard all the same.
    if (!(await smsMessages.insertSending(manager, message))) return NOTHING_TO_DO;
    return { kind: 'ready', reminderId, message, step: reminder.step };
  }

  private async send(
    manager: EntityManager,
    { reminderId, message, step }: ReadyToSend,
    options: SendOptions,
  ): Promise<SendOutcome | RetryLater | Changed> {
    // Under the send lock nothing else closes the row; checked all the same.
    const held = await smsMessages.lock(manager, message.id);
    if (held?.status !== 'sending') return NOTHING_TO_DO;
    const stop = await this.recheck(manager, reminderId, message);
    if (stop) return stop;

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

  /**
   * The re-check just before the gateway call, with the reminder locked FOR SHARE until the outcome
   * is recorded: anything committed since prepare (a re-plan, consent withdrawn, the number erased or
   * changed, an opt-out) stops the text. Its row is deleted, as nothing went; the reminder is closed
   * with the reason, unless a re-plan closed it already. Returns undefined when the text may go.
   */
  private async recheck(
    manager: EntityManager,
    reminderId: string,
    message: SmsMessage,
  ): Promise<SendOutcome | Changed | undefined> {
    await lockReminderForShare(manager, reminderId);
    const loaded = await this.plans.load(manager, reminderId);
    const now = this.clock.now();
    const decision: SendDecision | undefined =
      loaded?.reminder.status === 'scheduled' ? decideSend(loaded, now, this.policy.quietHours) : undefined;
    if (loaded && decision?.kind === 'send') {
      // The client's name, number or consent to name the service may have changed the words.
      const composed = await this.compose(manager, loaded, decision);
      if (decision.to === message.to && composed.body === message.body) return undefined;
    }
    await smsMessages.remove(manager, message.id);
    const log = { reminderId, messageId: message.id };
    if (!decision) {
      this.logger.info(log, 'reminder ended while its text was prepared: nothing sent');
      return NOTHING_TO_DO;
    }
    if (decision.kind === 'skip') {
      await this.plans.mark(manager, reminderId, 'skipped', decision.reason);
      this.logger.info({ ...log, reason: decision.reason }, 'reminder stopped just before sending');
      return { kind: 'skipped', reason: decision.reason };
    }
    if (decision.kind === 'defer') {
      await deferReminder(manager, reminderId, decision.until, now);
      return { kind: 'deferred', until: decision.until };
    }
    this.logger.info(log, 'client changed while the text was prepared: composed again');
    return CHANGED;
  }

  private compose(
    manager: EntityManager,
    { reminder, appointment }: ReminderWithContext,
    decision: Extract<SendDecision, { kind: 'send' }>,
  ) {
    return this.wording.compose(
      { client: decision.client, appointment, orgId: reminder.orgId, step: reminder.step },
      manager,
    );
  }

  private async recordSent(
    manager: EntityManager,
    reminderId: string,
    message: SmsMessage,
    step: ReminderStep,
    accepted: SmsAccepted,
  ): Promise<void> {
    const now = this.clock.now();
    const status = await smsMessages.recordAccepted(manager, message.id, accepted, now);
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
    // A gateway that delivers at once (the development inbox) sends no receipt: its answer is the
    // delivery. Not when a receipt that overtook the answer made the text delivered already.
    if (status === 'delivered') {
      await addDeliveredEvent(this.outbox, manager, { ...facts(message), step }, message.gateway, now);
    }
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
      if (error.reason === 'opted_out') await this.recordOptOut(manager, message, error.code, now);
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

  /**
   * The gateway says the number opted out (Twilio 21610: the client texted STOP to it, and we never
   * saw the reply). Recorded like a STOP reply, with client.sms-opted-out.v1 so referrals withdraws
   * consent too; once, and only while the client still has that number: an opt-out belongs to a number.
   */
  private async recordOptOut(
    manager: EntityManager,
    message: SmsMessage,
    code: string,
    now: Date,
  ): Promise<void> {
    const [, changed] = (await manager.query(
      `UPDATE "${REMINDERS_SCHEMA}"."client" SET "opted_out_at" = $3
       WHERE "client_id" = $1 AND "mobile" = $2 AND "opted_out_at" IS NULL`,
      [message.clientId, message.to, now],
    )) as [unknown[], number];
    if (changed === 1) await addOptedOutEvent(this.outbox, manager, message, code, now);
  }

  /**
   * A run found a text of its reminder, unlocked, that no run recorded: the attempt that owned it died
   * mid-send (or its record rolled back). Still `sending`: it may have gone, so unknown. Moved on by a
   * delivery receipt (whose callback named our id): the gateway took it, so the reminder is sent, and
   * the care record gets its text as if the attempt had recorded it. Never sent again either way.
   */
  private async closeLeftBehind(
    manager: EntityManager,
    { reminder }: ReminderWithContext,
    existing: SmsMessageRow,
  ): Promise<SendOutcome> {
    const message = await manager.findOneByOrFail(SmsMessage, { id: existing.id });
    const now = this.clock.now();
    // The gateway's id on the row is the receipt's proof that the gateway took the text.
    if (existing.status === 'sending' || message.gatewayMessageId === null) {
      await this.markUnknown(manager, message, reminder.id, null, now);
      return { kind: 'unknown', messageId: message.id };
    }
    if (!(await this.plans.mark(manager, reminder.id, 'sent'))) return NOTHING_TO_DO;
    await addSentEvent(
      this.outbox,
      manager,
      { ...facts(message), step: reminder.step, body: message.body, gateway: message.gateway },
      now,
    );
    this.logger.warn(
      { reminderId: reminder.id, messageId: message.id, status: existing.status },
      'sms taken by the gateway but not recorded by its run: a receipt told us, reminder closed as sent',
    );
    return { kind: 'sent', messageId: message.id };
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
 * Holds the reminder row FOR SHARE until the send's transaction ends: re-planning ends reminders with
 * an UPDATE, which then waits for the outcome to be recorded (and finds the reminder sent).
 */
async function lockReminderForShare(manager: EntityManager, reminderId: string): Promise<void> {
  await manager.query(`SELECT 1 FROM "${REMINDERS_SCHEMA}"."reminder" WHERE "id" = $1 FOR SHARE`, [
    reminderId,
  ]);
}
