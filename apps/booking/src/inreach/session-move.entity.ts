import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BOOKING_SCHEMA } from '../booking-schema';

/**
 * pending: to be worked by the cascade; moved: into `newSlotId`; rebook_needed: no suitable slot, the
 * keyworker was told; not_needed: the appointment had left the session (cancelled, moved by staff)
 * before the cascade reached it.
 */
export type SessionMoveStatus = 'pending' | 'moved' | 'rebook_needed' | 'not_needed';

/** A booked appointment of a withdrawn in-reach session, to move to the service's next session. */
@Entity({ schema: BOOKING_SCHEMA, name: 'session_move' })
export class SessionMove {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'appointment_id', type: 'uuid' })
  appointmentId!: string;

  /** The withdrawn in-reach session the appointment is to leave. */
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'text' })
  status!: SessionMoveStatus;

  @Column({ name: 'new_slot_id', type: 'uuid', nullable: true })
  newSlotId!: string | null;

  /** Runs of the cascade over this row, failed ones included (one cut short by a crash is not). */
  @Column({ type: 'integer' })
  attempts!: number;

  /** Why the last failed run failed (kept for the record once the row settles); null if none failed. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
