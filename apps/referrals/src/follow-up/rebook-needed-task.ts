import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { appointmentRebookNeededV1, EventData, EventEnvelope } from '@careloop/contracts';
import { CLOCK, endOfWorkingDay, type Clock } from '@careloop/time';
import { OpenTask } from '../task/open-task';
import { rebookDetail } from './follow-up-facts';
import { rebookNeededSummary } from './follow-up-wording';

type RebookNeeded = EventEnvelope<EventData<typeof appointmentRebookNeededV1>>;

/**
 * An in-reach session was cancelled and booking found no other session for the client's appointment
 * (appointment.rebook-needed.v1): the keyworker rebooks with the client, by the end of the next working
 * day, high (the client may turn up to a session that is not running). With the rebook search, as for
 * a missed appointment. Runs in the consumer's transaction after the timeline entry was kept.
 *
 * One task per appointment and cancelled session (the fact the timeline also keeps once), so the same
 * fact published again, under a new event id and at another time, opens nothing more.
 */
@Injectable()
export class OpenRebookNeededTask {
  constructor(
    private readonly tasks: OpenTask,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, event: RebookNeeded): Promise<void> {
    const { orgId, data } = event;
    const appointment = {
      clientId: data.clientId,
      serviceType: data.serviceType,
      providerName: data.providerName,
      startsAt: new Date(data.startsAt),
    };
    await this.tasks.execute(
      manager,
      {
        cause: `rebook_needed:${data.appointmentId}:${data.inreachSessionId}`,
        type: 'rebook_needed',
        orgId,
        clientId: data.clientId,
        referralId: data.referralId,
        appointmentId: data.appointmentId,
        summary: rebookNeededSummary(appointment),
        priority: 'high',
        dueAt: endOfWorkingDay(new Date(event.occurredAt), 1),
        assignTo: 'keyworker',
        detail: { ...rebookDetail(appointment), inreachSessionId: data.inreachSessionId },
        causedBy: event.id,
      },
      this.clock.now(),
    );
  }
}
