import type { EntityManager } from 'typeorm';
import {
  clientSmsOptedOutV1,
  reminderDeliveredV1,
  reminderDeliveryFailedV1,
  reminderSentV1,
  type ReminderStep,
} from '@careloop/contracts';
import type { Outbox } from '@careloop/messaging';
import type { GatewayName } from './sms-message.entity';

/** Who raises the sender's events. */
export const REMINDERS_SENDER = { kind: 'system', id: 'system:reminders' } as const;

/** What the events say about a text: never the phone number. */
export interface TextFacts {
  messageId: string;
  clientId: string;
  orgId: string;
  appointmentId: string | null;
}

/** reminder.sent.v1: the exact text, for the client's care record. Subject: the client. */
export function addSentEvent(
  outbox: Outbox,
  manager: EntityManager,
  text: TextFacts & { step: ReminderStep; body: string; gateway: GatewayName },
  at: Date,
): Promise<unknown> {
  return outbox.add(manager, reminderSentV1, {
    subjectId: text.clientId,
    orgId: text.orgId,
    actor: REMINDERS_SENDER,
    occurredAt: at,
    data: {
      messageId: text.messageId,
      clientId: text.clientId,
      appointmentId: text.appointmentId,
      step: text.step,
      text: text.body,
      gateway: text.gateway,
      sentAt: at.toISOString(),
    },
  });
}

/** reminder.delivery-failed.v1: the keyworker checks the number (failed) or with the client (unknown). */
export function addDeliveryFailedEvent(
  outbox: Outbox,
  manager: EntityManager,
  text: TextFacts,
  outcome: 'failed' | 'unknown',
  errorCode: string | null,
  at: Date,
): Promise<unknown> {
  return outbox.add(manager, reminderDeliveryFailedV1, {
    subjectId: text.clientId,
    orgId: text.orgId,
    actor: REMINDERS_SENDER,
    occurredAt: at,
    data: {
      messageId: text.messageId,
      clientId: text.clientId,
      appointmentId: text.appointmentId,
      outcome,
      errorCode: errorCode === null ? null : errorCode.slice(0, 50),
      at: at.toISOString(),
    },
  });
}

/**
 * reminder.delivered.v1: the text (the plan's `step`, null outside a plan) reached the phone `at`, for
 * the managers' attendance reports. Raised by the gateway that told us (its receipt, or its answer to
 * the send), and only by the change that first makes the text `delivered` and marks it announced: a
 * status only moves forward, so that happens once per text. A text delivered before reminders raised
 * the event gets the same event at start-up (AnnounceEarlierDeliveries).
 */
export function addDeliveredEvent(
  outbox: Outbox,
  manager: EntityManager,
  text: TextFacts & { step: ReminderStep | null },
  gateway: GatewayName,
  at: Date,
): Promise<unknown> {
  return outbox.add(manager, reminderDeliveredV1, {
    subjectId: text.clientId,
    orgId: text.orgId,
    actor: { kind: 'system', id: gateway },
    occurredAt: at,
    data: {
      messageId: text.messageId,
      clientId: text.clientId,
      appointmentId: text.appointmentId,
      step: text.step,
      at: at.toISOString(),
    },
  });
}

/**
 * client.sms-opted-out.v1 for an opt-out the gateway told us of (Twilio 21610: the client texted
 * STOP and the gateway blocks the number): the referrals service withdraws consent to texts as it
 * does for a STOP reply. The keyword is the gateway's code; raised by the sender, not the client.
 */
export function addOptedOutEvent(
  outbox: Outbox,
  manager: EntityManager,
  text: Pick<TextFacts, 'clientId' | 'orgId'>,
  gatewayCode: string,
  at: Date,
): Promise<unknown> {
  return outbox.add(manager, clientSmsOptedOutV1, {
    subjectId: text.clientId,
    orgId: text.orgId,
    actor: REMINDERS_SENDER,
    occurredAt: at,
    data: { clientId: text.clientId, keyword: gatewayCode, receivedAt: at.toISOString() },
  });
}
