import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  appointmentAttendanceRecordedV1,
  appointmentBookedV1,
  appointmentCancelledV1,
  appointmentHeldV1,
  appointmentHoldEndedV1,
  appointmentRescheduledV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { RecordAppointmentAttendance } from '../appointment/record-appointment-attendance';
import { RecordAppointmentBooked } from '../appointment/record-appointment-booked';
import { RecordAppointmentCancelled } from '../appointment/record-appointment-cancelled';
import { RecordAppointmentHeld } from '../appointment/record-appointment-held';
import { RecordAppointmentHoldEnded } from '../appointment/record-appointment-hold-ended';
import { RecordAppointmentRescheduled } from '../appointment/record-appointment-rescheduled';
import { INREACH_SCHEMA } from '../inreach-schema';

type Env<D> = EventEnvelope<EventData<D>>;

/**
 * Booking's appointment events, kept for the appointments of in-reach sessions: booked ones for the day
 * sheet and the evidence, held ones as seats taken, and what became of in-reach's offers. The other
 * appointment events change nothing here: with no handler, they are ignored. Each handler runs in the
 * transaction that records the event in the inbox.
 */
@Controller()
export class BookingEventsConsumer {
  constructor(
    private readonly booked: RecordAppointmentBooked,
    private readonly rescheduled: RecordAppointmentRescheduled,
    private readonly cancelled: RecordAppointmentCancelled,
    private readonly attendance: RecordAppointmentAttendance,
    private readonly held: RecordAppointmentHeld,
    private readonly holdEnded: RecordAppointmentHoldEnded,
  ) {}

  @ConsumeEvent(appointmentHeldV1, INREACH_SCHEMA)
  async onHeld(@Payload() event: Env<typeof appointmentHeldV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.held.execute(ctx.manager, event);
  }

  @ConsumeEvent(appointmentHoldEndedV1, INREACH_SCHEMA)
  async onHoldEnded(
    @Payload() event: Env<typeof appointmentHoldEndedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.holdEnded.execute(ctx.manager, event);
  }

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
