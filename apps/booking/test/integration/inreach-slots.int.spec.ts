import { randomUUID } from 'node:crypto';
import type { InreachSession, ReservedFor } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody } from '../../src/appointment/appointment.dto';
import { AvailabilityException } from '../../src/availability/availability-exception.entity';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { MakeSessionSlots } from '../../src/inreach/make-session-slots';
import type { Site } from '../../src/organisation/site.entity';
import { ReleaseDueReservations } from '../../src/reservation/release-due-reservations';
import { ReleaseReservations } from '../../src/reservation/release-reservations';
import { ReservationUsage } from '../../src/reservation/reservation-usage';
import { releaseReservationsBody, reserveSlotsBody } from '../../src/reservation/reservation.dto';
import { ReserveSlots } from '../../src/reservation/reserve-slots';
import { CreateSchedule } from '../../src/schedule/create-schedule';
import { appointmentsAt } from '../support/appointment-use-cases';
import { useBookingDatabase } from '../support/booking-database';
import { aBookingClient, aPrincipal, aSchedule, aSlotOn, RIVERSIDE_CDAS } from '../support/booking-fixtures';
import { aHostSite, aSession, sessionPublished, slotsOfSession } from '../support/inreach-sessions';

const NORTHGATE_CDAS = 'org-northgate-cdas';
const FOR_NORTHGATE: ReservedFor = { kind: 'organisation', orgId: NORTHGATE_CDAS };

/**
 * In-reach slots among booking's other rules, on real Postgres (the use case called as the consumer
 * calls it, in one transaction): a session's slots are the host CDAS's for good, never a clinic's
 * reserved capacity; a service's schedule is its own whatever it is called; only the future, clear of
 * the schedule's exceptions, is made bookable.
 */
describe('in-reach slots and booking’s other rules', () => {
  const db = useBookingDatabase('booking_inreach_slots');
  const clock = new ManualClock('2030-01-07T09:00:00Z');
  const host = aPrincipal({ orgId: RIVERSIDE_CDAS, roles: ['service_manager'] });
  let make: MakeSessionSlots;
  let site: Site;

  beforeAll(async () => {
    make = new MakeSessionSlots(new Outbox(BOOKING_SCHEMA, clock), clock);
    site = await db.transaction((m) => aHostSite(m, { orgId: RIVERSIDE_CDAS, siteName: 'Riverside House' }));
    await db.transaction((m) => aHostSite(m, { orgId: NORTHGATE_CDAS }));
  });

  beforeEach(() => clock.set('2030-01-07T09:00:00Z'));

  /** What the consumer does with the session's published event; the session's slots afterwards. */
  const madeFrom = async (session: InreachSession) => {
    await db.transaction((m) => make.execute(m, sessionPublished(session)));
    return slotsOfSession(db.dataSource, session.sessionId);
  };

  it('leaves in-reach slots out of the host’s reservation usage, even once booked', async () => {
    const own = await db.transaction((m) =>
      aSchedule(m, {
        orgId: RIVERSIDE_CDAS,
        orgKind: 'cdas',
        name: 'Needle exchange',
        serviceType: 'harm_reduction',
      }),
    );
    await db.transaction((m) =>
      aSlotOn(m, own, { startsAt: '2030-01-10T10:00:00Z', reservedFor: FOR_NORTHGATE }),
    );
    const slots = await madeFrom(aSession(site));
    const client = await db.transaction((m) => aBookingClient(m, { orgId: RIVERSIDE_CDAS }));
    await appointmentsAt(db.dataSource, clock).book.execute(
      host,
      bookAppointmentBody.parse({ slotId: slots[0]!.id, clientId: client.clientId }),
      undefined,
    );

    const usage = await new ReservationUsage(db.dataSource, clock).execute(host, {});
    expect(usage.byReservedFor).toEqual([
      expect.objectContaining({ reservedFor: FOR_NORTHGATE, reserved: 1 }),
    ]);
    expect(usage.totals).toMatchObject({ reserved: 1, used: 0, appointmentsUnderReservation: 0 });
  });

  it('lets the host neither release nor re-reserve a session’s slots: nothing changes', async () => {
    const slots = await madeFrom(aSession(site));
    // Refusals name the slots in lock (id) order.
    const slotIds = slots.map((s) => s.id).sort();
    const outbox = new Outbox(BOOKING_SCHEMA, clock);

    await expect(
      new ReleaseReservations(db.dataSource, outbox, clock).execute(
        host,
        releaseReservationsBody.parse({ slotIds }),
      ),
    ).rejects.toMatchObject({
      code: 'SLOTS_NOT_RELEASABLE',
      extensions: { slots: slotIds.map((slotId) => ({ slotId, reason: 'inreach_session' })) },
    });
    await expect(
      new ReserveSlots(db.dataSource, outbox, clock).execute(
        host,
        reserveSlotsBody.parse({ slotIds, reservedFor: { kind: 'all_cdas' } }),
      ),
    ).rejects.toMatchObject({
      code: 'SLOTS_NOT_RESERVABLE',
      extensions: { slots: slotIds.map((slotId) => ({ slotId, reason: 'inreach_session' })) },
    });
    const after = await db.dataSource.query(
      `SELECT reserved_for, released_at FROM booking.slot WHERE id = ANY($1::uuid[])`,
      [slotIds],
    );
    expect(after).toEqual(
      slotIds.map(() => ({
        reserved_for: { kind: 'organisation', orgId: RIVERSIDE_CDAS },
        released_at: null,
      })),
    );
  });

  it('never releases a session’s slots by time, even one given a release time', async () => {
    const slots = await madeFrom(aSession(site));
    // No in-reach slot is made with a release time; one written in by hand is still not the timer's.
    await db.dataSource.query(`UPDATE booking.slot SET release_at = $2 WHERE id = $1`, [
      slots[0]!.id,
      new Date('2030-01-07T08:59:00Z'),
    ]);
    await new ReleaseDueReservations(db.dataSource, new Outbox(BOOKING_SCHEMA, clock)).run(clock.now());
    expect(
      await db.dataSource.query(`SELECT released_at FROM booking.slot WHERE id = $1`, [slots[0]!.id]),
    ).toEqual([{ released_at: null }]);
  });

  it('gives each in-reach service its own schedule, whatever it is called; the CDAS’s own diary names stay unique', async () => {
    const body = {
      siteId: site.id,
      kind: 'clinic' as const,
      name: 'Wound care clinic',
      serviceType: 'wound_care',
    };
    const createSchedule = new CreateSchedule(db.dataSource, clock);
    await createSchedule.execute(host, body, undefined);
    const named = { serviceName: 'Wound care clinic', serviceType: 'wound_care' };
    const first = await madeFrom(aSession(site, named));
    const second = await madeFrom(aSession(site, { ...named, providerName: 'Community Nursing Team' }));

    expect(first[0]!.schedule_id).not.toBe(second[0]!.schedule_id);
    expect(
      await db.dataSource.query(
        `SELECT count(*)::int AS n FROM booking.schedule WHERE site_id = $1 AND name = 'Wound care clinic'`,
        [site.id],
      ),
    ).toEqual([{ n: 3 }]);
    await expect(createSchedule.execute(host, body, undefined)).rejects.toMatchObject({
      code: 'SCHEDULE_NAME_TAKEN',
    });
  });

  it('renames a renamed service’s schedule; slots already made keep their words', async () => {
    const session = aSession(site);
    const before = await madeFrom(session);
    const renamed = aSession(site, {
      serviceId: session.serviceId,
      serviceName: 'Liver health clinic',
      providerName: 'Northfield Hepatology',
      startsAt: '2030-01-16T10:00:00.000Z',
      endsAt: '2030-01-16T10:30:00.000Z',
    });
    const after = await madeFrom(renamed);

    expect(after.map((s) => [s.schedule_id, s.provider_name])).toEqual([
      [before[0]!.schedule_id, 'Northfield Hepatology'],
    ]);
    expect(before.map((s) => s.provider_name)).toEqual(before.map(() => 'Northfield Liver Nurses'));
    expect(
      await db.dataSource.query(`SELECT name FROM booking.schedule WHERE id = $1`, [before[0]!.schedule_id]),
    ).toEqual([{ name: 'Liver health clinic' }]);
  });

  it('makes only the slots still to come, and none in an exception of the service’s schedule', async () => {
    const session = aSession(site);
    const first = await madeFrom(session);
    await db.transaction((m) =>
      m.insert(AvailabilityException, {
        id: randomUUID(),
        scheduleId: first[0]!.schedule_id,
        startsAt: new Date('2030-01-16T10:00:00Z'),
        endsAt: new Date('2030-01-16T11:00:00Z'),
        reason: 'Building closed for fire drill',
        createdBy: host.userId,
        createdAt: clock.now(),
      }),
    );
    const inException = aSession(site, {
      serviceId: session.serviceId,
      startsAt: '2030-01-16T10:00:00.000Z',
      endsAt: '2030-01-16T12:00:00.000Z',
    });
    expect((await madeFrom(inException)).map((s) => s.starts_at.toISOString())).toEqual([
      '2030-01-16T11:00:00.000Z',
      '2030-01-16T11:30:00.000Z',
    ]);

    clock.set('2030-01-23T10:45:00Z');
    const underway = aSession(site, {
      serviceId: session.serviceId,
      startsAt: '2030-01-23T10:00:00.000Z',
      endsAt: '2030-01-23T12:00:00.000Z',
    });
    expect((await madeFrom(underway)).map((s) => s.starts_at.toISOString())).toEqual([
      '2030-01-23T11:00:00.000Z',
      '2030-01-23T11:30:00.000Z',
    ]);
  });

  it('refuses a session of a service whose slots another organisation hosts, making nothing', async () => {
    const session = aSession(site);
    await madeFrom(session);
    const northgateSite = await db.transaction((m) => aHostSite(m, { orgId: NORTHGATE_CDAS }));
    const moved = aSession(northgateSite, { serviceId: session.serviceId });
    await expect(madeFrom(moved)).rejects.toMatchObject({
      code: 'SERVICE_HOSTED_ELSEWHERE',
      consumerDecision: 'dead-letter',
    });
    expect(await slotsOfSession(db.dataSource, moved.sessionId)).toEqual([]);
  });
});
