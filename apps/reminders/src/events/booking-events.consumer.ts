import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  appointmentAttendanceRecordedV1,
  appointmentBookedV1,
  appointmentCancelledV1,
  appointmentHeldV1,
  appointmentHoldEndedV1,
  appointmentRebookNeededV1,
  appointmentRescheduledV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { RecordAppointmentBooked } from '../appointment/record-appointment-booked';
import { RecordAppointmentCancelled } from '../appointment/record-appointment-cancelled';
import { RecordAppointmentOffered } from '../appointment/record-appointment-offered';
import { RecordAppointmentRebookNeeded } from '../appointment/record-appointment-rebook-needed';
import { RecordAppointmentRescheduled } from '../appointment/record-appointment-rescheduled';
import { RecordAttendance } from '../appointment/record-attendance';
import { RecordOfferEnded } from '../appointment/record-offer-ended';
import { REMINDERS_SCHEMA } from '../reminders-schema';

type Env<D> = EventEnvelope<EventData<D>>;

/**
 * Booking's appointment events that change a reminder plan. Of holds, only those made for an in-reach
 * offer matter (the offer is texted); a hold by staff on the phone books nothing and is ignored, as
 * is its end. An overdue outcome changes no plan: with no handler here, the pipeline ignores it.
 * Each handler runs in the transaction that records the event in the inbox.
 */
@Controller()
export class BookingEventsConsumer {
  constructor(
    private readonly booked: RecordAppointmentBooked,
    private readonly rescheduled: RecordAppointmentRescheduled,
    private readonly cancelled: RecordAppointmentCancelled,
    private readonly rebookNeeded: RecordAppointmentRebookNeeded,
    private readonly attendance: RecordAttendance,
    private readonly offered: RecordAppointmentOffered,
    private readonly offerEnded: RecordOfferEnded,
  ) {}

  @ConsumeEvent(appointmentBookedV1, REMINDERS_SCHEMA)
  async onBooked(@Payload() event: Env<typeof appointmentBookedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.booked.execute(ctx.manager, event);
  }

  @ConsumeEvent(appointmentRescheduledV1, REMINDERS_SCHEMA)
  async onRescheduled(
    @Payload() event: Env<typeof appointmentRescheduledV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.rescheduled.execute(ctx.manager, event);
  }

  @ConsumeEvent(appointmentCancelledV1, REMINDERS_SCHEMA)
  async onCancelled(
    @Payload() event: Env<typeof appointmentCancelledV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.cancelled.execute(ctx.manager, event);
  }

  @ConsumeEvent(appointmentRebookNeededV1, REMINDERS_SCHEMA)
  async onRebookNeeded(
    @Payload() event: Env<typeof appointmentRebookNeededV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.rebookNeeded.execute(ctx.manager, event);
  }

  @ConsumeEvent(appointmentAttendanceRecordedV1, REMINDERS_SCHEMA)
  async onAttendanceRecorded(
    @Payload() event: Env<typeof appointmentAttendanceRecordedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.attendance.execute(ctx.manager, event);
  }

  @ConsumeEvent(appointmentHeldV1, REMINDERS_SCHEMA)
  async onHeld(@Payload() event: Env<typeof appointmentHeldV1>, @Ctx() ctx: EventContext): Promise<void> {
    const { offer } = event.data;
    if (offer) await this.offered.execute(ctx.manager, { ...event, data: { ...event.data, offer } });
  }

  @ConsumeEvent(appointmentHoldEndedV1, REMINDERS_SCHEMA)
  async onHoldEnded(
    @Payload() event: Env<typeof appointmentHoldEndedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.offerEnded.execute(ctx.manager, event);
  }
}
