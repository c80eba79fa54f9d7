import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import {
  appointmentOfferUnplacedV1,
  type EventData,
  type EventEnvelope,
  type inreachOfferMadeV1,
  type OFFER_UNPLACED_REASONS,
} from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER } from '@careloop/runtime';
import { CLOCK, type Clock } from '@careloop/time';
import { bookAppointmentBody } from '../appointment/appointment.dto';
import { Appointment } from '../appointment/appointment.entity';
import { AppointmentError } from '../appointment/appointment.errors';
import { eventActor, INREACH_OFFER_USER } from '../appointment/appointment-events';
import { endLapsedHolds } from '../appointment/end-holds';
import { placeAppointment } from '../appointment/place-appointment';
import { isSeatConflict } from '../appointment/seat-conflict';
import { waitsOnWaitingList } from '../awaiting-booking/awaiting-statuses';
import { ReferralAwaitingBooking } from '../awaiting-booking/referral-awaiting-booking.entity';
import { BookingClient } from '../client/booking-client.entity';
import { lockSlots } from '../slot/lock-slots';
import type { Slot } from '../slot/slot.entity';
import { InreachError } from './inreach.errors';
import { inOfferOrder } from './offer-slot-choice';

type OfferMade = EventEnvelope<EventData<typeof inreachOfferMadeV1>>;
type Offer = OfferMade['data'];
export type OfferUnplacedReason = (typeof OFFER_UNPLACED_REASONS)[number];

export type OfferOutcome =
  | { kind: 'held'; appointmentId: string; slotId: string }
  | { kind: 'already_held'; appointmentId: string }
  | { kind: 'unplaced'; reason: OfferUnplacedReason };

const TRY = 'offer_seat_try';

/**
 * Holds one seat of an in-reach session for the client an offer names (inreach.offer-made.v1), in
 * the consumer's transaction, until the offer expires: the seat is taken for everyone else, so a
 * client who says yes gets it, and the hold's expiry is the offer's (ADR 24). The referral's row is
 * locked (shared) first, so a status change ending its offers queues with the hold; then the
 * session's slots, in id order as every seat change locks them, so two offers or an offer and a staff
 * booking for its last seat queue, and the second finds it taken. Refused with
 * appointment.offer-unplaced.v1 when booking has not heard of the client or referral yet, the
 * referral no longer waits (not sent or accepted), the session is unknown or withdrawn, the offer has
 * expired or every open slot starts before it would, the client already has a live seat in the
 * session, or no seat is free. An offer sent under another organisation than the host's is
 * dead-lettered. The seat is placed as staff place one (placeAppointment: audit entry,
 * appointment.held.v1 with `offer`), by booking's system user for the host; a slot inside the
 * client's usual attendance window is preferred, else the earliest. A redelivered offer, under any
 * event id, holds nothing more: its hold is found under the locks, and `offer_id` is unique.
 */
@Injectable()
export class HoldOfferedSeat {
  private readonly logger: Logger;

  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ context: HoldOfferedSeat.name });
  }

  async execute(manager: EntityManager, event: OfferMade): Promise<OfferOutcome> {
    const offer = event.data;
    if (event.orgId !== offer.hostOrgId) {
      throw new InreachError('OFFER_NOT_FROM_HOST', {
        detail: `Offer ${offer.offerId} came from ${event.orgId}, not the session's host ${offer.hostOrgId}`,
        extensions: { offerId: offer.offerId, orgId: event.orgId, hostOrgId: offer.hostOrgId },
      });
    }
    const now = this.clock.now();
    const outcome = await this.hold(manager, offer, now);
    if (outcome.kind === 'unplaced') {
      await this.outbox.add(manager, appointmentOfferUnplacedV1, {
        subjectId: offer.offerId,
        orgId: offer.hostOrgId,
        actor: eventActor(INREACH_OFFER_USER),
        occurredAt: now,
        data: {
          offerId: offer.offerId,
          sessionId: offer.sessionId,
          clientId: offer.clientId,
          reason: outcome.reason,
        },
      });
    }
    this.logger.info(
      { offerId: offer.offerId, sessionId: offer.sessionId, ...outcome },
      'in-reach offer handled',
    );
    return outcome;
  }

  private async hold(manager: EntityManager, offer: Offer, now: Date): Promise<OfferOutcome> {
    // The referral's row before the slots, as a status change locks them (releaseOffersOfReferral).
    const offered = await offeredReferral(manager, offer);
    if (!offered) return { kind: 'unplaced', reason: 'client_unknown' };
    const slots = await lockSlots(manager, { inreachSessionId: offer.sessionId, orgId: offer.hostOrgId });
    // Read under the locks, so a delivery of the same offer running at once has committed by now.
    const existing = await manager.findOneBy(Appointment, { offerId: offer.offerId });
    if (existing) return { kind: 'already_held', appointmentId: existing.id };
    if (!waitsOnWaitingList(offered.referral.status))
      return { kind: 'unplaced', reason: 'referral_not_waiting' };
    return this.place(manager, offer, slots, offered.client, now);
  }

  private async place(
    manager: EntityManager,
    offer: Offer,
    slots: Slot[],
    client: BookingClient,
    now: Date,
  ): Promise<OfferOutcome> {
    const expiresAt = new Date(offer.expiresAt);
    const candidates = candidateSlots(slots, expiresAt, now);
    if (!Array.isArray(candidates)) return { kind: 'unplaced', reason: candidates.refused };
    if (await hasLiveSeat(manager, offer.clientId, slots, now)) {
      return { kind: 'unplaced', reason: 'client_already_in_session' };
    }
    const deps = { outbox: this.outbox, audit: this.audit };
    // A seat whose hold lapsed is free now, before the timer ends it (as for any booking).
    const lapsed = await endLapsedHolds(
      manager,
      deps,
      candidates.map((s) => s.id),
      now,
    );
    for (const slot of candidates) slot.taken -= lapsed.filter((h) => h.slotId === slot.id).length;
    const free = candidates.filter((s) => s.taken < s.capacity);
    for (const slot of inOfferOrder(free, client.attendancePattern)) {
      const held = await this.tryToHold(manager, offer, slot, now);
      if (held) return { kind: 'held', appointmentId: held, slotId: slot.id };
    }
    return { kind: 'unplaced', reason: 'no_free_seat' };
  }

  /**
   * Holds a seat of one slot for the offer, as staff hold one (placeAppointment), under a savepoint:
   * the slot was counted free under its lock, so only a miscount finds it full; that try is rolled
   * back and answered null, and the next slot is tried.
   */
  private async tryToHold(
    manager: EntityManager,
    offer: Offer,
    slot: Slot,
    now: Date,
  ): Promise<string | null> {
    const body = bookAppointmentBody.parse({
      slotId: slot.id,
      clientId: offer.clientId,
      referralId: offer.referralId,
    });
    const placement = {
      kind: 'offered' as const,
      offerId: offer.offerId,
      expiresAt: new Date(offer.expiresAt),
    };
    const deps = { outbox: this.outbox, audit: this.audit };
    await manager.query(`SAVEPOINT ${TRY}`);
    try {
      const { appointment } = await placeAppointment(
        manager,
        deps,
        offerHolder(offer.hostOrgId),
        body,
        placement,
        now,
      );
      await manager.query(`RELEASE SAVEPOINT ${TRY}`);
      return appointment.id;
    } catch (error) {
      await manager.query(`ROLLBACK TO SAVEPOINT ${TRY}`);
      await manager.query(`RELEASE SAVEPOINT ${TRY}`);
      const full =
        isSeatConflict(error) || (error instanceof AppointmentError && error.code === 'SLOT_ALREADY_BOOKED');
      if (full) return null;
      throw error;
    }
  }
}

/**
 * The session's open slots that start no earlier than the offer expires (a hold never outlives its
 * slot's start), or why there are none: no slots (unknown), every slot not yet ended withdrawn, the
 * offer already expired or every open slot starting before it would (too late).
 */
function candidateSlots(
  slots: Slot[],
  expiresAt: Date,
  now: Date,
): Slot[] | { refused: OfferUnplacedReason } {
  if (slots.length === 0) return { refused: 'session_unknown' };
  const ahead = slots.filter((s) => s.endsAt.getTime() > now.getTime());
  if (ahead.length > 0 && ahead.every((s) => s.status === 'withdrawn')) {
    return { refused: 'session_withdrawn' };
  }
  if (expiresAt.getTime() <= now.getTime()) return { refused: 'too_late' };
  const open = ahead.filter((s) => s.status === 'open' && s.startsAt.getTime() >= expiresAt.getTime());
  return open.length > 0 ? open : { refused: 'too_late' };
}

/** A booking, or a hold that has not lapsed, of the client in any slot of the session. */
async function hasLiveSeat(
  manager: EntityManager,
  clientId: string,
  slots: readonly Slot[],
  now: Date,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM "booking"."appointment"
      WHERE "client_id" = $1 AND "slot_id" = ANY($2::uuid[])
        AND ("status" = 'booked' OR ("status" = 'held' AND "hold_expires_at" > $3))
      LIMIT 1`,
    [clientId, slots.map((s) => s.id), now],
  );
  return rows.length > 0;
}

/**
 * The offer's client and referral, as booking knows them for the host, the referral's row locked
 * FOR SHARE until the transaction ends: a status change waits for the hold to commit (and then
 * releases it), or the hold waits and reads the new status. Both come from referrals' events, which
 * may reach booking after in-reach offered: null then, never guessed (in-reach tries again soon).
 */
async function offeredReferral(
  manager: EntityManager,
  offer: Offer,
): Promise<{ client: BookingClient; referral: ReferralAwaitingBooking } | null> {
  const referral = await manager.findOne(ReferralAwaitingBooking, {
    where: { referralId: offer.referralId, orgId: offer.hostOrgId },
    lock: { mode: 'pessimistic_read' },
  });
  if (referral?.clientId !== offer.clientId) return null;
  const client = await manager.findOneBy(BookingClient, { clientId: offer.clientId, orgId: offer.hostOrgId });
  return client ? { client, referral } : null;
}

/** Booking's system user holding offers, acting for the host CDAS (whose slots the session's are). */
function offerHolder(hostOrgId: string): Principal {
  return {
    userId: INREACH_OFFER_USER,
    name: 'In-reach offers',
    roles: [],
    orgId: hostOrgId,
    orgKind: 'cdas',
    siteIds: [],
  };
}
