import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AttendanceOutcome,
  EventData,
  EventEnvelope,
  appointmentAttendanceRecordedV1,
} from '@careloop/contracts';
import { EndScheduledReminders } from '../plan/end-scheduled-reminders';
import { currentAppointment } from './current-appointment';
import { ReminderAppointment, type ReminderAppointmentStatus } from './reminder-appointment.entity';

/** Only attending counts as attended; a late cancellation or leaving unseen is, for reminders, a miss. */
const STATUS_FOR: Record<AttendanceOutcome, ReminderAppointmentStatus> = {
  attended: 'attended',
  did_not_attend: 'missed',
  cancelled_late: 'missed',
  left_before_seen: 'missed',
};

/**
 * Attendance was recorded: the appointment is over (attended or missed), so any step still scheduled
 * (an outcome recorded early, a clock off) is cancelled. The version stays: the plan did not change,
 * the appointment ended.
 */
@Injectable()
export class RecordAttendance {
  constructor(private readonly endReminders: EndScheduledReminders) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentAttendanceRecordedV1>>,
  ): Promise<void> {
    const d = event.data;
    const at = new Date(event.occurredAt);
    const { appointment, late } = await currentAppointment(manager, d.appointmentId, at);
    if (!appointment || late) return;
    await manager.update(
      ReminderAppointment,
      { appointmentId: d.appointmentId },
      { status: STATUS_FOR[d.outcome], lastEventAt: at },
    );
    await this.endReminders.forAppointment(manager, d.appointmentId, 'attendance_recorded');
  }
}
