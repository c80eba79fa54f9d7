import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@careloop/auth';
import { deadLetterTopic, TOPICS } from '@careloop/contracts';
import { DLQ_HEADERS } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { eventually, testKafka, withKafkaAdmin } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { bookAppointmentBody } from '../../src/appointment/appointment.dto';
import { SearchFreeSlots } from '../../src/slot/search-free-slots';
import { searchSlotsQuery } from '../../src/slot/slot-search.dto';
import type { Site } from '../../src/organisation/site.entity';
import { appointmentsAt } from '../support/appointment-use-cases';
import { aBookingClient, aPrincipal, RIVERSIDE_CDAS } from '../support/booking-fixtures';
import { startBookingWithInreach, type BookingWithInreach } from '../support/booking-with-inreach-over-kafka';
import { eventsInOutbox } from '../support/events-in-outbox';
import {
  aHostSite,
  aSession,
  sessionPublished,
  sessionWithdrawn,
  slotsOfSession,
} from '../support/inreach-sessions';

const NORTHGATE_CDAS = 'org-northgate-cdas';
const ST_ELSEWHERE = 'org-st-elsewhere-hospital';
const WAIT = { timeoutMs: 30_000 };

interface PublishedData {
  slotIds: string[];
  seats: number;
  siteId: string;
  serviceType: string;
  ruleId: string | null;
}

/**
 * In-reach's session events, published to in-reach's topic on a real Kafka broker as in-reach's relay
 * publishes them, become booking slots on real Postgres: made once, seen only by the host CDAS,
 * withdrawn with the session; an event naming a host or site booking cannot accept is dead-lettered.
 */
describe('in-reach sessions over real Kafka become booking slots', () => {
  const clock = new ManualClock('2030-01-07T09:00:00Z');
  const riversideWorker = aPrincipal({ orgId: RIVERSIDE_CDAS });
  const northgateWorker = aPrincipal({ orgId: NORTHGATE_CDAS });
  let booking: BookingWithInreach;
  let db: Database;
  let dlqReader: Consumer;
  let search: SearchFreeSlots;
  let riverside: Site;
  let northgate: Site;
  let clientId: string;
  let northgateClientId: string;
  const deadLetters: { code: string | undefined; eventId: string | undefined }[] = [];

  beforeAll(async () => {
    booking = await startBookingWithInreach('booking_inreach_sessions', clock);
    db = booking.db;
    search = new SearchFreeSlots(db.dataSource, new AuditTrail(), clock);
    riverside = await db.transaction((m) =>
      aHostSite(m, { orgId: RIVERSIDE_CDAS, siteName: 'Riverside House' }),
    );
    northgate = await db.transaction((m) =>
      aHostSite(m, { orgId: NORTHGATE_CDAS, siteName: 'Northgate Centre' }),
    );
    clientId = (await db.transaction((m) => aBookingClient(m, { orgId: RIVERSIDE_CDAS }))).clientId;
    northgateClientId = (await db.transaction((m) => aBookingClient(m, { orgId: NORTHGATE_CDAS }))).clientId;

    dlqReader = testKafka().consumer({ groupId: `${booking.id}.dlq-reader` });
    await dlqReader.connect();
    await dlqReader.subscribe({
      topic: `${booking.topicPrefix}${deadLetterTopic(TOPICS.inreach)}`,
      fromBeginning: true,
    });
    await dlqReader.run({
      eachMessage: async ({ message }) => {
        deadLetters.push({
          code: message.headers?.[DLQ_HEADERS.errorCode]?.toString(),
          eventId: message.headers?.['x-event-id']?.toString(),
        });
      },
    });
  }, 90_000);

  afterAll(async () => {
    await dlqReader?.disconnect().catch(() => undefined);
    await booking?.close();
    await withKafkaAdmin((admin) => admin.deleteGroups([`${booking.id}.dlq-reader`])).catch(() => undefined);
  }, 60_000);

  const publish: BookingWithInreach['publish'] = (...events) => booking.publish(...events);
  const handled = (eventId: string) => booking.isHandled(eventId);

  const slotsMade = async (sessionId: string, count: number) =>
    eventually(async () => {
      const slots = await slotsOfSession(db.dataSource, sessionId);
      expect(slots).toHaveLength(count);
      return slots;
    }, WAIT);

  /** The free slots of a schedule that `who` finds searching the weeks of the sessions. */
  const visibleTo = async (who: typeof riversideWorker, scheduleId: string) =>
    (
      await search.execute(
        who,
        searchSlotsQuery.parse({ scheduleId, from: '2030-01-08T00:00:00Z', to: '2030-01-31T00:00:00Z' }),
      )
    ).slots.map((s) => s.id);

  const published = (scheduleId: string) =>
    eventsInOutbox<PublishedData>(db.dataSource, { key: scheduleId, type: 'slots.published.v1' });

  it('a published session becomes slots of its service’s clinic, seen and booked only by the host CDAS', async () => {
    const session = aSession(riverside);
    await publish(sessionPublished(session));

    const slots = await slotsMade(session.sessionId, 4);
    expect(slots.map((s) => [s.starts_at.toISOString(), s.ends_at.toISOString()])).toEqual([
      ['2030-01-09T10:00:00.000Z', '2030-01-09T10:30:00.000Z'],
      ['2030-01-09T10:30:00.000Z', '2030-01-09T11:00:00.000Z'],
      ['2030-01-09T11:00:00.000Z', '2030-01-09T11:30:00.000Z'],
      ['2030-01-09T11:30:00.000Z', '2030-01-09T12:00:00.000Z'],
    ]);
    for (const slot of slots) {
      expect(slot).toMatchObject({
        org_id: RIVERSIDE_CDAS,
        site_id: riverside.id,
        service_type: 'hepatitis_c',
        provider_name: 'Northfield Liver Nurses',
        location: 'Clinic room 2, 12 High Street, Exampletown',
        capacity: 2,
        status: 'open',
        reserved_for: { kind: 'organisation', orgId: RIVERSIDE_CDAS },
        release_at: null,
      });
    }
    const scheduleId = slots[0]!.schedule_id;
    expect(
      await db.dataSource.query(
        `SELECT org_id, site_id, kind, name, service_type, inreach_service_id FROM booking.schedule WHERE id = $1`,
        [scheduleId],
      ),
    ).toEqual([
      {
        org_id: RIVERSIDE_CDAS,
        site_id: riverside.id,
        kind: 'clinic',
        name: 'Hepatitis C treatment clinic',
        service_type: 'hepatitis_c',
        inreach_service_id: session.serviceId,
      },
    ]);

    const slotIds = slots.map((s) => s.id);
    expect(await visibleTo(riversideWorker, scheduleId)).toEqual(slotIds);
    expect(await visibleTo(northgateWorker, scheduleId)).toEqual([]);

    const announced = await published(scheduleId);
    expect(announced.map((e) => e.data)).toEqual([
      {
        scheduleId,
        slotIds,
        siteId: riverside.id,
        serviceType: 'hepatitis_c',
        ruleId: null,
        seats: 8,
        firstStartsAt: '2030-01-09T10:00:00.000Z',
        lastStartsAt: '2030-01-09T11:30:00.000Z',
      },
    ]);
    expect(announced[0]).toMatchObject({
      orgId: RIVERSIDE_CDAS,
      actor: { kind: 'user', id: 'user-inreach-coordinator' },
    });
    // The host's own clients are what the session is for, not a clinic's reserved capacity.
    expect(await eventsInOutbox(db.dataSource, { key: scheduleId, type: 'slots.reserved.v1' })).toEqual([]);

    const { book } = appointmentsAt(db.dataSource, clock);
    const booked = await book.execute(
      riversideWorker,
      bookAppointmentBody.parse({ slotId: slotIds[0], clientId }),
      randomUUID(),
    );
    expect(booked.result).toMatchObject({ status: 'booked', slotId: slotIds[0] });
    await expect(
      book.execute(
        northgateWorker,
        bookAppointmentBody.parse({ slotId: slotIds[1], clientId: northgateClientId }),
        undefined,
      ),
    ).rejects.toMatchObject({ code: 'SLOT_RESERVED' });
  });

  it('redelivered or published again, a session makes no second set of slots and no second slots.published', async () => {
    const session = aSession(riverside);
    const first = sessionPublished(session);
    await publish(first);
    const slots = await slotsMade(session.sessionId, 4);
    const scheduleId = slots[0]!.schedule_id;

    // The same message again, then the session published again (a new event): one partition (the
    // session's key), in order, so once the second is handled the first was too.
    const again = sessionPublished(session);
    await publish(first, again);
    await eventually(async () => expect(await handled(again.id)).toBe(true), WAIT);
    expect((await slotsOfSession(db.dataSource, session.sessionId)).map((s) => s.id)).toEqual(
      slots.map((s) => s.id),
    );
    expect(await published(scheduleId)).toHaveLength(1);

    // Another session of the same service goes on the same schedule, with its own slots.
    const next = aSession(riverside, {
      serviceId: session.serviceId,
      startsAt: '2030-01-16T10:00:00.000Z',
      endsAt: '2030-01-16T11:00:00.000Z',
    });
    await publish(sessionPublished(next));
    const nextSlots = await slotsMade(next.sessionId, 2);
    expect(nextSlots.map((s) => s.schedule_id)).toEqual([scheduleId, scheduleId]);
    expect((await published(scheduleId)).map((e) => e.data.slotIds)).toEqual([
      slots.map((s) => s.id),
      nextSlots.map((s) => s.id),
    ]);
  });

  it('withdrawing a session withdraws its slots once; a booked appointment stays, shown in a withdrawn slot', async () => {
    const session = aSession(riverside);
    await publish(sessionPublished(session));
    const slots = await slotsMade(session.sessionId, 4);
    const scheduleId = slots[0]!.schedule_id;
    const { book, get } = appointmentsAt(db.dataSource, clock);
    const booked = await book.execute(
      riversideWorker,
      bookAppointmentBody.parse({ slotId: slots[1]!.id, clientId }),
      randomUUID(),
    );

    await publish(sessionWithdrawn(session));
    const reason = 'In-reach session cancelled: Specialist on leave';
    await eventually(async () => {
      const now = await slotsOfSession(db.dataSource, session.sessionId);
      expect(now.map((s) => [s.status, s.withdrawn_reason])).toEqual(slots.map(() => ['withdrawn', reason]));
    }, WAIT);
    expect(await get.execute(riversideWorker, booked.result.id)).toMatchObject({
      status: 'booked',
      slotWithdrawn: true,
      slotWithdrawnReason: reason,
    });
    expect(await visibleTo(riversideWorker, scheduleId)).toEqual([]);

    // A repeat, and a session booking never made slots for: nothing more, and no dead letter.
    const repeat = sessionWithdrawn(session, { reason: 'series_changed', note: null });
    const neverSeen = sessionWithdrawn({ sessionId: randomUUID(), hostOrgId: RIVERSIDE_CDAS });
    await publish(repeat, neverSeen);
    await eventually(async () => {
      expect(await handled(repeat.id)).toBe(true);
      expect(await handled(neverSeen.id)).toBe(true);
    }, WAIT);
    const withdrawn = await eventsInOutbox<{ slotIds: string[]; reason: string; exceptionId: string | null }>(
      db.dataSource,
      { key: scheduleId, type: 'slots.withdrawn.v1' },
    );
    expect(withdrawn.map((e) => e.data)).toEqual([
      { scheduleId, slotIds: slots.map((s) => s.id), reason, exceptionId: null },
    ]);
    expect((await slotsOfSession(db.dataSource, session.sessionId)).map((s) => s.withdrawn_reason)).toEqual(
      slots.map(() => reason),
    );
    expect(deadLetters.map((d) => d.eventId)).not.toEqual(expect.arrayContaining([repeat.id, neverSeen.id]));
  });

  it('a session whose host booking does not know, is not a CDAS or does not own the site is dead-lettered; nothing is made', async () => {
    const hospital = await db.transaction((m) => aHostSite(m, { orgId: ST_ELSEWHERE, kind: 'hospital' }));
    const unknownHost = aSession({ id: riverside.id, orgId: 'org-nobody-knows' });
    const notACdas = aSession(hospital);
    const foreignSite = aSession(northgate, { hostOrgId: RIVERSIDE_CDAS });
    const events = [unknownHost, notACdas, foreignSite].map(sessionPublished);
    await publish(...events);

    await eventually(
      () =>
        expect(deadLetters.filter((d) => events.some((e) => e.id === d.eventId))).toEqual(
          expect.arrayContaining([
            { eventId: events[0]!.id, code: 'HOST_NOT_REGISTERED' },
            { eventId: events[1]!.id, code: 'HOST_NOT_A_CDAS' },
            { eventId: events[2]!.id, code: 'SITE_NOT_HOSTS' },
          ]),
        ),
      WAIT,
    );
    for (const session of [unknownHost, notACdas, foreignSite]) {
      expect(await slotsOfSession(db.dataSource, session.sessionId)).toEqual([]);
      expect(
        await db.dataSource.query(`SELECT id FROM booking.schedule WHERE inreach_service_id = $1`, [
          session.serviceId,
        ]),
      ).toEqual([]);
    }
  });
});
