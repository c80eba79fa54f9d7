import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReplyIntent } from '@careloop/contracts';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import type { GatewayName } from '../sending/sms-message.entity';

/** A text from a client, kept once per gateway message id (a repeated webhook changes nothing). */
@Entity({ schema: REMINDERS_SCHEMA, name: 'inbound_message' })
export class InboundMessage {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  gateway!: GatewayName;

  @Column({ name: 'gateway_message_id', type: 'text' })
  gatewayMessageId!: string;

  /** The sender's number; `'erased'` once the client's contact data was erased. */
  @Column({ type: 'text' })
  from!: string;

  @Column({ type: 'text' })
  body!: string;

  /** The client whose own mobile it came from, if exactly one. */
  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  clientId!: string | null;

  @Column({ name: 'appointment_id', type: 'uuid', nullable: true })
  appointmentId!: string | null;

  @Column({ type: 'text' })
  intent!: ReplyIntent;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
