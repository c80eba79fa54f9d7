import { ManualClock } from '@careloop/time';
import {
  aBooking,
  aClientEvent,
  aClientSnapshot,
  anAppointmentBookedEvent,
  anAppointmentCancelledEvent,
  anAppointmentRescheduledEvent,
  deliveredToInreach,
} from '../support/day-sheet-events';
import { eventsInOutbox } from '../support/events-in-outbox';
import {
  aHold,
  aHoldEndedEvent,
  anAppointmentHeldEvent,
  anInreachReferral,
  anInreachReferralCreatedEvent,
} from '../support/offer-events';
import { clientsOf, useWaitingClinic } from '../support/use-waiting-clinic';
import { matcherOf, offersDueAt, offersOf } from '../support/waiting-clinic';

/**
 * The offer job's work on real Postgres, with booking's events as booking sends them: a session's free
 * seats go to the best-placed waiting clients, booked and held seats are taken, and a seat freed by a
 * cancellation or a move goes to the next client. Monday 2 March 2026; the sessions are on Wednesdays.
 */
describe('in-reach offers free seats to waiting clients', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const { clinic, run, aClinic, referred } = useWaitingClinic({ database: 'inreach_offers', clock });
  const { api, orgId: riverside } = clinic;

  it('offers a session’s free seats to the best-placed clients, with an offer-made event each, and no more', async () => {
    const { serviceId, sessions } = await aClinic(4, '2026-03-11');
    const [session] = sessions;
    const urgent = await referred(serviceId, {
      referredAt: '2026-03-01T10:00:00Z',
      urgency: 'urgent',
      days: ['mon'],
    });
    const soon = await referred(serviceId, { referredAt: '2026-02-28T10:00:00Z', urgency: 'soon' });
    const longWait = await referred(serviceId, { referredAt: '2026-01-20T10:00:00Z', days: ['fri'] });
    const wednesdays = await referred(serviceId, { referredAt: '2026-02-25T10:00:00Z', days: ['wed'] });
    const earlier = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z', days: ['mon'] });
    // An urgent draft, waiting longest of all, is not on the list until sent.
    const drafted = aClientSnapshot();
    await deliveredToInreach(
      api,
      aClientEvent(riverside, drafted),
      anInreachReferralCreatedEvent(
        anInreachReferral({ orgId: riverside, clientId: drafted.clientId, serviceId, urgency: 'urgent' }),
        '2026-01-01T10:00:00Z',
        { status: 'draft' },
      ),
    );

    const result = await run();
    expect(result.offersMade).toBeGreaterThanOrEqual(4);
    const offers = await offersOf(api.dataSource, serviceId);
    // Urgent, soon, the routine client waiting more than 28 days, then the one who comes in on
    // Wednesdays (the session's day) ahead of one who joined earlier.
    expect(clientsOf(offers).sort()).toEqual(
      [urgent, soon, longWait, wednesdays].map((c) => c.client.clientId).sort(),
    );
    expect(clientsOf(offers)).not.toContain(earlier.client.clientId);
    expect(offers.every((o) => o.session_id === session!.id && o.status === 'requested')).toBe(true);
    // 48 hours, as the session is more than 60 hours away.
    expect(offers.map((o) => o.expires_at)).toEqual(Array(4).fill(new Date('2026-03-04T08:00:00Z')));

    const events = await eventsInOutbox(api.dataSource, { key: session!.id, type: 'inreach.offer-made.v1' });
    expect(events).toHaveLength(4);
    const toUrgent = offers.find((o) => o.client_id === urgent.client.clientId)!;
    expect(events.find((e) => e.data['offerId'] === toUrgent.id)).toMatchObject({
      orgId: riverside,
      actor: { kind: 'system', id: 'system:inreach-offers' },
      data: {
        sessionId: session!.id,
        serviceId,
        hostOrgId: riverside,
        clientId: urgent.client.clientId,
        referralId: urgent.referral.referralId,
        keyworkerId: 'alex.morgan',
        offeredAt: '2026-03-02T08:00:00.000Z',
        expiresAt: '2026-03-04T08:00:00.000Z',
      },
    });

    // The seats are all asked for: neither a due run nor a forced round offers more.
    expect(await offersDueAt(api.dataSource, serviceId)).toBeUndefined();
    expect(await matcherOf(api).offerSeatsOf(serviceId, clock.now())).toBe(0);
    expect(await offersOf(api.dataSource, serviceId)).toHaveLength(4);
  });

  it('counts booked and held seats as taken, and offers nothing to a client booked into a session still to come', async () => {
    const { serviceId, sessions } = await aClinic(3, '2026-03-11');
    const [session] = sessions;
    const slot = (minutes: number) =>
      new Date(Date.parse(session!.startsAt) + minutes * 60_000).toISOString();
    const booked = aBooking({
      orgId: riverside,
      sessionId: session!.id,
      startsAt: slot(0),
      endsAt: slot(20),
    });
    const staffHold = aHold({
      orgId: riverside,
      clientId: crypto.randomUUID(),
      sessionId: session!.id,
      startsAt: slot(20),
      endsAt: slot(40),
      holdExpiresAt: '2026-03-02T08:10:00Z',
    });
    await deliveredToInreach(api, anAppointmentBookedEvent(booked), anAppointmentHeldEvent(staffHold));
    const otherDays = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z', days: ['mon', 'fri'] });
    const wednesdays = await referred(serviceId, { referredAt: '2026-02-25T10:00:00Z', days: ['wed'] });
    // Booked into a session of the service still to come: not offered another.
    const alreadyBooked = await referred(serviceId, {
      referredAt: '2026-01-02T10:00:00Z',
      urgency: 'urgent',
    });
    await deliveredToInreach(
      api,
      anAppointmentBookedEvent({
        ...booked,
        appointmentId: crypto.randomUUID(),
        clientId: alreadyBooked.client.clientId,
        startsAt: slot(40),
        endsAt: slot(60),
      }),
    );
    await run();
    expect(clientsOf(await offersOf(api.dataSource, serviceId))).toEqual([]);

    // The staff hold ends: its seat is free again and goes to the client who attends on Wednesdays.
    await deliveredToInreach(api, aHoldEndedEvent(staffHold, 'released'));
    expect(await offersDueAt(api.dataSource, serviceId)).toEqual(clock.now());
    await run();
    expect(clientsOf(await offersOf(api.dataSource, serviceId))).toEqual([wednesdays.client.clientId]);
    expect(clientsOf(await offersOf(api.dataSource, serviceId))).not.toContain(otherDays.client.clientId);
  });

  it('a cancelled booking, or one moved out of the session, frees its seat for the next client', async () => {
    const { serviceId, sessions } = await aClinic(1, '2026-03-11', '2026-03-18');
    const [march11, march18] = sessions;
    const end = (s: { startsAt: string }) => new Date(Date.parse(s.startsAt) + 20 * 60_000).toISOString();
    const on11 = aBooking({
      orgId: riverside,
      sessionId: march11!.id,
      startsAt: march11!.startsAt,
      endsAt: end(march11!),
    });
    const on18 = aBooking({
      orgId: riverside,
      sessionId: march18!.id,
      startsAt: march18!.startsAt,
      endsAt: end(march18!),
    });
    await deliveredToInreach(api, anAppointmentBookedEvent(on11), anAppointmentBookedEvent(on18));
    const a = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z', urgency: 'urgent' });
    const b = await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z' });
    await run();
    expect(await offersOf(api.dataSource, serviceId)).toEqual([]);

    await deliveredToInreach(api, anAppointmentCancelledEvent(on11));
    expect(await offersDueAt(api.dataSource, serviceId)).toEqual(clock.now());
    await run();
    expect((await offersOf(api.dataSource, serviceId)).map((o) => [o.client_id, o.session_id])).toEqual([
      [a.client.clientId, march11!.id],
    ]);

    await deliveredToInreach(
      api,
      anAppointmentRescheduledEvent(on18, {
        sessionId: null,
        startsAt: '2026-03-20T10:00:00Z',
        endsAt: '2026-03-20T10:20:00Z',
      }),
    );
    await run();
    expect(
      (await offersOf(api.dataSource, serviceId))
        .filter((o) => o.client_id === b.client.clientId)
        .map((o) => o.session_id),
    ).toEqual([march18!.id]);
  });

  it('a cancelled session makes offers due; its offers stay until booking ends their holds', async () => {
    const { serviceId, sessions } = await aClinic(1, '2026-03-11');
    const [session] = sessions;
    await referred(serviceId, { referredAt: '2026-02-20T10:00:00Z' });
    await run();
    const [offer] = await offersOf(api.dataSource, serviceId);
    const cancelled = await api.call(clinic.coordinator, 'POST', `/inreach/sessions/${session!.id}/cancel`, {
      reason: 'Specialist on leave',
    });
    expect(cancelled.status).toBe(200);
    expect(await offersDueAt(api.dataSource, serviceId)).toEqual(clock.now());
    await run();
    expect(await offersOf(api.dataSource, serviceId)).toEqual([
      expect.objectContaining({ id: offer!.id, status: 'requested' }),
    ]);
  });
});
