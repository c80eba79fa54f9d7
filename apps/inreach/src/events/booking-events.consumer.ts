import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  appointmentAttendanceRecordedV1,
  appointmentBookedV1,
  appointmentCancelledV1,
  appointmentRescheduledV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { RecordAppointmentAttendance } from '../appointment/record-appointment-attendance';
import { RecordAppointmentBooked } from '../appointment/record-appointment-booked';
import { RecordAppointmentCancelled } from '../appointment/record-appointment-cancelled';
import { RecordAppointmentRescheduled } from '../appointment/record-appointment-rescheduled';
import { INREACH_SCHEMA } from '../inreach-schema';

type Env<D> = EventEnvelope<EventData<D>>;

/**
 * Booking's appointment events, kept for the appointments of in-reach sessions. Holds book nothing and
 * the other appointment events change nothing the day sheet shows: with no handler, they are ignored.
 * Each handler runs in the transaction that records the event in the inbox.
 */
@Controller()
export class BookingEventsConsumer {
  constructor(
    private readonly booked: RecordAppointmentBooked,
    private readonly rescheduled: RecordAppointmentRescheduled,
    private readonly cancelled: RecordAppointmentCancelled,
    private readonly attendance: RecordAppointmentAttendance,
  ) {}

  @ConsumeEvent(appointmentBookedV1, INREACH_SCHEMA)
  async onBooked(@Payload() event: Env<typeof appointmentBookedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.booked.execute(ctx.manager, event);
  }

  @ConsumeEvent(appointmentRescheduledV1, INREACH_SCHEMA)
  async onRescheduled(
    @Payload() event: Env<typeof appointmentRescheduledV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.rescheduled.execute(ctx.manager, event);
  }

  @ConsumeEvent(appointmentCancelledV1, INREACH_SCHEMA)
  async onCancelled(
    @Payload() event: Env<typeof appointmentCancelledV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.cancelled.execute(ctx.manager, event);
  }

  @ConsumeEvent(appointmentAttendanceRecordedV1, INREACH_SCHEMA)
  async onAttendanceRecorded(
    @Payload() event: Env<typeof appointmentAttendanceRecordedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.attendance.execute(ctx.manager, event);
  }
}
