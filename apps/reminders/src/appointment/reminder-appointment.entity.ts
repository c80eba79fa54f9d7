import { Column, Entity, PrimaryColumn } from 'typeorm';
import { REMINDERS_SCHEMA } from '../reminders-schema';

/**
 * offered: a seat held for an in-reach offer, waiting for the client's answer (only its offer text is
 * planned); offer_ended: that hold ended unbooked (declined, expired, released). An offer taken
 * becomes booked.
 */
export type ReminderAppointmentStatus =
  'offered' | 'booked' | 'cancelled' | 'attended' | 'missed' | 'offer_ended';

/**
 * What reminders keeps of an appointment from booking's events. `version` goes up on every change
 * (booked, rescheduled, cancelled, an offer taken), so a reminder planned for an older version is
 * never sent.
 */
@Entity({ schema: REMINDERS_SCHEMA, name: 'appointment' })
export class ReminderAppointment {
  @PrimaryColumn({ name: 'appointment_id', type: 'uuid' })
  appointmentId!: string;

  /** The CDAS whose client it is. */
  @Column({ name: 'org_id', type: 'text' })
  orgId!: string;

  @Column({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  /**
   * The referral it was booked for, null for one booked outside any referral (or, for an appointment
   * known from before reminders kept it, until its attendance is recorded).
   */
  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId!: string | null;

  /**
   * When it was booked (its booked event, or its offer taken): a booking made after a miss is the
   * client's rebook (rebooks.ts). Null for an offer not taken, and for appointments booked before
   * reminders kept it.
   */
  @Column({ name: 'booked_at', type: 'timestamptz', nullable: true })
  bookedAt!: Date | null;

  @Column({ type: 'text' })
  status!: ReminderAppointmentStatus;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  /** As booking gave it; a provider's own location text, if set, replaces it in texts. */
  @Column({ type: 'text' })
  location!: string;

  @Column({ name: 'provider_org_id', type: 'text', nullable: true })
  providerOrgId!: string | null;

  @Column({ name: 'provider_name', type: 'text' })
  providerName!: string;

  @Column({ name: 'service_type', type: 'text' })
  serviceType!: string;

  @Column({ type: 'integer' })
  version!: number;

  /**
   * When booking said the appointment's in-reach session was cancelled and nothing suitable was
   * found to move it to: still booked, waiting for a keyworker's rebook, but never to be reminded of.
   * A reschedule (the rebook) clears it.
   */
  @Column({ name: 'session_cancelled_at', type: 'timestamptz', nullable: true })
  sessionCancelledAt!: Date | null;

  /** The in-reach offer the appointment was held for (appointment.held.v1 with `offer`), else null. */
  @Column({ name: 'offer_id', type: 'uuid', nullable: true })
  offerId!: string | null;

  /** When that offer's hold lapses: its text says reply by then, and is not sent from then on. */
  @Column({ name: 'offer_expires_at', type: 'timestamptz', nullable: true })
  offerExpiresAt!: Date | null;

  /** occurredAt of the last event applied: an older event arriving late changes nothing. */
  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;
}
