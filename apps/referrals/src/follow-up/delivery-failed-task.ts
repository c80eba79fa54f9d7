import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, reminderDeliveryFailedV1 } from '@careloop/contracts';
import { CLOCK, endOfWorkingDay, type Clock } from '@careloop/time';
import { OpenTask } from '../task/open-task';
import { appointmentOfClient } from './follow-up-facts';
import { deliveryFailedSummary } from './follow-up-wording';

type DeliveryFailed = EventEnvelope<EventData<typeof reminderDeliveryFailedV1>>;

/**
 * A text did not reach the client, or may not have (reminder.delivery-failed.v1): the keyworker checks
 * the number, or with the client, by the end of the working day (a reminder that failed may be for an
 * appointment soon). Runs in the consumer's transaction after the SMS history was kept. One task per
 * text, whatever else is reported about it.
 */
@Injectable()
export class OpenDeliveryFailedTask {
  constructor(
    private readonly tasks: OpenTask,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, event: DeliveryFailed): Promise<void> {
    const { orgId, data } = event;
    const appointment = await appointmentOfClient(manager, {
      orgId,
      clientId: data.clientId,
      appointmentId: data.appointmentId,
    });
    await this.tasks.execute(
      manager,
      {
        cause: `delivery_failed:${data.messageId}`,
        type: 'sms_delivery_failed',
        orgId,
        clientId: data.clientId,
        referralId: appointment?.referralId ?? null,
        appointmentId: data.appointmentId,
        summary: deliveryFailedSummary(data.outcome, data.errorCode),
        priority: 'routine',
        dueAt: endOfWorkingDay(new Date(data.at), 0),
        assignTo: 'keyworker',
        detail: { messageId: data.messageId, outcome: data.outcome, errorCode: data.errorCode },
        causedBy: event.id,
      },
      this.clock.now(),
    );
  }
}
