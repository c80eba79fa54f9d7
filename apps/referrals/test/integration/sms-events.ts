import { randomUUID } from 'node:crypto';
import {
  clientSmsOptedOutV1,
  reminderDeliveredV1,
  reminderDeliveryFailedV1,
  reminderSentV1,
  smsReplyReceivedV1,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
  type ReminderStep,
  type ReplyIntent,
} from '@careloop/contracts';

type Env<D> = EventEnvelope<EventData<D>>;

/** The reminders service's SMS events about one client, as it would publish them (synthetic data). */
export function smsEventsFor(orgId: string, clientId: string) {
  const envelope = <D>(def: EventDefinition, data: unknown, occurredAt: string): Env<D> => ({
    id: randomUUID(),
    type: def.type,
    version: def.version,
    occurredAt,
    orgId,
    actor: { kind: 'system', id: 'system:reminders' },
    correlationId: randomUUID(),
    causationId: null,
    subjectId: clientId,
    data: def.data.parse(data) as EventData<D>,
  });
  return {
    sent: (
      at: string,
      o: {
        messageId?: string;
        appointmentId?: string | null;
        step?: ReminderStep | null;
        text?: string;
      } = {},
    ): Env<typeof reminderSentV1> =>
      envelope(
        reminderSentV1,
        {
          messageId: o.messageId ?? randomUUID(),
          clientId,
          appointmentId: o.appointmentId ?? null,
          step: o.step === undefined ? 'evening_before' : o.step,
          text: o.text ?? 'Hi Jo, see you Tue 3 Nov at 10:30 at Hillside. Reply Y to confirm, N to rebook.',
          gateway: 'twilio',
          sentAt: at,
        },
        at,
      ),
    delivered: (
      at: string,
      o: { messageId: string; appointmentId?: string | null; step?: ReminderStep | null },
    ): Env<typeof reminderDeliveredV1> =>
      envelope(
        reminderDeliveredV1,
        {
          messageId: o.messageId,
          clientId,
          appointmentId: o.appointmentId ?? null,
          step: o.step === undefined ? 'evening_before' : o.step,
          at,
        },
        at,
      ),
    deliveryFailed: (
      at: string,
      o: {
        messageId?: string;
        appointmentId?: string | null;
        outcome?: 'undelivered' | 'failed' | 'unknown';
        errorCode?: string | null;
      } = {},
    ): Env<typeof reminderDeliveryFailedV1> =>
      envelope(
        reminderDeliveryFailedV1,
        {
          messageId: o.messageId ?? randomUUID(),
          clientId,
          appointmentId: o.appointmentId ?? null,
          outcome: o.outcome ?? 'undelivered',
          errorCode: o.errorCode === undefined ? '30003' : o.errorCode,
          at,
        },
        at,
      ),
    reply: (
      at: string,
      o: { replyId?: string; appointmentId?: string | null; intent?: ReplyIntent; text?: string } = {},
    ): Env<typeof smsReplyReceivedV1> =>
      envelope(
        smsReplyReceivedV1,
        {
          replyId: o.replyId ?? randomUUID(),
          clientId,
          appointmentId: o.appointmentId ?? null,
          intent: o.intent ?? 'other',
          text: o.text ?? 'who is this?',
          receivedAt: at,
        },
        at,
      ),
    optedOut: (receivedAt: string, keyword = 'STOP'): Env<typeof clientSmsOptedOutV1> =>
      envelope(clientSmsOptedOutV1, { clientId, keyword, receivedAt }, receivedAt),
  };
}
