import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AttendanceOutcome,
  EventData,
  EventEnvelope,
  appointmentAttendanceRecordedV1,
} from '@careloop/contracts';
import { EndScheduledReminders } from '../plan/end-scheduled-reminders';
import { PlanMissed } from '../plan/plan-missed';
import { currentAppointment } from './current-appointment';
import { rebooks } from './rebooks';
import { ReminderAppointment, type ReminderAppointmentStatus } from './reminder-appointment.entity';

/** Only attending counts as attended; a late cancellation or leaving unseen is, for reminders, a miss. */
const STATUS_FOR: Record<AttendanceOutcome, ReminderAppointmentStatus> = {
  attended: 'attended',
  did_not_attend: 'missed',
  cancelled_late: 'missed',
  left_before_seen: 'missed',
};

/** An appointment the client can have missed: booked, or given an outcome before (now corrected). */
const ATTENDABLE: ReadonlySet<ReminderAppointmentStatus> = new Set(['booked', 'attended', 'missed']);

/**
 * Attendance was recorded: the appointment is over (attended or missed), so any step still scheduled
 * (an outcome recorded early, a clock off) is cancelled. The version stays: the plan did not change,
 * the appointment ended. Did not attend also plans the one kind "sorry we missed you" text
 * (PlanMissed; once per appointment version, so a repeat plans nothing). The outcome recorded again
 * differently (corrected: attended after all) cancels that text if it has not gone; the sending
 * worker re-checks the outcome under its lock, so a correction that commits first always stops it.
 * A client already rebooked after the miss (the keyworker booked them when they rang, before the
 * clinic recorded it; rebooks.ts) is not told "reply to rebook": the text is skipped, saying so, as a
 * rebook that comes after the miss cancels it (RecordAppointmentBooked).
 */
@Injectable()
export class RecordAttendance {
  constructor(
    private readonly endReminders: EndScheduledReminders,
    private readonly planMissed: PlanMissed,
  ) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentAttendanceRecordedV1>>,
  ): Promise<void> {
    const d = event.data;
    const at = new Date(event.occurredAt);
    await rebooks.lockClient(manager, d.clientId);
    const { appointment, late } = await currentAppointment(manager, d.appointmentId, at);
    if (!appointment || late) return;
    const before = appointment.status;
    const status = STATUS_FOR[d.outcome];
    // An appointment known from before reminders kept referrals learns its referral here, for the
    // rule of which booking is its rebook (rebooks.ts).
    const referralId = appointment.referralId ?? d.referralId;
    await manager.update(
      ReminderAppointment,
      { appointmentId: d.appointmentId },
      { status, lastEventAt: at, referralId },
    );
    const reason =
      before === 'attended' || before === 'missed' ? 'attendance_corrected' : 'attendance_recorded';
    if (d.outcome !== 'did_not_attend') {
      await this.endReminders.forAppointment(manager, d.appointmentId, reason);
      return;
    }
    // A repeat of did not attend keeps the text it planned.
    await this.endReminders.forAppointmentExcept(manager, d.appointmentId, reason, 'missed');
    if (!ATTENDABLE.has(before)) return;
    const rebooked = await rebooks.existFor(manager, d.appointmentId);
    await this.planMissed.execute(manager, Object.assign(appointment, { status, referralId }), { rebooked });
  }
}
