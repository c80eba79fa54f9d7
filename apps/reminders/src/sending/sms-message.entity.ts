import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REMINDERS_SCHEMA } from '../reminders-schema';

export type SmsMessageStatus =
  'sending' | 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'unknown';
export type SmsEncoding = 'GSM-7' | 'UCS-2';
export type GatewayName = 'twilio' | 'notify' | 'dev_inbox';

/**
 * Every text sent, kept for the care record. Written as `sending` and committed BEFORE the gateway is
 * called: UNIQUE (reminder_id) means a step can only ever get one row, and a row still `sending` after
 * a crash is a send whose fate is unknown (flagged for a person, never resent). The attempt calling
 * the gateway holds the row's lock until it records the outcome, which tells a concurrent run from a
 * dead one (ADR 22, SendReminder).
 */
@Entity({ schema: REMINDERS_SCHEMA, name: 'sms_message' })
export class SmsMessage {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'reminder_id', type: 'uuid', nullable: true })
  reminderId!: string | null;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'appointment_id', type: 'uuid', nullable: true })
  appointmentId!: string | null;

  /** E.164; ERASED_NUMBER ('erased') once the client's numbers were erased (the text itself stays). */
  @Column({ type: 'text' })
  to!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text' })
  encoding!: SmsEncoding;

  @Column({ type: 'integer' })
  segments!: number;

  @Column({ type: 'text' })
  gateway!: GatewayName;

  @Column({ name: 'gateway_message_id', type: 'text', nullable: true })
  gatewayMessageId!: string | null;

  @Column({ type: 'text' })
  status!: SmsMessageStatus;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'status_updated_at', type: 'timestamptz' })
  statusUpdatedAt!: Date;

  /**
   * Whether reminder.delivered.v1 went out for it: set with `delivered`, in the same statement as its
   * event; a text delivered before reminders raised it is announced at start-up
   * (AnnounceEarlierDeliveries).
   */
  @Column({ name: 'delivery_announced', type: 'boolean' })
  deliveryAnnounced!: boolean;
}
