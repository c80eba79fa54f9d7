import { randomUUID } from 'node:crypto';
import { eventually } from '@careloop/testing';
import { get, post, put, type HttpResponse } from '../support/http';
import {
  aReferral,
  startWalkingSkeleton,
  walkingSkeletonScenario,
  WALKING_SKELETON_START_TIMEOUT_MS,
  WALKING_SKELETON_STOP_TIMEOUT_MS,
  type ReferralView,
  type WalkingSkeleton,
} from '../support/walking-skeleton-env';

interface SlotView {
  id: string;
  serviceType: string;
  startsAt: string;
  capacity: number;
  free: number;
}

interface SlotSearch {
  slots: (SlotView & { attendanceDay: string | null; warnings: string[] })[];
  ranking: { clientId: string; highRiskOfNonAttendance: boolean; reasons: string[] } | null;
}

interface AppointmentView {
  id: string;
  clientId: string;
  referralId: string | null;
  status: string;
  startsAt: string;
}

const HOUR = 60 * 60 * 1000;

/**
 * Booking's slots and appointments over HTTP, with referrals and booking as separate processes over
 * Kafka: a clinic publishes a slot, a keyworker books it for a referral, and the referral follows the
 * appointment (booked, then back to accepted when it is cancelled) through booking's events.
 */
describe('booking: slots and appointments close the referral loop', () => {
  let ws: WalkingSkeleton | undefined;

  beforeAll(async () => {
    ws = await startWalkingSkeleton();
  }, WALKING_SKELETON_START_TIMEOUT_MS);

  afterAll(async () => {
    await ws?.stop();
  }, WALKING_SKELETON_STOP_TIMEOUT_MS);

  const scenario = walkingSkeletonScenario(() => ws);

  /** The CDAS's in-house clinic registers itself, a room and a schedule, then publishes one slot. */
  async function publishSlot(
    w: WalkingSkeleton,
    serviceType: string,
    options: { capacity?: number; startsAt?: Date } = {},
  ): Promise<SlotView> {
    const as = { token: w.tokens.clinicAdmin };
    expect(
      (await put(`${w.booking.url}/organisations/me`, { ...as, body: { name: 'Riverside CDAS' } })).status,
    ).toBe(200);
    const site = await post<{ id: string }>(`${w.booking.url}/sites`, {
      ...as,
      body: { name: `Clinic room ${serviceType}`, address: 'Riverside Hub, clinic room 2' },
    });
    expect(site.status).toBe(201);
    const schedule = await post<{ id: string }>(`${w.booking.url}/schedules`, {
      ...as,
      body: {
        siteId: site.body.id,
        kind: 'clinic',
        name: 'Riverside in-house respiratory clinic',
        serviceType,
      },
    });
    expect(schedule.status).toBe(201);
    const startsAt =
      options.startsAt ?? new Date(Date.now() + 7 * 24 * HOUR + Math.floor(Math.random() * 1000) * 60_000);
    const published = await post<{ published: number; slots: SlotView[] }>(`${w.booking.url}/slots`, {
      ...as,
      headers: { 'Idempotency-Key': randomUUID() },
      body: {
        scheduleId: schedule.body.id,
        slots: [
          {
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + HOUR / 3).toISOString(),
            capacity: options.capacity ?? 1,
          },
        ],
      },
    });
    expect(published.status).toBe(201);
    expect(published.body.published).toBe(1);
    return published.body.slots[0]!;
  }

  /** Booking learns clients from the referrals service's events: wait until it knows this one. */
  const bookingKnowsClient = (w: WalkingSkeleton, clientId: string) =>
    eventually(
      async () => {
        const ranked = await get<SlotSearch>(`${w.booking.url}/slots?clientId=${clientId}`, {
          token: w.tokens.keyworker,
        });
        expect(ranked.status).toBe(200);
        return ranked.body;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

  const referralStatus = (w: WalkingSkeleton, id: string, status: string) =>
    eventually(
      async () => {
        const read = await get<ReferralView>(`${w.referrals.url}/referrals/${id}`, {
          token: w.tokens.keyworker,
        });
        expect(read.body.status).toBe(status);
        return read.body;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );

  scenario('a keyworker books a published slot for a referral, then cancels it', async (w) => {
    const { referrable, createReferral, tokens, booking, expectProblem } = w;
    const { clientId, needId } = await referrable();
    const referral = await createReferral(clientId, aReferral(needId));
    expect(referral.body.status).toBe('sent');
    await w.eventuallyAwaitingBooking(referral.body.id);

    const serviceType = `respiratory-${randomUUID().slice(0, 8)}`;
    const slot = await publishSlot(w, serviceType);
    // A drug worker may not publish slots; anyone signed in may search them.
    expectProblem(
      await post(`${booking.url}/slots`, {
        token: tokens.keyworker,
        body: { scheduleId: randomUUID(), slots: [] },
      }),
      403,
    );
    const found = await get<SlotSearch>(`${booking.url}/slots?serviceType=${serviceType}`, {
      token: tokens.gpClinician,
    });
    expect(found.body).toEqual({
      slots: [expect.objectContaining({ id: slot.id, free: 1, warnings: ['more_than_7_days_away'] })],
      ranking: null,
    });
    await bookingKnowsClient(w, clientId);

    const key = randomUUID();
    const bookIt = () =>
      post<AppointmentView>(`${booking.url}/appointments`, {
        token: tokens.keyworker,
        headers: { 'Idempotency-Key': key },
        body: { slotId: slot.id, clientId, referralId: referral.body.id, notesForClinic: 'Prefers mornings' },
      });
    const booked = await bookIt();
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ clientId, referralId: referral.body.id, status: 'booked' });
    const replay = await bookIt();
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(booked.body.id);

    // Full: another booking of the slot is refused with a clear conflict.
    expectProblem(
      await post(`${booking.url}/appointments`, {
        token: tokens.keyworker,
        body: { slotId: slot.id, clientId },
      }),
      409,
      'SLOT_ALREADY_BOOKED',
    );
    const read = await get<AppointmentView>(`${booking.url}/appointments/${booked.body.id}`, {
      token: tokens.manager,
    });
    expect(read.body).toMatchObject({ id: booked.body.id, status: 'booked' });
    expectProblem(
      await get(`${booking.url}/appointments/${booked.body.id}`, { token: tokens.otherOrg }),
      404,
      'APPOINTMENT_NOT_FOUND',
    );

    // Booking's appointment.booked.v1 crossed Kafka: the referral is booked and leaves booking's list.
    await referralStatus(w, referral.body.id, 'booked');

    const cancelled = await post<AppointmentView>(
      `${booking.url}/appointments/${booked.body.id}/cancellation`,
      {
        token: tokens.keyworker,
        body: { cancelledBy: 'client', reason: 'Client has a court date' },
      },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const after = await referralStatus(w, referral.body.id, 'accepted');
    expect(after.history!.map((h) => [h.toStatus, h.source])).toEqual([
      ['sent', 'staff'],
      ['booked', 'event'],
      ['accepted', 'event'],
    ]);
    const freeAgain = await get<SlotSearch>(`${booking.url}/slots?serviceType=${serviceType}`, {
      token: tokens.keyworker,
    });
    expect(freeAgain.body.slots).toEqual([expect.objectContaining({ id: slot.id, free: 1 })]);
  });

  scenario('parallel bookings of one slot over HTTP: one appointment, the rest 409', async (w) => {
    const slot = await publishSlot(w, `hepatology-${randomUUID().slice(0, 8)}`);
    const { clientId } = await w.referrable();
    await bookingKnowsClient(w, clientId);
    const attempts: HttpResponse[] = await Promise.all(
      Array.from({ length: 8 }, () =>
        post(`${w.booking.url}/appointments`, {
          token: w.tokens.keyworker,
          headers: { 'Idempotency-Key': randomUUID() },
          body: { slotId: slot.id, clientId },
        }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, ...Array(7).fill(409)]);
    for (const refused of attempts.filter((a) => a.status === 409)) {
      w.expectProblem(refused, 409, 'SLOT_ALREADY_BOOKED');
    }
    expect(
      await w.count(
        `SELECT count(*) AS n FROM booking.appointment WHERE slot_id = $1 AND status = 'booked'`,
        [slot.id],
      ),
    ).toBe(1);
  });

  scenario(
    'a held slot is confirmed, the client does not attend, and the referral waits to be rebooked',
    async (w) => {
      const { tokens, booking } = w;
      const { clientId, needId } = await w.referrable();
      const referral = await w.createReferral(clientId, aReferral(needId));
      await w.eventuallyAwaitingBooking(referral.body.id);
      // A slot starting in a few seconds, so the clinic can record the outcome once it has started.
      const slot = await publishSlot(w, `gp-${randomUUID().slice(0, 8)}`, {
        startsAt: new Date(Date.now() + 4_000),
      });
      await bookingKnowsClient(w, clientId);

      const held = await post<AppointmentView & { holdExpiresAt: string }>(
        `${booking.url}/appointments/holds`,
        {
          token: tokens.keyworker,
          headers: { 'Idempotency-Key': randomUUID() },
          body: { slotId: slot.id, clientId, referralId: referral.body.id },
        },
      );
      expect(held.status).toBe(201);
      expect(held.body.status).toBe('held');
      // Held is taken for everyone else.
      w.expectProblem(
        await post(`${booking.url}/appointments`, {
          token: tokens.keyworker,
          body: { slotId: slot.id, clientId },
        }),
        409,
        'SLOT_ALREADY_BOOKED',
      );
      const confirmed = await post<AppointmentView & { doNotDischarge: boolean }>(
        `${booking.url}/appointments/${held.body.id}/confirmation`,
        { token: tokens.keyworker, body: { notesForClinic: 'Anxious in waiting rooms' } },
      );
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: 'booked', doNotDischarge: true });
      await referralStatus(w, referral.body.id, 'booked');

      const recorded = await eventually(
        async () => {
          const response = await post<{ attendance: { outcome: string } | null }>(
            `${booking.url}/appointments/${held.body.id}/attendance`,
            { token: tokens.clinicAdmin, body: { outcome: 'did_not_attend' } },
          );
          expect(response.status).toBe(200);
          return response.body;
        },
        { timeoutMs: 20_000, intervalMs: 500 },
      );
      expect(recorded.attendance).toMatchObject({ outcome: 'did_not_attend' });
      await referralStatus(w, referral.body.id, 'did_not_attend');
      await w.eventuallyAwaitingBooking(referral.body.id);
    },
  );
});
