import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  appointmentAttendanceRecordedV1,
  appointmentBookedV1,
  appointmentCancelledV1,
  appointmentHeldV1,
  appointmentHoldEndedV1,
  appointmentOutcomeOverdueV1,
  appointmentRebookNeededV1,
  appointmentRescheduledV1,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { ConsumeEvent, EventContext } from '@careloop/messaging';
import { RecordOfferEvent } from '../care-events/record-offer-event';
import { RecordRebookNeeded } from '../care-events/record-rebook-needed';
import { OpenDnaFollowUp } from '../follow-up/dna-follow-up';
import { OpenOfferUntextableTask } from '../follow-up/offer-untextable-task';
import { ChaseOutcomeUnknown } from '../follow-up/outcome-unknown-chase';
import { OpenRebookNeededTask } from '../follow-up/rebook-needed-task';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { RecordAppointmentEvent } from '../referral/record-appointment-event';

type Env<D> = EventEnvelope<EventData<D>>;

/**
 * Booking's appointment events, which close the referral loop; its word that an appointment in a
 * cancelled in-reach session needs rebooking; and the holds it makes for in-reach offers and their
 * ends (the last two shown on the timeline, no referral moved). A missed appointment, one with no
 * outcome, a rebook needed and an offer the client cannot be texted about also open the keyworker's
 * follow-up task, after the event was applied.
 * Parses nothing itself (the pipeline validated each contract); each handler runs in the transaction
 * that records the event in the inbox.
 */
@Controller()
export class BookingEventsConsumer {
  constructor(
    private readonly record: RecordAppointmentEvent,
    private readonly rebookNeeded: RecordRebookNeeded,
    private readonly offers: RecordOfferEvent,
    private readonly dnaFollowUp: OpenDnaFollowUp,
    private readonly outcomeChase: ChaseOutcomeUnknown,
    private readonly rebookTask: OpenRebookNeededTask,
    private readonly offerTask: OpenOfferUntextableTask,
  ) {}

  @ConsumeEvent(appointmentBookedV1, REFERRALS_SCHEMA)
  async onBooked(@Payload() event: Env<typeof appointmentBookedV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.record.execute(ctx.manager, { kind: 'booked', event });
  }

  @ConsumeEvent(appointmentRescheduledV1, REFERRALS_SCHEMA)
  async onRescheduled(
    @Payload() event: Env<typeof appointmentRescheduledV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.record.execute(ctx.manager, { kind: 'rescheduled', event });
  }

  @ConsumeEvent(appointmentCancelledV1, REFERRALS_SCHEMA)
  async onCancelled(
    @Payload() event: Env<typeof appointmentCancelledV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.record.execute(ctx.manager, { kind: 'cancelled', event });
  }

  @ConsumeEvent(appointmentAttendanceRecordedV1, REFERRALS_SCHEMA)
  async onAttendanceRecorded(
    @Payload() event: Env<typeof appointmentAttendanceRecordedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.record.execute(ctx.manager, { kind: 'attendance-recorded', event });
    await this.dnaFollowUp.execute(ctx.manager, event);
  }

  @ConsumeEvent(appointmentOutcomeOverdueV1, REFERRALS_SCHEMA)
  async onOutcomeOverdue(
    @Payload() event: Env<typeof appointmentOutcomeOverdueV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.record.execute(ctx.manager, { kind: 'outcome-overdue', event });
    await this.outcomeChase.execute(ctx.manager, event);
  }

  @ConsumeEvent(appointmentRebookNeededV1, REFERRALS_SCHEMA)
  async onRebookNeeded(
    @Payload() event: Env<typeof appointmentRebookNeededV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.rebookNeeded.execute(ctx.manager, event);
    await this.rebookTask.execute(ctx.manager, event);
  }

  /**
   * Only a hold made for an in-reach offer is kept (a staff hold on the phone is not shown); an offer
   * the client cannot be texted about also becomes their keyworker's task.
   */
  @ConsumeEvent(appointmentHeldV1, REFERRALS_SCHEMA)
  async onHeld(@Payload() event: Env<typeof appointmentHeldV1>, @Ctx() ctx: EventContext): Promise<void> {
    await this.offers.execute(ctx.manager, { kind: 'held', event });
    await this.offerTask.execute(ctx.manager, event);
  }

  @ConsumeEvent(appointmentHoldEndedV1, REFERRALS_SCHEMA)
  async onHoldEnded(
    @Payload() event: Env<typeof appointmentHoldEndedV1>,
    @Ctx() ctx: EventContext,
  ): Promise<void> {
    await this.offers.execute(ctx.manager, { kind: 'hold-ended', event });
  }
}
