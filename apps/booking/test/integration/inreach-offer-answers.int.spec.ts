import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@careloop/auth';
import {
  appointmentBookedV1,
  appointmentHeldV1,
  appointmentHoldEndedV1,
  type ReplyIntent,
} from '@careloop/contracts';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody } from '../../src/appointment/appointment.dto';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { appointmentsAt } from '../support/appointment-use-cases';
import { useBookingDatabase } from '../support/booking-database';
import { aPrincipal, RIVERSIDE_CDAS } from '../support/booking-fixtures';
import { offerArrangement, offerMade, referralStatusChanged, smsReply } from '../support/inreach-offers';

const SMS_REPLY = { kind: 'system', id: 'system:sms-reply' };

/**
 * Answering an in-reach offer's hold, on real Postgres: the client's YES or NO by SMS
 * (sms.reply-received.v1), the keyworker's confirmation or release through booking's existing use
 * cases, and the offer lapsing. Only a live offer hold of the same client is answered by a text.
 */
describe('answering an in-reach offer', () => {
  const db = useBookingDatabase('booking_inreach_offer_answers');
  const clock = new ManualClock('2030-01-07T09:00:00Z');
  const keyworker = aPrincipal({ orgId: RIVERSIDE_CDAS });
  const world = offerArrangement(db, clock);

  beforeEach(() => clock.set('2030-01-07T09:00:00Z'));

  const useCases = () => appointmentsAt(db.dataSource, clock);
  const view = (appointmentId: string) => useCases().get.execute(keyworker, appointmentId);

  const anOfferHold = world.anOfferHold;

  const reply = (
    hold: { id: string; client: { clientId: string; orgId: string } },
    intent: ReplyIntent,
    appointmentId: string | null = hold.id,
  ) => world.answer(smsReply({ ...hold.client, appointmentId }, intent));

  const eventTypes = async (appointmentId: string) =>
    (await world.eventsAbout(appointmentId)).map((e) => e.type);

  it('books the seat when the client replies YES, as a keyworker’s confirmation does', async () => {
    const hold = await anOfferHold();
    expect(await reply(hold, 'confirm')).toBe('booked');

    expect(await view(hold.id)).toMatchObject({
      status: 'booked',
      slotId: hold.slot.id,
      holdExpiresAt: null,
      offerId: hold.offerId,
      bookedBy: 'system:sms-reply',
      bookedAt: '2030-01-07T09:00:00.000Z',
    });
    expect(await world.takenOf(hold.slot.id)).toBe(1);
    const [, booked, ...more] = await world.eventsAbout(hold.id);
    expect(more).toEqual([]);
    expect(booked).toMatchObject({ type: appointmentBookedV1.type, actor: SMS_REPLY, orgId: RIVERSIDE_CDAS });
    expect(appointmentBookedV1.data.parse(booked!.data)).toMatchObject({
      appointmentId: hold.id,
      referralId: hold.client.referralId,
      bookedBy: 'system:sms-reply',
      inreachSessionId: hold.session.sessionId,
      startsAt: '2030-01-09T10:00:00.000Z',
    });
    const audit = await new AuditTrail().forClient(
      db.dataSource.manager,
      BOOKING_SCHEMA,
      hold.client.clientId,
    );
    expect(audit.at(-1)).toMatchObject({
      action: 'update',
      actorUserId: 'system:sms-reply',
      actorOrgId: RIVERSIDE_CDAS,
      details: { status: 'booked', from: 'held' },
    });

    // A second YES (the client texted twice) finds it booked already: nothing more.
    expect(await reply(hold, 'confirm')).toBe('ignored');
    expect(await eventTypes(hold.id)).toEqual([appointmentHeldV1.type, appointmentBookedV1.type]);
  });

  it('gives the seat back, declined, when the client replies NO; the next client can have it', async () => {
    const hold = await anOfferHold();
    expect(await reply(hold, 'rebook')).toBe('declined');

    expect(await view(hold.id)).toMatchObject({ status: 'hold_ended', offerId: hold.offerId });
    expect(await world.takenOf(hold.slot.id)).toBe(0);
    const [, ended, ...more] = await world.eventsAbout(hold.id);
    expect(more).toEqual([]);
    expect(ended).toMatchObject({
      type: appointmentHoldEndedV1.type,
      actor: SMS_REPLY,
      orgId: RIVERSIDE_CDAS,
    });
    expect(appointmentHoldEndedV1.data.parse(ended!.data)).toEqual({
      appointmentId: hold.id,
      clientId: hold.client.clientId,
      referralId: hold.client.referralId,
      slotId: hold.slot.id,
      reason: 'released',
      inreachSessionId: hold.session.sessionId,
      offerId: hold.offerId,
      declinedByClient: true,
    });

    // A YES after the NO books nothing; the seat goes to the next client's offer.
    expect(await reply(hold, 'confirm')).toBe('ignored');
    expect(await view(hold.id)).toMatchObject({ status: 'hold_ended' });
    const next = offerMade(hold.session, await world.aReferredClient());
    expect(await world.offer(next)).toMatchObject({ kind: 'held', slotId: hold.slot.id });
  });

  it('books nothing for a YES after the offer lapsed; the timer ends the hold as expired, naming the offer', async () => {
    const hold = await anOfferHold();
    clock.set('2030-01-08T22:00:00Z');
    expect(await reply(hold, 'confirm')).toBe('ignored');
    expect(await view(hold.id)).toMatchObject({ status: 'held' });
    expect(await eventTypes(hold.id)).toEqual([appointmentHeldV1.type]);

    // The timer's run ends every lapsed hold, this spec's earlier offers' too.
    expect(await useCases().expire.run(clock.now())).toBeGreaterThanOrEqual(1);
    expect(await view(hold.id)).toMatchObject({ status: 'hold_ended' });
    expect(await world.takenOf(hold.slot.id)).toBe(0);
    const [, ended] = await world.eventsAbout(hold.id);
    expect(ended).toMatchObject({ actor: { kind: 'system', id: 'system:booking' } });
    expect(appointmentHoldEndedV1.data.parse(ended!.data)).toMatchObject({
      reason: 'expired',
      inreachSessionId: hold.session.sessionId,
      offerId: hold.offerId,
    });
  });

  it('leaves the hold alone for other replies, other clients, unknown appointments and holds that are not offers', async () => {
    const hold = await anOfferHold();
    expect(await reply(hold, 'other')).toBe('ignored');
    expect(await reply(hold, 'opt_out')).toBe('ignored');
    expect(await reply(hold, 'confirm', null)).toBe('ignored');
    expect(await reply(hold, 'confirm', randomUUID())).toBe('ignored');
    const someoneElse = await world.aReferredClient();
    expect(await world.answer(smsReply({ ...someoneElse, appointmentId: hold.id }, 'confirm'))).toBe(
      'ignored',
    );
    expect(await world.answer(smsReply({ ...someoneElse, appointmentId: hold.id }, 'rebook'))).toBe(
      'ignored',
    );
    expect(await view(hold.id)).toMatchObject({ status: 'held' });
    expect(await eventTypes(hold.id)).toEqual([appointmentHeldV1.type]);

    // A keyworker's own hold on the phone is not an offer: the client's YES does not confirm it.
    const { slots } = await world.published();
    const staffHold = (
      await useCases().hold.execute(
        keyworker,
        bookAppointmentBody.parse({ slotId: slots[0]!.id, clientId: someoneElse.clientId }),
        undefined,
      )
    ).result;
    expect(await world.answer(smsReply({ ...someoneElse, appointmentId: staffHold.id }, 'confirm'))).toBe(
      'ignored',
    );
    expect(await view(staffHold.id)).toMatchObject({ status: 'held', offerId: null });
  });

  it('ignores a reply sent under another organisation than the appointment’s', async () => {
    const hold = await anOfferHold();
    for (const intent of ['confirm', 'rebook'] as const) {
      const elsewhere = smsReply({ ...hold.client, appointmentId: hold.id }, intent);
      expect(await world.answer({ ...elsewhere, orgId: 'org-elsewhere-cdas' })).toBe('ignored');
    }
    expect(await view(hold.id)).toMatchObject({ status: 'held' });
    expect(await world.takenOf(hold.slot.id)).toBe(1);
    expect(await eventTypes(hold.id)).toEqual([appointmentHeldV1.type]);
  });

  it('books nothing on a YES once the referral no longer waits; a NO still gives the seat back', async () => {
    // Closed through booking's consumer: the hold ended with the referral, the YES finds nothing live.
    const closed = await anOfferHold();
    await world.statusChanged(referralStatusChanged(closed.client, 'closed'));
    expect(await reply(closed, 'confirm')).toBe('ignored');
    expect(await view(closed.id)).toMatchObject({ status: 'hold_ended' });
    expect(await eventTypes(closed.id)).toEqual([appointmentHeldV1.type, appointmentHoldEndedV1.type]);

    // A live hold whose referral booking knows as no longer waiting (held before booking followed
    // that): the YES books nothing, the hold lapses as it would have.
    const stale = await anOfferHold();
    await db.dataSource.query(
      `UPDATE booking.referral_awaiting_booking SET status = 'rejected' WHERE referral_id = $1`,
      [stale.client.referralId],
    );
    expect(await reply(stale, 'confirm')).toBe('ignored');
    expect(await view(stale.id)).toMatchObject({ status: 'held' });
    expect(await eventTypes(stale.id)).toEqual([appointmentHeldV1.type]);
    expect(await reply(stale, 'rebook')).toBe('declined');
    expect(await world.takenOf(stale.slot.id)).toBe(0);
  });

  it('lets the keyworker confirm or release an offer hold with booking’s existing use cases', async () => {
    const confirmed = await anOfferHold();
    const { result } = await useCases().confirm.execute(keyworker, confirmed.id, {}, randomUUID());
    expect(result).toMatchObject({
      status: 'booked',
      bookedBy: keyworker.userId,
      offerId: confirmed.offerId,
    });
    const [, booked] = await world.eventsAbout(confirmed.id);
    expect(booked).toMatchObject({
      type: appointmentBookedV1.type,
      actor: { kind: 'user', id: keyworker.userId },
    });

    const released = await anOfferHold();
    expect(await useCases().release.execute(keyworker, released.id)).toMatchObject({ status: 'hold_ended' });
    const [, ended] = await world.eventsAbout(released.id);
    expect(appointmentHoldEndedV1.data.parse(ended!.data)).toMatchObject({
      reason: 'released',
      offerId: released.offerId,
      inreachSessionId: released.session.sessionId,
    });
    // The client's NO after the keyworker released it changes nothing.
    expect(await reply(released, 'rebook')).toBe('ignored');
    expect(await eventTypes(released.id)).toEqual([appointmentHeldV1.type, appointmentHoldEndedV1.type]);
  });
});
