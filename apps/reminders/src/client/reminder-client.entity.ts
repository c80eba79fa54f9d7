import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/** What reminders keeps of a client from client events: who to text, how to greet them, and consent. */
@Entity({ schema: REMINDERS_SCHEMA, name: 'client' })
export class ReminderClient {
  @PrimaryColumn({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  /** Version of the last client snapshot applied (contacts and consent events carry none). */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'given_name', type: 'text' })
  givenName!: string;

  @Column({ name: 'preferred_name', type: 'text', nullable: true })
  preferredName!: string | null;

  @Column({ name: 'keyworker_id', type: 'text' })
  keyworkerId!: string;

  /** The client's own mobile (E.164), if they have one on record. */
  @Column({ type: 'text', nullable: true })
  mobile!: string | null;

  @Column({ name: 'mobile_safe_to_text', type: 'boolean' })
  mobileSafeToText!: boolean;

  @Column({ name: 'sms_consent', type: 'boolean' })
  smsConsent!: boolean;

  /** The client agreed that texts may name the service (otherwise they never do). */
  @Column({ name: 'name_service_consent', type: 'boolean' })
  nameServiceConsent!: boolean;

  /** Set when the client texted a carrier opt-out word: the gateway blocks the number. */
  @Column({ name: 'opted_out_at', type: 'timestamptz', nullable: true })
  optedOutAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
