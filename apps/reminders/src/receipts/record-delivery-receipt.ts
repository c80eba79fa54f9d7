import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { reminderDeliveryFailedV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { smsStatusFromTwilio } from '../gateway/twilio-status';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import type { SmsMessageStatus } from '../sending/sms-message.entity';
import { isDeliveryFailure, progressedStatus } from './delivery-progress';
import { ReceiptMetrics } from './receipt-metrics';

export interface DeliveryReceipt {
  gatewayMessageId: string;
  /** The gateway's own status word, e.g. Twilio's "delivered". */
  gatewayStatus: string;
  errorCode: string | undefined;
}

/**
 * - applied: the text moved forward to a new status;
 * - not_forward: a repeat, or a receipt overtaken by a later one: nothing changed;
 * - unknown_message: no text of ours has this gateway id;
 * - unknown_status: a status we do not map (an inbound message's, or one Twilio added since).
 */
export type ReceiptOutcome = 'applied' | 'not_forward' | 'unknown_message' | 'unknown_status';

interface SentText {
  id: string;
  client_id: string;
  org_id: string;
  appointment_id: string | null;
  status: SmsMessageStatus;
}

/**
 * Applies a Twilio delivery receipt to the text it is about, only ever forward; a text that ends
 * undelivered or failed raises reminder.delivery-failed.v1, once (a final status never changes), so
 * the keyworker can check the client's number.
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
    const reported = smsStatusFromTwilio(receipt.gatewayStatus);
    if (!reported) {
      this.logger.warn(
        { gatewayMessageId: receipt.gatewayMessageId, gatewayStatus: receipt.gatewayStatus.slice(0, 40) },
        'delivery receipt with a status we do not map: ignored',
      );
      return 'unknown_status';
    }
    return this.dataSource.transaction(async (manager) => {
      const [text] = await manager.query<SentText[]>(
        `SELECT "id", "client_id", "org_id", "appointment_id", "status" FROM "${REMINDERS_SCHEMA}"."sms_message"
          WHERE "gateway" = 'twilio' AND "gateway_message_id" = $1 FOR UPDATE`,
        [receipt.gatewayMessageId],
      );
      if (!text) {
        this.logger.warn(
          { gatewayMessageId: receipt.gatewayMessageId },
          'delivery receipt for no text of ours',
        );
        return 'unknown_message';
      }
      const status = progressedStatus(text.status, reported);
      if (!status) return 'not_forward';

      const now = this.clock.now();
      const errorCode = isDeliveryFailure(status) ? (receipt.errorCode ?? null) : null;
      await manager.query(
        `UPDATE "${REMINDERS_SCHEMA}"."sms_message"
            SET "status" = $2, "status_updated_at" = $3, "error_code" = COALESCE($4, "error_code")
          WHERE "id" = $1`,
        [text.id, status, now, errorCode],
      );
      if (isDeliveryFailure(status)) {
        await this.outbox.add(manager, reminderDeliveryFailedV1, {
          subjectId: text.client_id,
          orgId: text.org_id,
          actor: { kind: 'system', id: 'twilio' },
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
      return 'applied';
    });
  }
}
