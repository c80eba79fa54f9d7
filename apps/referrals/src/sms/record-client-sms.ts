import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  EventData,
  EventEnvelope,
  reminderDeliveryFailedV1,
  reminderSentV1,
  smsReplyReceivedV1,
} from '@careloop/contracts';
import { ClientDirectory } from '../need/client-directory';
import { ClientSms } from './client-sms.entity';
import { SmsError } from './sms.errors';

type Env<D> = EventEnvelope<EventData<D>>;
export type SmsEvent =
  | { kind: 'sent'; event: Env<typeof reminderSentV1> }
  | { kind: 'delivery_failed'; event: Env<typeof reminderDeliveryFailedV1> }
  | { kind: 'reply'; event: Env<typeof smsReplyReceivedV1> };

/**
 * Adds one of the reminders service's SMS events to the client's SMS history, in the consumer's
 * transaction. The same fact reported again is kept once (unique per message, or per reply); a client
 * this organisation does not have is an error that dead-letters the event.
 */
@Injectable()
export class RecordClientSms {
  constructor(private readonly clients: ClientDirectory) {}

  async execute(manager: EntityManager, input: SmsEvent): Promise<void> {
    const { orgId, data } = input.event;
    if (!(await this.clients.exists(manager, orgId, data.clientId))) {
      throw new SmsError('CLIENT_NOT_FOUND', { detail: `No client ${data.clientId} in ${orgId}` });
    }
    await manager.createQueryBuilder().insert().into(ClientSms).values(toRow(input)).orIgnore().execute();
  }
}

function toRow({ kind, event }: SmsEvent): ClientSms {
  const common = {
    id: event.id,
    orgId: event.orgId,
    clientId: event.data.clientId,
    kind,
    appointmentId: event.data.appointmentId,
    step: null,
    text: null,
    intent: null,
    outcome: null,
    errorCode: null,
  };
  switch (kind) {
    case 'sent': {
      const d = event.data;
      return { ...common, messageId: d.messageId, step: d.step, text: d.text, at: new Date(d.sentAt) };
    }
    case 'delivery_failed': {
      const d = event.data;
      return {
        ...common,
        messageId: d.messageId,
        outcome: d.outcome,
        errorCode: d.errorCode,
        at: new Date(d.at),
      };
    }
    case 'reply': {
      const d = event.data;
      return { ...common, messageId: d.replyId, text: d.text, intent: d.intent, at: new Date(d.receivedAt) };
    }
  }
}
