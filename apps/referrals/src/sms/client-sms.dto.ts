import { z } from 'zod';
import type { ReminderStep, ReplyIntent } from '@careloop/contracts';
import { namedParam } from '../need/named-param';
import type { ClientSmsKind, DeliveryFailure } from './client-sms.entity';

export const listClientSmsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type ListClientSmsQuery = z.output<typeof listClientSmsQuery>;

export const clientIdParam = namedParam('clientId', z.uuid('must be a client id (uuid)'));

export interface ClientSmsView {
  id: string;
  kind: ClientSmsKind;
  /** When it was sent, found undelivered, or received (ISO, UTC). */
  at: string;
  /** The reminders service's message id (sent, delivery_failed: the same message) or reply id. */
  messageId: string;
  appointmentId: string | null;
  step: ReminderStep | null;
  /**
   * The text sent, or the reply as received; for a delivery failure, the text of the message that
   * failed when its sending was reported (null otherwise).
   */
  text: string | null;
  intent: ReplyIntent | null;
  outcome: DeliveryFailure | null;
  errorCode: string | null;
}

export interface ClientSmsPage {
  items: ClientSmsView[];
  total: number;
  limit: number;
  offset: number;
}
