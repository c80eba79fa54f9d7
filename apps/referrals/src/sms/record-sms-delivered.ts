import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, reminderDeliveredV1 } from '@careloop/contracts';
import { ClientDirectory } from '../need/client-directory';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { SmsError } from './sms.errors';

/**
 * Notes that a text reached the client's phone, once per text (a repeat keeps the first), for the
 * reports' "attendance when a reminder was delivered". Not a line of the SMS history: the keyworker
 * needs to hear of texts that did not arrive, not of every one that did.
 */
@Injectable()
export class RecordSmsDelivered {
  constructor(private readonly clients: ClientDirectory) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof reminderDeliveredV1>>,
  ): Promise<void> {
    const { orgId, data } = event;
    if (!(await this.clients.exists(manager, orgId, data.clientId))) {
      throw new SmsError('CLIENT_NOT_FOUND', { detail: `No client ${data.clientId} in ${orgId}` });
    }
    await manager.query(
      `INSERT INTO "${REFERRALS_SCHEMA}"."client_sms_delivery"
         ("message_id", "org_id", "client_id", "appointment_id", "step", "delivered_at")
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ("message_id") DO NOTHING`,
      [data.messageId, orgId, data.clientId, data.appointmentId, data.step, new Date(data.at)],
    );
  }
}
