import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AttendanceOutcome } from '@careloop/contracts';
import { INREACH_SCHEMA } from '../inreach-schema';

/**
 * `held`: a seat kept for the client (staff on the phone, or an offer) until booked or the hold ends
 * (`hold_ended`); `booked`, then perhaps `cancelled`. Held and booked seats are taken.
 */
export type SessionAppointmentStatus = 'held' | 'hold_ended' | 'booked' | 'cancelled';

/**
 * An appointment booking made or held in one of in-reach's sessions, as booking's events told it: only
 * appointments whose slot belongs to a session are kept, and one moved out of every session is removed.
 * The day sheet and the evidence report read booked ones; the offer job counts held ones as taken too.
 */
@Entity({ schema: INREACH_SCHEMA, name: 'session_appointment' })
export class SessionAppointment {
  @PrimaryColumn({ name: 'appointment_id', type: 'uuid' })
  appointmentId!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  /** The booking CDAS (the events' organisation): the session's host. */
  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text' })
  status!: SessionAppointmentStatus;

  /** When a hold lapses, as booking said when it held it; null for an appointment booked outright. */
  @Column({ name: 'hold_expires_at', type: 'timestamptz', nullable: true })
  holdExpiresAt!: Date | null;

  /** As booking recorded it; null until then. */
  @Column({ type: 'text', nullable: true })
  attendance!: AttendanceOutcome | null;

  /** The occurredAt of the last event applied: an older one arriving late changes nothing. */
  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;
}
