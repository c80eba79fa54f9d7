import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { clientSmsOptedOutV1, EventData, EventEnvelope } from '@careloop/contracts';
import { CLOCK, endOfWorkingDay, type Clock } from '@careloop/time';
import { OpenTask } from '../task/open-task';
import { optedOutSummary } from './follow-up-wording';

type OptedOut = EventEnvelope<EventData<typeof clientSmsOptedOutV1>>;

/**
 * The client texted an opt-out word (client.sms-opted-out.v1): no more reminders reach them, so their
 * keyworker talks to them about how to keep in touch, by the end of the next working day. Runs in the
 * consumer's transaction after consent was withdrawn. One task per opt-out text (the client and when
 * it was received), however often it is reported.
 */
@Injectable()
export class OpenOptedOutTask {
  constructor(
    private readonly tasks: OpenTask,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, event: OptedOut): Promise<void> {
    const { orgId, data } = event;
    const receivedAt = new Date(data.receivedAt);
    await this.tasks.execute(
      manager,
      {
        // The instant, not the text of the timestamp: one moment written with another offset is the same.
        cause: `opted_out:${data.clientId}:${receivedAt.toISOString()}`,
        type: 'sms_opted_out',
        orgId,
        clientId: data.clientId,
        referralId: null,
        appointmentId: null,
        summary: optedOutSummary(data.keyword),
        priority: 'routine',
        dueAt: endOfWorkingDay(receivedAt, 1),
        assignTo: 'keyworker',
        detail: { keyword: data.keyword, receivedAt: receivedAt.toISOString() },
        causedBy: event.id,
      },
      this.clock.now(),
    );
  }
}
