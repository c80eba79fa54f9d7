import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { eventually } from '@careloop/testing';
import { withServiceLogs } from '../support/diagnostics';
import { get, post, put, type Problem } from '../support/http';
import {
  INREACH_ENV_START_TIMEOUT_MS,
  INREACH_ENV_STOP_TIMEOUT_MS,
  startInreachEnvironment,
  type InreachEnvironment,
} from '../support/inreach-env';
import { ACROSS_KAFKA } from '../support/service-env';
import {
  expectProblem,
  londonInstant,
  PROVIDER,
  ROOM_NAME,
  searchSlots,
  sessionsOf,
  SITE_ADDRESS,
  SITE_NAME,
  WEEKDAYS,
  ZONE,
  type AppointmentView,
  type ServiceView,
  type SessionView,
} from './inreach-api';

/**
 * In-reach across processes: booking, in-reach and referrals run as separate processes over real Kafka,
 * Postgres and Redis, driven over HTTP only. A CDAS registers a site in booking; in-reach learns it
 * from booking's event; a coordinator sets up a weekly hepatitis C clinic in one of its rooms and
 * publishes it; booking offers the sessions' slots to that CDAS's staff only, who book one for a
 * client; a bank-holiday exception withdraws that session's slots and booking moves the appointment to
 * the next week's session (the cascade; inreach-cascade.e2e.spec.ts follows it further); and the room
 * cannot be double-booked by another series.
 */
describe('in-reach: sessions published as booking slots, across running services', () => {
  let env: InreachEnvironment | undefined;

  beforeAll(async () => {
    env = await startInreachEnvironment();
  }, INREACH_ENV_START_TIMEOUT_MS);

  afterAll(async () => {
    await env?.stop();
  }, INREACH_ENV_STOP_TIMEOUT_MS);

  it(
    'offers a published weekly series to the host CDAS, withdraws an excepted session and refuses a room clash',
    withServiceLogs(
      () => [env?.booking, env?.inreach, env?.referrals],
      async () => {
        if (!env) throw new Error('The environment did not start (see the beforeAll failure).');
        const { booking, inreach, referrals, tokens } = env;
        const asCoordinator = { token: tokens.coordinator };
        const asKeyworker = { token: tokens.keyworker };

        // The CDAS registers itself and its site in booking.
        const organisation = await put<{ id: string; kind: string }>(`${booking.url}/organisations/me`, {
          ...asCoordinator,
          body: { name: 'Riverside Recovery Service' },
        });
        expect(organisation.status).toBe(200);
        expect(organisation.body).toMatchObject({ id: env.coordinator.orgId, kind: 'cdas' });
        const site = await post<{ id: string }>(`${booking.url}/sites`, {
          ...asCoordinator,
          headers: { 'Idempotency-Key': randomUUID() },
          body: { name: SITE_NAME, address: SITE_ADDRESS },
        });
        expect(site.status).toBe(201);
        const siteId = site.body.id;

        // In-reach learns the site from booking's site.registered.v1: until then the site is not one
        // it may host at (422). A refused attempt saves nothing, so the same key is tried again.
        const serviceType = `hepatitis_c_${randomUUID().slice(0, 8)}`;
        const serviceKey = randomUUID();
        const service = await eventually(async () => {
          const created = await post<ServiceView>(`${inreach.url}/inreach/services`, {
            ...asCoordinator,
            headers: { 'Idempotency-Key': serviceKey },
            body: { siteId, name: 'Hepatitis C treatment', serviceType, providerName: PROVIDER },
          });
          expect(created.status).toBe(201);
          return created.body;
        }, ACROSS_KAFKA);
        expect(service).toMatchObject({
          hostOrgId: env.coordinator.orgId,
          siteId,
          siteName: SITE_NAME,
          serviceType,
          providerName: PROVIDER,
        });

        // Another CDAS's coordinator can neither host at Riverside's site nor see its services.
        expectProblem(
          await post(`${inreach.url}/inreach/services`, {
            token: tokens.otherCoordinator,
            body: { siteId, name: 'Wound care', serviceType: 'wound_care', providerName: 'Tissue Viability' },
          }),
          422,
          'SITE_NOT_HOSTABLE',
        );
        expectProblem(
          await get(`${inreach.url}/inreach/services/${service.id}`, { token: tokens.otherCoordinator }),
          404,
        );

        const room = await post<{ id: string; name: string }>(`${inreach.url}/inreach/rooms`, {
          ...asCoordinator,
          headers: { 'Idempotency-Key': randomUUID() },
          body: { siteId, name: ROOM_NAME },
        });
        expect(room.status).toBe(201);

        // Weekly, four sessions from two days ahead (always in the future, whatever the hour),
        // 10:00-12:00 London in 30-minute slots of one seat.
        const firstDay = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 2 });
        const dates = [0, 1, 2, 3].map((week) => firstDay.plus({ weeks: week }).toISODate()!);
        const byDay = WEEKDAYS[firstDay.weekday - 1];
        const created = await post<{ series: { id: string; published: boolean }; sessionsMade: number }>(
          `${inreach.url}/inreach/services/${service.id}/series`,
          {
            ...asCoordinator,
            headers: { 'Idempotency-Key': randomUUID() },
            body: {
              roomId: room.body.id,
              rrule: `FREQ=WEEKLY;BYDAY=${byDay};COUNT=4`,
              startTime: '10:00',
              endTime: '12:00',
              validFrom: dates[0],
              slotMinutes: 30,
              seatsPerSlot: 1,
              walkInAllowance: 2,
            },
          },
        );
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({ series: { published: false }, sessionsMade: 4 });
        const seriesId = created.body.series.id;

        const published = await post<{ sessionsPublished: number }>(
          `${inreach.url}/inreach/series/${seriesId}/publish`,
          asCoordinator,
        );
        expect(published.status).toBe(200);
        expect(published.body.sessionsPublished).toBe(4);
        expect((await sessionsOf(env, service.id, dates)).map((s) => [s.date, s.status])).toEqual(
          dates.map((d) => [d, 'published']),
        );

        // Booking made every session's slots: the host CDAS's staff find them by service type, at
        // "site, room", with the visiting organisation as provider.
        const startsOf = (ds: readonly string[]) =>
          ds.flatMap((d) => ['10:00', '10:30', '11:00', '11:30'].map((t) => londonInstant(d, t)));
        const slots = await eventually(async () => {
          const found = await searchSlots(env!, tokens.keyworker, serviceType);
          expect(found.map((s) => s.startsAt)).toEqual(startsOf(dates));
          return found;
        }, ACROSS_KAFKA);
        for (const slot of slots) {
          expect(slot).toMatchObject({
            orgId: env.coordinator.orgId,
            serviceType,
            providerName: PROVIDER,
            location: `${ROOM_NAME}, ${SITE_ADDRESS}`,
            free: 1,
          });
          expect(Date.parse(slot.endsAt) - Date.parse(slot.startsAt)).toBe(30 * 60_000);
        }

        // The sessions are Riverside's: another CDAS's staff do not see them.
        expect(await searchSlots(env, tokens.otherKeyworker, serviceType)).toEqual([]);

        // A keyworker registers a client; booking learns clients from referrals' events.
        const client = await post<{ id: string }>(`${referrals.url}/clients`, {
          ...asKeyworker,
          body: {
            name: { given: 'Joanne', family: 'Smith' },
            dateOfBirth: '1978-04-02',
            siteId: env.keyworker.siteIds[0],
          },
        });
        expect(client.status).toBe(201);
        const clientId = client.body.id;
        await eventually(async () => {
          const ranked = await get(`${booking.url}/slots?serviceType=${serviceType}&clientId=${clientId}`, {
            ...asKeyworker,
          });
          expect(ranked.status).toBe(200);
        }, ACROSS_KAFKA);

        // They hold the first session's first slot while talking to the client, then confirm it.
        const chosen = slots[0]!;
        const held = await post<AppointmentView>(`${booking.url}/appointments/holds`, {
          ...asKeyworker,
          headers: { 'Idempotency-Key': randomUUID() },
          body: { slotId: chosen.id, clientId },
        });
        expect(held.status).toBe(201);
        expect(held.body.status).toBe('held');
        const confirmed = await post<AppointmentView>(
          `${booking.url}/appointments/${held.body.id}/confirmation`,
          { ...asKeyworker, headers: { 'Idempotency-Key': randomUUID() }, body: {} },
        );
        expect(confirmed.status).toBe(200);
        expect(confirmed.body).toMatchObject({
          id: held.body.id,
          clientId,
          status: 'booked',
          slotId: chosen.id,
          location: `${ROOM_NAME}, ${SITE_ADDRESS}`,
          startsAt: chosen.startsAt,
          slotWithdrawn: false,
        });
        expect((await searchSlots(env, tokens.keyworker, serviceType)).map((s) => s.id)).not.toContain(
          chosen.id,
        );

        // The specialist is on leave on the first date: the exception cancels that session.
        const excepted = await post<{ cancelledSessions: SessionView[] }>(
          `${inreach.url}/inreach/series/${seriesId}/exceptions`,
          {
            ...asCoordinator,
            headers: { 'Idempotency-Key': randomUUID() },
            body: { date: dates[0], reason: 'Specialist on leave' },
          },
        );
        expect(excepted.status).toBe(201);
        expect(excepted.body.cancelledSessions).toEqual([
          expect.objectContaining({
            seriesId,
            date: dates[0],
            status: 'cancelled',
            cancelledBecause: 'exception',
            cancelReason: 'Specialist on leave',
          }),
        ]);

        // Booking withdraws the session's slots and moves the appointment to the same time a week
        // later; that date's slots are gone from search while the other sessions' remain, bar the one
        // the client now has.
        const nextWeek = slots.find((s) => s.startsAt === londonInstant(dates[1]!, '10:00'))!;
        const moved = await eventually(async () => {
          const read = await get<AppointmentView>(`${booking.url}/appointments/${held.body.id}`, asKeyworker);
          expect(read.status).toBe(200);
          expect(read.body.slotId).toBe(nextWeek.id);
          return read.body;
        }, ACROSS_KAFKA);
        expect(moved).toMatchObject({ status: 'booked', startsAt: nextWeek.startsAt, slotWithdrawn: false });
        await eventually(async () => {
          const found = await searchSlots(env!, tokens.keyworker, serviceType);
          expect(found.map((s) => s.startsAt)).toEqual(
            startsOf(dates.slice(1)).filter((t) => t !== nextWeek.startsAt),
          );
        }, ACROSS_KAFKA);

        // A second visiting service wants the same room on the same days, 11:30-13:00: it overlaps the
        // live sessions (not the cancelled one), so nothing of it is saved.
        const respiratory = await post<ServiceView>(`${inreach.url}/inreach/services`, {
          ...asCoordinator,
          body: {
            siteId,
            name: 'Respiratory review',
            serviceType: `respiratory_${randomUUID().slice(0, 8)}`,
            providerName: 'Riverside Community Respiratory Team',
          },
        });
        expect(respiratory.status).toBe(201);
        const clash = await post(`${inreach.url}/inreach/services/${respiratory.body.id}/series`, {
          ...asCoordinator,
          headers: { 'Idempotency-Key': randomUUID() },
          body: {
            roomId: room.body.id,
            rrule: `FREQ=WEEKLY;BYDAY=${byDay};COUNT=4`,
            startTime: '11:30',
            endTime: '13:00',
            validFrom: dates[0],
            slotMinutes: 30,
          },
        });
        const problem = expectProblem(clash, 409, 'ROOM_TAKEN');
        expect((problem as Problem & { clashingDates?: string[] }).clashingDates).toEqual(dates.slice(1));
        const unchanged = await get<ServiceView>(
          `${inreach.url}/inreach/services/${respiratory.body.id}`,
          asCoordinator,
        );
        expect(unchanged.body.series).toEqual([]);
        expect(await sessionsOf(env, respiratory.body.id, dates)).toEqual([]);
        expect((await sessionsOf(env, service.id, dates)).map((s) => [s.date, s.status])).toEqual([
          [dates[0], 'cancelled'],
          ...dates.slice(1).map((d) => [d, 'published']),
        ]);
      },
    ),
    120_000,
  );
});
