import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { appointmentAttendanceRecordedV1, EventData, EventEnvelope } from '@careloop/contracts';
import { CLOCK, endOfWorkingDay, type Clock } from '@careloop/time';
import { ReferralError } from '../referral/referral.errors';
import { OpenTask } from '../task/open-task';
import { appointmentOfClient, priorityForReferral, rebookDetail } from './follow-up-facts';
import { dnaFollowUpSummary } from './follow-up-wording';
import { RaiseRepeatedNonAttendance } from './repeated-non-attendance';

type AttendanceRecorded = EventEnvelope<EventData<typeof appointmentAttendanceRecordedV1>>;

/**
 * The client missed the appointment (appointment.attendance-recorded.v1: did not attend, cancelled
 * late or left before being seen, which the referral all counts as not attended): their keyworker gets
 * a follow-up task, due the end of the next working day, high when the referral is urgent, carrying
 * what they need to rebook (service, provider, and the query for booking's ranked slot search). Then
 * a new did-not-attend counts towards the referral's repeated non-attendance (a late cancellation or
 * leaving early is engagement of a kind, and does not). Runs in the consumer's transaction after the
 * appointment copy was updated; attended opens nothing. One task per appointment however often the
 * outcome is reported.
 */
@Injectable()
export class OpenDnaFollowUp {
  constructor(
    private readonly tasks: OpenTask,
    private readonly repeated: RaiseRepeatedNonAttendance,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, event: AttendanceRecorded): Promise<void> {
    const { orgId, data } = event;
    if (data.outcome === 'attended') return;
    const appointment = await appointmentOfClient(manager, {
      orgId,
      clientId: data.clientId,
      appointmentId: data.appointmentId,
    });
    if (!appointment) {
      // The appointment consumer refuses such an event before this runs.
      throw new ReferralError('APPOINTMENT_NOT_FOUND', {
        detail: `No appointment ${data.appointmentId} booked`,
      });
    }
    const now = this.clock.now();
    const recordedAt = new Date(event.occurredAt);
    const { created } = await this.tasks.execute(
      manager,
      {
        cause: `dna:${data.appointmentId}`,
        type: 'dna_follow_up',
        orgId,
        clientId: data.clientId,
        referralId: data.referralId,
        appointmentId: data.appointmentId,
        summary: dnaFollowUpSummary(appointment, data.outcome),
        priority: await priorityForReferral(manager, data.referralId),
        dueAt: endOfWorkingDay(recordedAt, 1),
        assignTo: 'keyworker',
        detail: { ...rebookDetail(appointment) },
        causedBy: event.id,
      },
      now,
    );
    // Only a miss this service did not know of counts towards a review: a DNA reported again (re-sent,
    // or recorded again after a correction) finds its task and raises nothing, even once the last
    // review is done.
    if (created && data.referralId && data.outcome === 'did_not_attend') {
      await this.repeated.execute(
        manager,
        {
          eventId: event.id,
          orgId,
          clientId: data.clientId,
          referralId: data.referralId,
          appointmentId: data.appointmentId,
          recordedAt,
        },
        now,
      );
    }
  }
}
