import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReminderStep, ReplyIntent } from '@careloop/contracts';
import { REFERRALS_SCHEMA } from '../referrals-schema';

export const CLIENT_SMS_KINDS = ['sent', 'delivery_failed', 'reply'] as const;
export type ClientSmsKind = (typeof CLIENT_SMS_KINDS)[number];
export type DeliveryFailure = 'undelivered' | 'failed' | 'unknown';

/**
 * One SMS fact about a client, projected from the reminders service's events: a text sent, a text
 * not delivered (or whose fate is unknown), or the client's reply. Append-only.
 */
@Entity({ schema: REFERRALS_SCHEMA, name: 'client_sms' })
export class ClientSms {
  /** The id of the event that reported it. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text' })
  kind!: ClientSmsKind;

  /** The reminders service's message id (sent, delivery_failed) or reply id (reply). */
  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ name: 'appointment_id', type: 'uuid', nullable: true })
  appointmentId!: string | null;

  /** Which reminder of the plan it was; sent only, null for a text outside a plan. */
  @Column({ type: 'text', nullable: true })
  step!: ReminderStep | null;

  /** The text sent, or the reply as received; null for a delivery failure. */
  @Column({ type: 'text', nullable: true })
  text!: string | null;

  /** How the reminders service read a reply; reply only. */
  @Column({ type: 'text', nullable: true })
  intent!: ReplyIntent | null;

  /** delivery_failed only. */
  @Column({ type: 'text', nullable: true })
  outcome!: DeliveryFailure | null;

  /** The gateway's error code for a delivery failure, when it gave one. */
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  /** When it was sent, found undelivered, or received. */
  @Column({ type: 'timestamptz' })
  at!: Date;
}
