import { Column, Entity, PrimaryColumn } from 'typeorm';
import { INREACH_SCHEMA } from '../inreach-schema';

/** A client of the host CDAS seen at a session without a booking. Once per client and session. */
@Entity({ schema: INREACH_SCHEMA, name: 'walk_in' })
export class WalkIn {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'seen_at', type: 'timestamptz' })
  seenAt!: Date;

  /** For the clinic, in staff's words; stays in in-reach (not in the event). */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
