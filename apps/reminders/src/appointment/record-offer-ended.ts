import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  holdEndReasonOf,
  type EventData,
  type EventEnvelope,
  type HoldEndReason,
  type appointmentHoldEndedV1,
} from '@careloop/contracts';
import { EndScheduledReminders, type EndReason } from '../plan/end-scheduled-reminders';
import { currentAppointment } from './current-appointment';
import { ReminderAppointment } from './reminder-appointment.entity';

const END_REASON: Record<HoldEndReason, EndReason> = {
  declined: 'offer_declined',
  expired: 'offer_expired',
  released: 'offer_released',
};

/**
 * The hold of an offered appointment ended unbooked (the client said no, it lapsed, or staff let it
 * go): the appointment ends ('offer_ended') and its offer text, if still scheduled, is cancelled with
 * the reason. The version stays: nothing was re-planned. A hold reminders never kept (staff on the
 * phone), or an offer already booked or ended, changes nothing.
 */
@Injectable()
export class RecordOfferEnded {
  constructor(private readonly endReminders: EndScheduledReminders) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof appointmentHoldEndedV1>>,
  ): Promise<void> {
    const d = event.data;
    const at = new Date(event.occurredAt);
    const { appointment, late } = await currentAppointment(manager, d.appointmentId, at);
    if (!appointment || late || appointment.status !== 'offered') return;
    await manager.update(
      ReminderAppointment,
      { appointmentId: d.appointmentId },
      { status: 'offer_ended', lastEventAt: at },
    );
    await this.endReminders.forAppointment(manager, d.appointmentId, END_REASON[holdEndReasonOf(d)]);
  }
}
