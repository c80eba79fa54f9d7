import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { reminderDeliveryFailedV1, type ReminderStep, type SmsStatus } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { smsStatusFromTwilio } from '../gateway/twilio-status';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { addDeliveredEvent, type TextFacts } from '../sending/send-events';
import type { SmsMessageStatus } from '../sending/sms-message.entity';
import { isDeliveryFailure, progressedStatus } from './delivery-progress';
import { smsStatusFromNotify } from './notify-status';
import { ReceiptMetrics } from './receipt-metrics';

/** The gateways that send us delivery receipts. */
export type ReceiptGateway = 'twilio' | 'notify';

export interface DeliveryReceipt {
  gateway: ReceiptGateway;
  /**
   * Our sms_message id, when the receipt carries it back (Twilio's callback URL, Notify's reference):
   * it finds the text even before the sender has recorded the gateway's id.
   */
  messageId?: string;
  gatewayMessageId: string;
  /** The gateway's own status word, e.g. Twilio's "delivered" or Notify's "permanent-failure". */
  gatewayStatus: string;
  errorCode: string | undefined;
}

/**
 * - applied: the text moved forward to a new status;
 * - not_forward: a repeat, or a receipt overtaken by a later one: nothing changed;
 * - unknown_message: no text of ours has this id;
 * - mismatch: our id names a text another gateway sent, or one with another gateway id: ignored;
 * - unknown_status: a status we do not map (an inbound message's, or one the gateway added since).
 */
export type ReceiptOutcome = 'applied' | 'not_forward' | 'unknown_message' | 'mismatch' | 'unknown_status';

const STATUS_OF: Record<ReceiptGateway, (gatewayStatus: string) => SmsStatus | undefined> = {
  twilio: smsStatusFromTwilio,
  notify: smsStatusFromNotify,
};

interface SentText {
  id: string;
  client_id: string;
  org_id: string;
  appointment_id: string | null;
  /** The plan's step it was, null for a text outside a plan. */
  step: ReminderStep | null;
  gateway: string;
  gateway_message_id: string | null;
  status: SmsMessageStatus;
}

const TEXT_COLUMNS = `"id", "client_id", "org_id", "appointment_id", "gateway", "gateway_message_id", "status",
  (SELECT r."step" FROM "${REMINDERS_SCHEMA}"."reminder" r WHERE r."id" = "sms_message"."reminder_id") AS "step"`;

/**
 * Applies a delivery receipt, from Twilio or Notify, to the text it is about, only ever forward; a
 * text that ends undelivered or failed raises reminder.delivery-failed.v1, once (a final status never
 * changes), so the keyworker can check the client's number; one that ends delivered raises
 * reminder.delivered.v1, once, for the attendance reports.
 *
 * A receipt may overtake the gateway's answer to the send: the text is then found by our id and may
 * still be `sending`. The sender holds that row's lock until it has recorded the answer, so the
 * receipt waits for it and lands after; a row still `sending` and unlocked belongs to a run that died
 * after the gateway took the text, and the receipt records the gateway's id on it.
 */
@Injectable()
export class RecordDeliveryReceipt {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly metrics: ReceiptMetrics,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(receipt: DeliveryReceipt): Promise<ReceiptOutcome> {
    const outcome = await this.apply(receipt);
    this.metrics.counted(outcome);
    return outcome;
  }

  private async apply(receipt: DeliveryReceipt): Promise<ReceiptOutcome> {
    const log = {
      gateway: receipt.gateway,
      messageId: receipt.messageId,
      gatewayMessageId: receipt.gatewayMessageId,
    };
    const reported = STATUS_OF[receipt.gateway](receipt.gatewayStatus);
    if (!reported) {
      this.logger.warn(
        { ...log, gatewayStatus: receipt.gatewayStatus.slice(0, 40) },
        'delivery receipt with a status we do not map: ignored',
      );
      return 'unknown_status';
    }
    return this.dataSource.transaction(async (manager) => {
      const text = await this.lockText(manager, receipt);
      if (!text) {
        this.logger.warn(log, 'delivery receipt for no text of ours');
        return 'unknown_message';
      }
      if (!isAbout(text, receipt)) {
        this.logger.warn(
          { ...log, textGateway: text.gateway, textGatewayMessageId: text.gateway_message_id },
          'delivery receipt names a text of ours with another gateway or gateway id: ignored',
        );
        return 'mismatch';
      }
      const status = progressedStatus(text.status, reported);
      if (!status) return 'not_forward';

      const now = this.clock.now();
      const errorCode = isDeliveryFailure(status) ? (receipt.errorCode ?? null) : null;
      await manager.query(
        `UPDATE "${REMINDERS_SCHEMA}"."sms_message"
            SET "status" = $2, "status_updated_at" = $3, "error_code" = COALESCE($4, "error_code"),
                "gateway_message_id" = COALESCE("gateway_message_id", $5),
                "delivery_announced" = ($2::text = 'delivered')
          WHERE "id" = $1`,
        [text.id, status, now, errorCode, receipt.gatewayMessageId],
      );
      if (isDeliveryFailure(status)) {
        await this.outbox.add(manager, reminderDeliveryFailedV1, {
          subjectId: text.client_id,
          orgId: text.org_id,
          actor: { kind: 'system', id: receipt.gateway },
          occurredAt: now,
          data: {
            messageId: text.id,
            clientId: text.client_id,
            appointmentId: text.appointment_id,
            outcome: status,
            errorCode,
            at: now.toISOString(),
          },
        });
        this.logger.info({ messageId: text.id, status, errorCode }, 'sms not delivered: keyworker told');
      }
      // Only a step forward reaches here, and delivered is final: raised once per text, as the
      // UPDATE marks it announced.
      if (status === 'delivered') {
        await addDeliveredEvent(this.outbox, manager, factsOf(text), receipt.gateway, now);
      }
      return 'applied';
    });
  }

  /** The text, locked: by our id when the receipt has it (waiting for a send still recording), else by the gateway's. */
  private async lockText(manager: EntityManager, receipt: DeliveryReceipt): Promise<SentText | undefined> {
    const [text] = receipt.messageId
      ? await manager.query<SentText[]>(
          `SELECT ${TEXT_COLUMNS} FROM "${REMINDERS_SCHEMA}"."sms_message" WHERE "id" = $1 FOR UPDATE`,
          [receipt.messageId],
        )
      : await manager.query<SentText[]>(
          `SELECT ${TEXT_COLUMNS} FROM "${REMINDERS_SCHEMA}"."sms_message"
            WHERE "gateway" = $1 AND "gateway_message_id" = $2 FOR UPDATE`,
          [receipt.gateway, receipt.gatewayMessageId],
        );
    return text;
  }
}

/** Whether a text found by our id is the one the gateway reports on. */
function isAbout(text: SentText, receipt: DeliveryReceipt): boolean {
  if (text.gateway !== receipt.gateway) return false;
  return text.gateway_message_id === null || text.gateway_message_id === receipt.gatewayMessageId;
}

/** What reminder.delivered.v1 says about the text. */
function factsOf(text: SentText): TextFacts & { step: ReminderStep | null } {
  return {
    messageId: text.id,
    clientId: text.client_id,
    orgId: text.org_id,
    appointmentId: text.appointment_id,
    step: text.step,
  };
}
