import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail, type AuditActor } from '@careloop/auth';
import type { EventData, EventEnvelope, ReplyIntent, smsReplyReceivedV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { Appointment } from '../appointment/appointment.entity';
import { SMS_REPLY_USER } from '../appointment/appointment-events';
import { bookLiveHold } from '../appointment/book-live-hold';
import { declineOfferHold } from '../appointment/end-holds';
import { lockAppointment, type AppointmentInSlot } from '../appointment/load-appointment';
import { waitsOnWaitingList } from '../awaiting-booking/awaiting-statuses';
import { ReferralAwaitingBooking } from '../awaiting-booking/referral-awaiting-booking.entity';

type ReplyReceived = EventEnvelope<EventData<typeof smsReplyReceivedV1>>;

export type SmsAnswer = 'booked' | 'declined' | 'ignored';

/** The replies that answer an offer: YES takes it, NO (or "can't") turns it down. */
const ANSWERS: Partial<Record<ReplyIntent, Exclude<SmsAnswer, 'ignored'>>> = {
  confirm: 'booked',
  rebook: 'declined',
};

/**
 * The client's SMS reply to an in-reach offer text (sms.reply-received.v1 naming the held
 * appointment), in the consumer's transaction. On a live offer hold of the same client: YES books the
 * seat exactly as a keyworker's confirmation does (bookLiveHold, bookedBy `system:sms-reply`), NO ends
 * the hold `declined` so the seat goes to the next client. Anything else (another intent, no or an
 * unknown appointment, another organisation's or client's, a hold that is not an offer's, has lapsed
 * or has ended, a slot withdrawn meanwhile, a YES for a referral no longer sent or accepted) changes
 * nothing: the keyworker sees every reply on the timeline anyway.
 * The appointment is locked as every change locks it (its slot, then the row), so a YES racing the
 * keyworker's release or the timer's expiry finds the hold as the other left it.
 */
@Injectable()
export class AnswerOfferBySms {
  private readonly logger: Logger;

  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: AnswerOfferBySms.name });
  }

  async execute(manager: EntityManager, event: ReplyReceived): Promise<SmsAnswer> {
    const { replyId, appointmentId, clientId, intent } = event.data;
    const fields = { replyId, appointmentId, intent, orgId: event.orgId };
    const answer = ANSWERS[intent];
    if (!answer || !appointmentId) return this.ignored(fields, 'not an answer to an offer');
    const now = this.clock.now();
    const found = await manager.findOneBy(Appointment, { id: appointmentId });
    if (!found) return this.ignored(fields, 'no such appointment');
    if (found.orgId !== event.orgId) return this.ignored(fields, "another organisation's appointment");
    // A YES books only for a referral still waiting: its row first, shared, as holding the offer's seat
    // locks it, so a status change ending the offer either committed (and ended the hold) or waits.
    const referral = answer === 'booked' ? await lockedReferral(manager, found) : null;
    const locked = await lockAppointment(manager, appointmentId);
    if (!locked) return this.ignored(fields, 'no such appointment');
    const why = notAnswerable(locked, clientId, now);
    if (why) return this.ignored(fields, why);
    if (answer === 'booked' && !(referral && waitsOnWaitingList(referral.status))) {
      return this.ignored(fields, `the referral is ${referral?.status ?? 'unknown'}, no longer waiting`);
    }

    const by: AuditActor = { userId: SMS_REPLY_USER, orgId: locked.appointment.orgId, roles: [] };
    const deps = { outbox: this.outbox, audit: this.audit };
    if (answer === 'booked') await bookLiveHold(manager, deps, locked, by, {}, now);
    else await declineOfferHold(manager, deps, appointmentId, by, now);
    this.logger.info({ ...fields, offerId: locked.appointment.offerId, answer }, 'offer answered by sms');
    return answer;
  }

  private ignored(fields: Record<string, unknown>, why: string): SmsAnswer {
    this.logger.info({ ...fields, why }, 'sms reply left to the keyworker: no offer hold to answer');
    return 'ignored';
  }
}

/** The appointment's referral, as booking knows it, locked FOR SHARE until the transaction ends. */
function lockedReferral(
  manager: EntityManager,
  appointment: Pick<Appointment, 'referralId' | 'orgId'>,
): Promise<ReferralAwaitingBooking | null> {
  if (!appointment.referralId) return Promise.resolve(null);
  return manager.findOne(ReferralAwaitingBooking, {
    where: { referralId: appointment.referralId, orgId: appointment.orgId },
    lock: { mode: 'pessimistic_read' },
  });
}

/** Why an SMS reply cannot answer this appointment as an offer, or null when it can. */
function notAnswerable({ appointment, slot }: AppointmentInSlot, clientId: string, now: Date): string | null {
  if (appointment.clientId !== clientId) return "another client's appointment";
  if (!appointment.offerId) return 'not an offer hold';
  if (appointment.status !== 'held') return `the offer's appointment is ${appointment.status}`;
  if (appointment.holdExpiresAt!.getTime() <= now.getTime()) return 'the offer hold has lapsed';
  if (slot.status === 'withdrawn') return 'the slot was withdrawn';
  return null;
}
