import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@careloop/auth';
import { slotsPublishedV1, slotsReservedV1, slotsWithdrawnV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { ManualClock } from '@careloop/time';
import { AddAvailabilityException } from '../../src/availability/add-availability-exception';
import { AvailabilityRule } from '../../src/availability/availability-rule.entity';
import { createRuleBody, type CreateRuleBody } from '../../src/availability/availability.dto';
import { CreateAvailabilityRule } from '../../src/availability/create-availability-rule';
import { EndAvailabilityRule, RULE_ENDED_REASON } from '../../src/availability/end-availability-rule';
import { ExtendAvailability } from '../../src/availability/extend-availability';
import { ListAvailabilityExceptions } from '../../src/availability/list-availability-exceptions';
import { ListAvailabilityRules } from '../../src/availability/list-availability-rules';
import { materialiseRule } from '../../src/availability/materialise-rule';
import { DEFAULT_BOOKING_POLICY, type BookingPolicy } from '../../src/booking-policy';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { loadSchedule } from '../../src/schedule/load-schedule';
import { PublishSlots } from '../../src/slot/publish-slots';
import { publishSlotsBody } from '../../src/slot/slot.dto';
import type { Schedule } from '../../src/schedule/schedule.entity';
import { useBookingDatabase } from '../support/booking-database';
import { aClinicAdmin, aSchedule, RIVERSIDE_CDAS } from '../support/booking-fixtures';
import { eventsInOutbox } from '../support/events-in-outbox';

const START = '2026-10-01T09:00:00Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Recurring availability on the real Postgres: rules made into slots up to a rolling horizon in
 * Europe/London time, exactly once however often and however concurrently they are materialised;
 * exceptions that withdraw free slots and report booked ones; rules that end.
 */
describe('recurring availability and exceptions', () => {
  const db = useBookingDatabase('booking_availability', { poolSize: 20 });
  const clock = new ManualClock(START);
  const policy: BookingPolicy = { ...DEFAULT_BOOKING_POLICY, horizonWeeks: 12 };
  const outbox = new Outbox(BOOKING_SCHEMA, clock);
  let createRule: CreateAvailabilityRule;
  let listRules: ListAvailabilityRules;
  let endRule: EndAvailabilityRule;
  let addException: AddAvailabilityException;
  let listExceptions: ListAvailabilityExceptions;
  let extend: ExtendAvailability;

  beforeAll(async () => {
    createRule = new CreateAvailabilityRule(db.dataSource, outbox, clock, policy);
    listRules = new ListAvailabilityRules(db.dataSource);
    endRule = new EndAvailabilityRule(db.dataSource, outbox, clock);
    addException = new AddAvailabilityException(db.dataSource, outbox, new AuditTrail(), clock);
    listExceptions = new ListAvailabilityExceptions(db.dataSource);
    extend = new ExtendAvailability(db.dataSource, outbox, policy);
  });

  beforeEach(() => {
    clock.set(START);
  });

  // The timer task works on every rule in the database: end each test's rules so the next starts clean.
  afterEach(async () => {
    await db.dataSource.query(`UPDATE booking.availability_rule SET ended_at = now() WHERE ended_at IS NULL`);
  });

  const admin = aClinicAdmin();
  const aProviderSchedule = () => aSchedule(db.dataSource.manager, { orgId: admin.orgId });

  const aRule = (overrides: Partial<Record<keyof CreateRuleBody, unknown>> = {}): CreateRuleBody =>
    createRuleBody.parse({
      rrule: 'FREQ=DAILY',
      startTime: '09:00',
      endTime: '09:20',
      slotMinutes: 20,
      validFrom: '2026-10-01',
      ...overrides,
    });

  const slotsOf = async (where: { scheduleId?: string; ruleId?: string }) =>
    (await db.dataSource.query(
      `SELECT id, rule_id, starts_at, ends_at, status, taken, capacity, provider_name, location, reserved_for, release_at,
              to_char(starts_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') AS london
         FROM booking.slot WHERE ($1::uuid IS NULL OR schedule_id = $1) AND ($2::uuid IS NULL OR rule_id = $2)
        ORDER BY starts_at`,
      [where.scheduleId ?? null, where.ruleId ?? null],
    )) as {
      id: string;
      rule_id: string | null;
      starts_at: Date;
      status: string;
      taken: number;
      london: string;
      provider_name: string;
      location: string;
      reserved_for: unknown;
      release_at: Date | null;
    }[];

  const eventsAbout = (subjectId: string, type?: string) =>
    eventsInOutbox(db.dataSource, { key: subjectId, type });
  const publishedIds = async (scheduleId: string) =>
    (await eventsAbout(scheduleId, 'slots.published.v1')).flatMap(
      (e) => slotsPublishedV1.data.parse(e.data).slotIds,
    );

  /** A seat held or booked straight in the tables (the appointment context's own tests cover how). */
  async function aSeatTaken(slotId: string, status: 'booked' | 'held') {
    const appointmentId = randomUUID();
    const clientId = randomUUID();
    await db.transaction(async (m) => {
      await m.query(`UPDATE booking.slot SET taken = taken + 1 WHERE id = $1`, [slotId]);
      await m.query(
        `INSERT INTO booking.appointment (id, org_id, slot_id, seat, client_id, status, booked_by, booked_at, hold_expires_at)
         VALUES ($1, $2, $3, 1, $4, $5, 'alex.morgan', $6, $7)`,
        [
          appointmentId,
          RIVERSIDE_CDAS,
          slotId,
          clientId,
          status,
          clock.now(),
          status === 'held' ? new Date(clock.now().getTime() + 600_000) : null,
        ],
      );
    });
    return { appointmentId, clientId };
  }

  describe('making slots from a rule', () => {
    it('a weekly rule across the 2026 autumn clock change: 09:00 London is 08:00Z before it and 09:00Z after', async () => {
      const schedule = await aProviderSchedule();
      const { result } = await createRule.execute(
        admin,
        schedule.id,
        aRule({ rrule: 'FREQ=WEEKLY;BYDAY=TU', endTime: '10:00', validUntil: '2026-11-10' }),
        undefined,
      );
      expect(result.published).toBe(18);
      expect(result.rule).toMatchObject({
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
        materialisedUntil: '2026-11-10',
        endedAt: null,
      });

      const slots = await slotsOf({ scheduleId: schedule.id });
      const nine = slots.filter((s) => s.london.endsWith('09:00'));
      expect(nine.map((s) => s.starts_at.toISOString())).toEqual([
        '2026-10-06T08:00:00.000Z',
        '2026-10-13T08:00:00.000Z',
        '2026-10-20T08:00:00.000Z',
        '2026-10-27T09:00:00.000Z',
        '2026-11-03T09:00:00.000Z',
        '2026-11-10T09:00:00.000Z',
      ]);
      expect(new Set(slots.map((s) => s.london.slice(11)))).toEqual(new Set(['09:00', '09:20', '09:40']));
      expect(slots[0]).toMatchObject({
        rule_id: result.rule.id,
        status: 'open',
        capacity: 1,
        provider_name: 'Respiratory clinic',
        location: 'Outpatients B, St Elsewhere Hospital, Lower Road',
      });

      const [published, ...more] = await eventsAbout(schedule.id);
      expect(more).toEqual([]);
      expect(published).toMatchObject({
        type: 'slots.published.v1',
        orgId: admin.orgId,
        subjectId: schedule.id,
      });
      expect(slotsPublishedV1.data.parse(published!.data)).toMatchObject({
        ruleId: result.rule.id,
        slotIds: slots.map((s) => s.id),
        firstStartsAt: '2026-10-06T08:00:00.000Z',
        lastStartsAt: '2026-11-10T09:40:00.000Z',
        seats: 18,
      });
    });

    it('makes slots up to the horizon only; the timer rolls it on a day at a time and does nothing when nothing is due', async () => {
      const schedule = await aProviderSchedule();
      const { result } = await createRule.execute(admin, schedule.id, aRule(), undefined);
      // 1 October's 09:00 BST (08:00Z) has passed: 2 October to 24 December, 12 weeks ahead.
      expect(result.published).toBe(84);
      expect(result.rule.materialisedUntil).toBe('2026-12-24');
      expect(await extend.run(clock.now())).toBe(0);

      clock.advance(DAY);
      expect(await extend.run(clock.now())).toBe(1);
      expect(await extend.run(clock.now())).toBe(0);
      const slots = await slotsOf({ scheduleId: schedule.id });
      expect(slots).toHaveLength(85);
      expect(slots.at(-1)!.london).toBe('2026-12-25 09:00');
      expect(await publishedIds(schedule.id)).toEqual(slots.map((s) => s.id));
      const [rule] = await listRules.execute(admin, schedule.id);
      expect(rule!.materialisedUntil).toBe('2026-12-25');
    });

    it('a rule that starts beyond the horizon makes nothing until the horizon reaches it', async () => {
      const schedule = await aProviderSchedule();
      const { result } = await createRule.execute(
        admin,
        schedule.id,
        aRule({ validFrom: '2027-01-04' }),
        undefined,
      );
      expect(result).toMatchObject({ published: 0, rule: { materialisedUntil: null } });
      expect(await extend.run(clock.now())).toBe(0);

      clock.set('2026-10-12T12:00:00Z'); // horizon: 4 January 2027
      expect(await extend.run(clock.now())).toBe(1);
      expect((await slotsOf({ scheduleId: schedule.id })).map((s) => s.london)).toEqual(['2027-01-04 09:00']);
    });

    it('a rule reserving its slots reserves every slot it makes, with slots.reserved.v1; one whose release time has passed is made open to all', async () => {
      const schedule = await aProviderSchedule();
      const reservedFor = { kind: 'all_cdas' as const };
      await createRule.execute(
        admin,
        schedule.id,
        aRule({ validUntil: '2026-10-03', reservation: { reservedFor, releaseBeforeMinutes: 1440 } }),
        undefined,
      );
      // Now is 1 October 09:00Z: 2 October's slot (08:00Z) would have been released at 08:00Z today.
      const slots = await slotsOf({ scheduleId: schedule.id });
      expect(slots.map((s) => [s.london, s.reserved_for, s.release_at?.toISOString() ?? null])).toEqual([
        ['2026-10-02 09:00', null, null],
        ['2026-10-03 09:00', reservedFor, '2026-10-02T08:00:00.000Z'],
      ]);
      expect(await publishedIds(schedule.id)).toEqual(slots.map((s) => s.id));
      const [reserved, ...more] = await eventsAbout(schedule.id, 'slots.reserved.v1');
      expect(more).toEqual([]);
      expect(slotsReservedV1.data.parse(reserved!.data)).toEqual({
        scheduleId: schedule.id,
        slotIds: [slots[1]!.id],
        reservedFor,
        releaseBeforeMinutes: 1440,
      });
    });

    it('refuses a rule reserving for its own organisation or one booking does not know; creates nothing', async () => {
      const schedule = await aProviderSchedule();
      const forOrg = (orgId: string) =>
        createRule
          .execute(
            admin,
            schedule.id,
            aRule({ reservation: { reservedFor: { kind: 'organisation', orgId } } }),
            undefined,
          )
          .catch((e: unknown) => e);
      expect(await forOrg(admin.orgId)).toMatchObject({
        code: 'RESERVATION_FOR_OWN_ORGANISATION',
        status: 422,
        extensions: { errors: [{ path: 'reservation.reservedFor.orgId' }] },
      });
      expect(await forOrg('org-rivreside-cdas')).toMatchObject({
        code: 'RESERVATION_TARGET_UNKNOWN',
        status: 422,
      });
      expect(await listRules.execute(admin, schedule.id)).toEqual([]);
      expect(await slotsOf({ scheduleId: schedule.id })).toEqual([]);
      expect(await eventsAbout(schedule.id)).toEqual([]);
    });

    it('skips the times where the schedule already has an open slot (a manual one), when created and when extended', async () => {
      const schedule = await aProviderSchedule();
      const publish = new PublishSlots(db.dataSource, outbox, clock);
      const { result: manual } = await publish.execute(
        admin,
        publishSlotsBody.parse({
          scheduleId: schedule.id,
          slots: [
            // 5 October 09:00-09:30 London (BST): covers the rule's 09:00 and 09:20 slots.
            { startsAt: '2026-10-05T08:00:00Z', endsAt: '2026-10-05T08:30:00Z' },
            // A withdrawn slot leaves its time free: 6 October 09:00-09:20.
            { startsAt: '2026-10-06T08:00:00Z', endsAt: '2026-10-06T08:20:00Z' },
            // Beyond today's horizon (24 December), reached tomorrow: 25 December 09:10-09:30 GMT.
            { startsAt: '2026-12-25T09:10:00Z', endsAt: '2026-12-25T09:30:00Z' },
          ],
        }),
        undefined,
      );
      await db.dataSource.query(`UPDATE booking.slot SET status = 'withdrawn' WHERE id = $1`, [
        manual.slots[1]!.id,
      ]);

      const { result } = await createRule.execute(
        admin,
        schedule.id,
        aRule({ endTime: '10:00', validFrom: '2026-10-05' }),
        undefined,
      );
      const made = await slotsOf({ ruleId: result.rule.id });
      expect(made.filter((s) => s.london < '2026-10-07').map((s) => s.london)).toEqual([
        '2026-10-05 09:40',
        '2026-10-06 09:00',
        '2026-10-06 09:20',
        '2026-10-06 09:40',
      ]);
      expect(result.published).toBe(made.length);

      clock.advance(DAY);
      expect(await extend.run(clock.now())).toBe(1);
      expect(
        (await slotsOf({ scheduleId: schedule.id }))
          .filter((s) => s.london.startsWith('2026-12-25') && s.status === 'open')
          .map((s) => [s.london, s.rule_id]),
      ).toEqual([
        ['2026-12-25 09:10', null],
        ['2026-12-25 09:40', result.rule.id],
      ]);
    });

    it("refuses a rule on another organisation's schedule like an unknown one, and one already over; creates nothing", async () => {
      const theirs = await aSchedule(db.dataSource.manager, {
        orgId: `org-other-${randomUUID().slice(0, 8)}`,
      });
      await expect(createRule.execute(admin, theirs.id, aRule(), undefined)).rejects.toMatchObject({
        code: 'SCHEDULE_NOT_FOUND',
        status: 404,
      });
      const schedule = await aProviderSchedule();
      await expect(
        createRule.execute(
          admin,
          schedule.id,
          aRule({ validFrom: '2026-09-01', validUntil: '2026-09-30' }),
          undefined,
        ),
      ).rejects.toMatchObject({ code: 'RULE_ALREADY_OVER', status: 422 });
      const rules = await db.dataSource.query(
        `SELECT id FROM booking.availability_rule WHERE schedule_id = ANY($1)`,
        [[theirs.id, schedule.id]],
      );
      expect(rules).toEqual([]);
    });

    it('a retried creation with the same Idempotency-Key returns the first rule and makes nothing more', async () => {
      const schedule = await aProviderSchedule();
      const key = randomUUID();
      const body = aRule({ validUntil: '2026-10-10' });
      const first = await createRule.execute(admin, schedule.id, body, key);
      expect(await createRule.execute(admin, schedule.id, body, key)).toEqual({
        replayed: true,
        result: first.result,
      });
      expect(await listRules.execute(admin, schedule.id)).toHaveLength(1);
      expect(await slotsOf({ scheduleId: schedule.id })).toHaveLength(9);
    });
  });

  describe('materialising exactly once', () => {
    /** A rule as stored before any of its slots were made. */
    async function anUnmaterialisedRule(schedule: Schedule, validUntil = '2026-10-20') {
      const rule = db.dataSource.manager.create(AvailabilityRule, {
        id: randomUUID(),
        scheduleId: schedule.id,
        rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
        startTime: '09:00',
        endTime: '12:00',
        slotMinutes: 20,
        capacity: 2,
        validFrom: '2026-10-01',
        validUntil,
        reservedFor: null,
        releaseBeforeMinutes: null,
        materialisedUntil: null,
        endedAt: null,
        createdBy: admin.userId,
        createdAt: clock.now(),
      });
      await db.dataSource.manager.insert(AvailabilityRule, rule);
      return rule;
    }

    it('materialising a rule again makes no duplicate and announces nothing new', async () => {
      const schedule = await aProviderSchedule();
      const { result } = await createRule.execute(
        admin,
        schedule.id,
        aRule({ validUntil: '2026-10-31' }),
        undefined,
      );
      await db.dataSource.query(
        `UPDATE booking.availability_rule SET materialised_until = NULL WHERE id = $1`,
        [result.rule.id],
      );
      expect(await extend.run(clock.now())).toBe(0);
      expect(await slotsOf({ ruleId: result.rule.id })).toHaveLength(result.published);
      expect(await eventsAbout(schedule.id)).toHaveLength(1);
      expect((await listRules.execute(admin, schedule.id))[0]!.materialisedUntil).toBe('2026-10-31');
    });

    it('two timer processes running at once make each slot once and announce each once', async () => {
      const schedules = await Promise.all([1, 2, 3, 4].map(() => aProviderSchedule()));
      const rules = await Promise.all(schedules.map((s) => anUnmaterialisedRule(s)));
      const otherProcess = new ExtendAvailability(db.dataSource, new Outbox(BOOKING_SCHEMA, clock), policy);
      const made = await Promise.all([extend.run(clock.now()), otherProcess.run(clock.now())]);

      // Mondays, Wednesdays and Fridays 2-19 October (the 1st is a Thursday), 9 slots a day.
      const perRule = 8 * 9;
      expect(made[0] + made[1]).toBe(rules.length * perRule);
      for (const [i, rule] of rules.entries()) {
        const slots = await slotsOf({ ruleId: rule.id });
        expect(slots).toHaveLength(perRule);
        expect((await publishedIds(schedules[i]!.id)).sort()).toEqual(slots.map((s) => s.id).sort());
      }
    });

    it('two transactions materialising the same rule together (no rule lock) still make each slot once', async () => {
      const schedule = await aProviderSchedule();
      const rule = await anUnmaterialisedRule(schedule, '2026-10-09');
      const once = () =>
        db.transaction(async (m) => {
          const onSchedule = (await loadSchedule(m, schedule.id))!;
          const copy = await m.findOneByOrFail(AvailabilityRule, { id: rule.id });
          return materialiseRule(m, outbox, {
            rule: copy,
            onSchedule,
            now: clock.now(),
            horizonWeeks: policy.horizonWeeks,
            actor: { kind: 'system', id: 'system:test' },
          });
        });
      const [a, b] = await Promise.all([once(), once()]);
      const slots = await slotsOf({ ruleId: rule.id });
      expect(slots).toHaveLength(4 * 9); // 2, 5, 7 and 9 October
      expect(a.length + b.length).toBe(slots.length);
      expect((await publishedIds(schedule.id)).sort()).toEqual(slots.map((s) => s.id).sort());
    });
  });

  describe('exceptions', () => {
    it('withdraw the slots in the window, report held and booked appointments (audited, kept), and are skipped later', async () => {
      const schedule = await aProviderSchedule();
      await createRule.execute(admin, schedule.id, aRule({ endTime: '10:00' }), undefined);
      const slots = await slotsOf({ scheduleId: schedule.id });
      const onDay = (day: string) => slots.filter((s) => s.london.startsWith(day));
      const booked = await aSeatTaken(onDay('2026-10-06')[1]!.id, 'booked');
      const held = await aSeatTaken(onDay('2026-10-05')[2]!.id, 'held');

      const { result } = await addException.execute(
        admin,
        schedule.id,
        { startsAt: '2026-10-04T23:00:00Z', endsAt: '2026-10-06T23:00:00Z', reason: 'Staff training' },
        undefined,
      );
      expect(result.withdrawn).toBe(6);
      expect(result.affectedAppointments).toEqual([
        { appointmentId: held.appointmentId, startsAt: onDay('2026-10-05')[2]!.starts_at.toISOString() },
        { appointmentId: booked.appointmentId, startsAt: onDay('2026-10-06')[1]!.starts_at.toISOString() },
      ]);
      const after = await slotsOf({ scheduleId: schedule.id });
      const state = (day: string) =>
        after
          .filter((s) => s.london.startsWith(day))
          .map((s) => `${s.london.slice(11)} ${s.status}/${s.taken}`);
      // A taken slot is withdrawn too (no seat in it is offered again) and keeps its appointment.
      expect(state('2026-10-05')).toEqual(['09:00 withdrawn/0', '09:20 withdrawn/0', '09:40 withdrawn/1']);
      expect(state('2026-10-06')).toEqual(['09:00 withdrawn/0', '09:20 withdrawn/1', '09:40 withdrawn/0']);
      expect(state('2026-10-07')).toEqual(['09:00 open/0', '09:20 open/0', '09:40 open/0']);
      const kept: { id: string; status: string }[] = await db.dataSource.query(
        `SELECT id, status FROM booking.appointment WHERE id = ANY($1) ORDER BY status`,
        [[booked.appointmentId, held.appointmentId]],
      );
      expect(kept).toEqual([
        { id: booked.appointmentId, status: 'booked' },
        { id: held.appointmentId, status: 'held' },
      ]);

      const [withdrawn] = await eventsAbout(schedule.id, 'slots.withdrawn.v1');
      expect(slotsWithdrawnV1.data.parse(withdrawn!.data)).toEqual({
        scheduleId: schedule.id,
        slotIds: after.filter((s) => s.status === 'withdrawn').map((s) => s.id),
        reason: 'Staff training',
        exceptionId: result.exception.id,
      });
      const audit = new AuditTrail();
      for (const { clientId, appointmentId } of [booked, held]) {
        expect(await audit.forClient(db.dataSource.manager, BOOKING_SCHEMA, clientId)).toEqual([
          expect.objectContaining({ action: 'read', subjectId: appointmentId, actorUserId: admin.userId }),
        ]);
      }

      // Christmas Day is beyond today's horizon: when the horizon reaches it, no slot is made there.
      await addException.execute(
        admin,
        schedule.id,
        { startsAt: '2026-12-25T00:00:00Z', endsAt: '2026-12-26T00:00:00Z', reason: 'Christmas Day' },
        undefined,
      );
      clock.advance(2 * DAY);
      expect(await extend.run(clock.now())).toBe(3); // 26 December only
      expect(
        (await slotsOf({ scheduleId: schedule.id }))
          .filter((s) => s.london >= '2026-12-25')
          .map((s) => s.london),
      ).toEqual(['2026-12-26 09:00', '2026-12-26 09:20', '2026-12-26 09:40']);
      expect((await listExceptions.execute(admin, schedule.id)).map((e) => e.reason)).toEqual([
        'Staff training',
        'Christmas Day',
      ]);
    });

    it('racing a publication into its window: the slot is either refused or withdrawn, never left open', async () => {
      const publish = new PublishSlots(db.dataSource, outbox, clock);
      const schedules = await Promise.all(Array.from({ length: 8 }, () => aProviderSchedule()));
      const outcomes = await Promise.all(
        schedules.map(async (schedule) => {
          const [published, excepted] = await Promise.allSettled([
            publish.execute(
              admin,
              publishSlotsBody.parse({
                scheduleId: schedule.id,
                slots: [{ startsAt: '2026-10-10T09:00:00Z', endsAt: '2026-10-10T09:20:00Z' }],
              }),
              undefined,
            ),
            addException.execute(
              admin,
              schedule.id,
              { startsAt: '2026-10-10T00:00:00Z', endsAt: '2026-10-11T00:00:00Z', reason: 'Annual leave' },
              undefined,
            ),
          ]);
          return { schedule, published, excepted };
        }),
      );
      for (const { schedule, published, excepted } of outcomes) {
        expect(excepted.status).toBe('fulfilled');
        const withdrawn = excepted.status === 'fulfilled' ? excepted.value.result.withdrawn : -1;
        if (published.status === 'fulfilled') expect(withdrawn).toBe(1);
        else
          expect({ code: published.reason.code, withdrawn }).toEqual({
            code: 'SLOTS_IN_EXCEPTION',
            withdrawn: 0,
          });
        expect((await slotsOf({ scheduleId: schedule.id })).filter((s) => s.status === 'open')).toEqual([]);
      }
    });

    it("are refused on another organisation's schedule like an unknown one, and in the past; nothing changes", async () => {
      const theirs = await aSchedule(db.dataSource.manager, {
        orgId: `org-other-${randomUUID().slice(0, 8)}`,
      });
      const window = { startsAt: '2026-10-05T00:00:00Z', endsAt: '2026-10-06T00:00:00Z', reason: 'Leave' };
      await expect(addException.execute(admin, theirs.id, window, undefined)).rejects.toMatchObject({
        code: 'SCHEDULE_NOT_FOUND',
      });
      await expect(listExceptions.execute(admin, theirs.id)).rejects.toMatchObject({
        code: 'SCHEDULE_NOT_FOUND',
      });
      const schedule = await aProviderSchedule();
      await expect(
        addException.execute(
          admin,
          schedule.id,
          { startsAt: '2026-09-01T00:00:00Z', endsAt: '2026-10-01T08:00:00Z', reason: 'Leave' },
          undefined,
        ),
      ).rejects.toMatchObject({ code: 'EXCEPTION_IN_THE_PAST', status: 422 });
      const stored = await db.dataSource.query(
        `SELECT id FROM booking.availability_exception WHERE schedule_id = ANY($1)`,
        [[theirs.id, schedule.id]],
      );
      expect(stored).toEqual([]);
    });
  });

  describe('ending a rule', () => {
    it('withdraws its free future slots, keeps booked ones, and the timer makes no more', async () => {
      const schedule = await aProviderSchedule();
      const { result } = await createRule.execute(admin, schedule.id, aRule(), undefined);
      const slots = await slotsOf({ ruleId: result.rule.id });
      await aSeatTaken(slots[3]!.id, 'booked');

      const ended = await endRule.execute(admin, result.rule.id);
      expect(ended.withdrawn).toBe(result.published - 1);
      expect(ended.rule.endedAt).toBe(START.replace('Z', '.000Z'));
      const after = await slotsOf({ ruleId: result.rule.id });
      expect(after.filter((s) => s.status === 'open').map((s) => s.id)).toEqual([slots[3]!.id]);
      const [withdrawn] = await eventsAbout(schedule.id, 'slots.withdrawn.v1');
      expect(slotsWithdrawnV1.data.parse(withdrawn!.data)).toMatchObject({
        reason: RULE_ENDED_REASON,
        exceptionId: null,
      });
      expect(slotsWithdrawnV1.data.parse(withdrawn!.data).slotIds).toHaveLength(result.published - 1);

      clock.advance(7 * DAY);
      expect(await extend.run(clock.now())).toBe(0);
      expect(await slotsOf({ ruleId: result.rule.id })).toHaveLength(result.published);
      await expect(endRule.execute(admin, result.rule.id)).rejects.toMatchObject({
        code: 'RULE_ALREADY_ENDED',
        status: 409,
      });
      expect((await listRules.execute(admin, schedule.id)).map((r) => r.endedAt)).toEqual([
        ended.rule.endedAt,
      ]);
    });

    it("refuses another organisation's rule like an unknown one, leaving it running", async () => {
      const schedule = await aProviderSchedule();
      const { result } = await createRule.execute(
        admin,
        schedule.id,
        aRule({ validUntil: '2026-10-05' }),
        undefined,
      );
      const stranger = aClinicAdmin({ orgId: `org-other-${randomUUID().slice(0, 8)}` });
      await expect(endRule.execute(stranger, result.rule.id)).rejects.toMatchObject({
        code: 'RULE_NOT_FOUND',
        status: 404,
      });
      await expect(endRule.execute(admin, randomUUID())).rejects.toMatchObject({ code: 'RULE_NOT_FOUND' });
      await expect(listRules.execute(stranger, schedule.id)).rejects.toMatchObject({
        code: 'SCHEDULE_NOT_FOUND',
      });
      expect((await listRules.execute(admin, schedule.id))[0]!.endedAt).toBeNull();
      expect((await slotsOf({ ruleId: result.rule.id })).every((s) => s.status === 'open')).toBe(true);
    });
  });
});
