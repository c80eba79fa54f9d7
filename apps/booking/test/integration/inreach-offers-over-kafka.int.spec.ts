import { randomUUID } from 'node:crypto';
import { appointmentBookedV1, appointmentHeldV1 } from '@careloop/contracts';
import { Database } from '@careloop/persistence';
import { eventually } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { aBookingClient, RIVERSIDE_CDAS } from '../support/booking-fixtures';
import { startBookingWithInreach, type BookingWithInreach } from '../support/booking-with-inreach-over-kafka';
import { eventsInOutbox } from '../support/events-in-outbox';
import { anInreachReferral, offerMade, smsReply } from '../support/inreach-offers';
import { aHostSite, aSession, sessionPublished, slotsOfSession } from '../support/inreach-sessions';

const WAIT = { timeoutMs: 30_000 };

/**
 * An in-reach offer end to end on booking's side, over a real Kafka broker as the producers' relays
 * publish: in-reach's offer-made becomes a held seat once however often it arrives, and the client's
 * YES from reminders' topic books it.
 */
describe('in-reach offers over real Kafka', () => {
  const clock = new ManualClock('2030-01-07T09:00:00Z');
  let booking: BookingWithInreach;
  let db: Database;

  beforeAll(async () => {
    booking = await startBookingWithInreach('booking_inreach_offers_kafka', clock);
    db = booking.db;
  }, 90_000);

  afterAll(() => booking?.close(), 60_000);

  const handled = (eventId: string) =>
    eventually(async () => expect(await booking.isHandled(eventId)).toBe(true), WAIT);

  it('holds one seat for an offer delivered three times, and books it on the client’s YES', async () => {
    const site = await db.transaction((m) => aHostSite(m, { orgId: RIVERSIDE_CDAS }));
    const session = aSession(site);
    const published = sessionPublished(session);
    await booking.publish(published);
    await handled(published.id);
    const [slot] = await slotsOfSession(db.dataSource, session.sessionId);
    const client = await db.transaction((m) => aBookingClient(m, { orgId: RIVERSIDE_CDAS }));
    const referralId = await db.transaction((m) => anInreachReferral(m, client));

    const offer = offerMade(session, { clientId: client.clientId, referralId });
    // The same message twice, then the offer again under a new event id, all on the offer's key.
    const resent = { ...offer, id: randomUUID() };
    await booking.publish(offer, offer, resent);
    await handled(resent.id);

    const holds: { id: string; status: string; slot_id: string }[] = await db.dataSource.query(
      `SELECT id, status, slot_id FROM booking.appointment WHERE offer_id = $1`,
      [offer.data.offerId],
    );
    expect(holds).toEqual([{ id: expect.any(String), status: 'held', slot_id: slot!.id }]);
    const appointmentId = holds[0]!.id;
    const held = await eventsInOutbox(db.dataSource, { key: appointmentId, type: appointmentHeldV1.type });
    expect(held).toHaveLength(1);
    expect(appointmentHeldV1.data.parse(held[0]!.data).offer).toMatchObject({ offerId: offer.data.offerId });

    const yes = smsReply({ clientId: client.clientId, orgId: RIVERSIDE_CDAS, appointmentId }, 'confirm');
    await booking.publish(yes);
    await handled(yes.id);
    const [booked] = await eventsInOutbox(db.dataSource, {
      key: appointmentId,
      type: appointmentBookedV1.type,
    });
    expect(booked).toMatchObject({ actor: { kind: 'system', id: 'system:sms-reply' } });
    expect(
      await db.dataSource.query(`SELECT status, booked_by FROM booking.appointment WHERE id = $1`, [
        appointmentId,
      ]),
    ).toEqual([{ status: 'booked', booked_by: 'system:sms-reply' }]);
  });
});
