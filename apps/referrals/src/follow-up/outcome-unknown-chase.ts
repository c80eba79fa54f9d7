import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { appointmentOutcomeOverdueV1, EventData, EventEnvelope } from '@careloop/contracts';
import { CLOCK, endOfWorkingDay, type Clock } from '@careloop/time';
import { ReferralError } from '../referral/referral.errors';
import { OpenTask } from '../task/open-task';
import { appointmentOfClient, priorityForReferral } from './follow-up-facts';
import { outcomeUnknownSummary } from './follow-up-wording';

type OutcomeOverdue = EventEnvelope<EventData<typeof appointmentOutcomeOverdueV1>>;

/**
 * Nobody recorded whether the client attended (appointment.outcome-overdue.v1): the keyworker chases
 * it (ask the provider, ask the client), by the end of the next working day; high when the referral
 * is urgent. Runs in the consumer's transaction after the appointment copy was updated. One task per
 * appointment; an attendance recorded later closes nothing (a person does).
 */
@Injectable()
export class ChaseOutcomeUnknown {
  constructor(
    private readonly tasks: OpenTask,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, event: OutcomeOverdue): Promise<void> {
    const { orgId, data } = event;
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
    await this.tasks.execute(
      manager,
      {
        cause: `outcome_unknown:${data.appointmentId}`,
        type: 'outcome_unknown',
        orgId,
        clientId: data.clientId,
        referralId: data.referralId,
        appointmentId: data.appointmentId,
        summary: outcomeUnknownSummary(appointment),
        priority: await priorityForReferral(manager, data.referralId),
        dueAt: endOfWorkingDay(new Date(event.occurredAt), 1),
        assignTo: 'keyworker',
        detail: {
          serviceType: appointment.serviceType,
          providerName: appointment.providerName,
          appointmentStartsAt: appointment.startsAt.toISOString(),
          endedAt: data.endedAt,
        },
        causedBy: event.id,
      },
      this.clock.now(),
    );
  }
}
