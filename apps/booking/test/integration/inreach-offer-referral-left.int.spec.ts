import { AuditTrail } from '@careloop/auth';
import { appointmentBookedV1, appointmentHeldV1, appointmentHoldEndedV1 } from '@careloop/contracts';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody } from '../../src/appointment/appointment.dto';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import type { OfferOutcome } from '../../src/inreach/hold-offered-seat';
import { appointmentsAt } from '../support/appointment-use-cases';
import { useBookingDatabase } from '../support/booking-database';
import { aPrincipal, RIVERSIDE_CDAS } from '../support/booking-fixtures';
import { offerArrangement, offerMade, referralStatusChanged, smsReply } from '../support/inreach-offers';
import { racingForLockedSlots } from '../support/racing-for-locked-slots';

const OFFERS = { kind: 'system', id: 'system:inreach-offer' };

/**
 * An in-reach offer's hold when its referral stops waiting (closed, rejected, booked elsewhere...), on
 * real Postgres: booking's consumer of referral.status-changed.v1 gives the seat back in the same
 * transaction, so in-reach offers it to the next client and a late YES books nothing.
 */
describe('an in-reach offer whose referral stops waiting', () => {
  const db = useBookingDatabase('booking_inreach_offer_referral_left', { poolSize: 10 });
  const clock = new ManualClock('2030-01-07T09:00:00Z');
  const keyworker = aPrincipal({ orgId: RIVERSIDE_CDAS });
  const world = offerArrangement(db, clock);

  beforeEach(() => clock.set('2030-01-07T09:00:00Z'));

  const useCases = () => appointmentsAt(db.dataSource, clock);
  const view = (appointmentId: string) => useCases().get.execute(keyworker, appointmentId);
  const eventTypes = async (appointmentId: string) =>
    (await world.eventsAbout(appointmentId)).map((e) => e.type);

  it('gives the seat back when the referral is closed, naming the offer, so the next client can have it', async () => {
    const hold = await world.anOfferHold();
    await world.statusChanged(referralStatusChanged(hold.client, 'closed'));

    expect(await view(hold.id)).toMatchObject({ status: 'hold_ended', offerId: hold.offerId });
    expect(await world.takenOf(hold.slot.id)).toBe(0);
    const [, ended, ...more] = await world.eventsAbout(hold.id);
    expect(more).toEqual([]);
    expect(ended).toMatchObject({ type: appointmentHoldEndedV1.type, actor: OFFERS, orgId: RIVERSIDE_CDAS });
    expect(appointmentHoldEndedV1.data.parse(ended!.data)).toEqual({
      appointmentId: hold.id,
      clientId: hold.client.clientId,
      referralId: hold.client.referralId,
      slotId: hold.slot.id,
      reason: 'released',
      inreachSessionId: hold.session.sessionId,
      offerId: hold.offerId,
    });
    const audit = await new AuditTrail().forClient(
      db.dataSource.manager,
      BOOKING_SCHEMA,
      hold.client.clientId,
    );
    expect(audit.at(-1)).toMatchObject({
      action: 'update',
      actorUserId: 'system:inreach-offer',
      actorOrgId: RIVERSIDE_CDAS,
      subjectId: hold.id,
      details: { status: 'hold_ended', reason: 'released' },
    });

    // The same change delivered again (a new event id) ends nothing more.
    await world.statusChanged(referralStatusChanged(hold.client, 'closed'));
    expect(await eventTypes(hold.id)).toEqual([appointmentHeldV1.type, appointmentHoldEndedV1.type]);
    // The client's YES afterwards books nothing; the seat goes to the next client's offer.
    expect(await world.answer(smsReply({ ...hold.client, appointmentId: hold.id }, 'confirm'))).toBe(
      'ignored',
    );
    expect(await view(hold.id)).toMatchObject({ status: 'hold_ended' });
    const next = offerMade(hold.session, await world.aReferredClient());
    expect(await world.offer(next)).toMatchObject({ kind: 'held', slotId: hold.slot.id });
  });

  it('ends the offer whatever took the referral off the waiting list', async () => {
    for (const status of ['booked', 'rejected', 'completed'] as const) {
      const hold = await world.anOfferHold();
      await world.statusChanged(referralStatusChanged(hold.client, status));
      expect(await view(hold.id)).toMatchObject({ status: 'hold_ended' });
      expect(await world.takenOf(hold.slot.id)).toBe(0);
    }
  });

  it('keeps an accepted referral’s offer, a booked offer, a staff hold, a lapsed hold and other referrals’ offers', async () => {
    const accepted = await world.anOfferHold();
    await world.statusChanged(referralStatusChanged(accepted.client, 'accepted'));
    expect(await view(accepted.id)).toMatchObject({ status: 'held' });

    // Taken by the client's YES: the referral then moves to booked, and the booking stays.
    const taken = await world.anOfferHold();
    expect(await world.answer(smsReply({ ...taken.client, appointmentId: taken.id }, 'confirm'))).toBe(
      'booked',
    );
    await world.statusChanged(referralStatusChanged(taken.client, 'booked'));
    expect(await view(taken.id)).toMatchObject({ status: 'booked' });
    expect(await eventTypes(taken.id)).toEqual([appointmentHeldV1.type, appointmentBookedV1.type]);

    // A keyworker's own hold for the referral, on the phone with the client: theirs to give back.
    const { slots } = await world.published();
    const phoned = await world.aReferredClient();
    const { result: staffHold } = await useCases().hold.execute(
      keyworker,
      bookAppointmentBody.parse({
        slotId: slots[0]!.id,
        clientId: phoned.clientId,
        referralId: phoned.referralId,
      }),
      undefined,
    );
    await world.statusChanged(referralStatusChanged(phoned, 'closed'));
    expect(await view(staffHold.id)).toMatchObject({ status: 'held', offerId: null });
    expect(await view(accepted.id)).toMatchObject({ status: 'held' });

    // A hold that lapsed is the timer's to end, as expired.
    const lapsed = await world.anOfferHold();
    clock.set('2030-01-08T22:00:00Z');
    await world.statusChanged(referralStatusChanged(lapsed.client, 'closed'));
    expect(await view(lapsed.id)).toMatchObject({ status: 'held' });
    await useCases().expire.run(clock.now());
    const [, ended] = await world.eventsAbout(lapsed.id);
    expect(appointmentHoldEndedV1.data.parse(ended!.data)).toMatchObject({
      reason: 'expired',
      offerId: lapsed.offerId,
    });
  });

  it('never leaves a live hold when the referral closes while its offer is being held', async () => {
    const { session, slots } = await world.published({ seatsPerSlot: 1 });
    const client = await world.aReferredClient();
    const offer = offerMade(session, client);
    // The offer has the referral and waits for the slots; the status change waits for the referral.
    const [outcome] = await racingForLockedSlots<OfferOutcome | void>(
      db,
      session.sessionId,
      [() => world.offer(offer), () => world.statusChanged(referralStatusChanged(client, 'closed'))],
      { inTurn: true },
    );

    expect(outcome).toMatchObject({ kind: 'held' });
    const appointmentId = outcome && 'appointmentId' in outcome ? outcome.appointmentId : '';
    expect(await view(appointmentId)).toMatchObject({ status: 'hold_ended', offerId: offer.data.offerId });
    expect(await eventTypes(appointmentId)).toEqual([appointmentHeldV1.type, appointmentHoldEndedV1.type]);
    for (const slot of slots) expect(await world.takenOf(slot.id)).toBe(0);
  });
});
