import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@careloop/auth';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { SqlClientDirectory } from '../../src/need/client-directory';
import type { AppointmentEvent } from '../../src/referral/record-appointment-event';
import { GetClientTimeline } from '../../src/timeline/get-client-timeline';
import { TIMELINE_SOURCES } from '../../src/timeline/sources';
import { timelineQuery } from '../../src/timeline/timeline.dto';
import {
  aPrincipal,
  aReferralBody,
  anAppointment,
  openReferralsDatabase,
  referralUseCases,
} from './referral-fixture';

/**
 * A move of an appointment booked for a referral, through the use case booking's consumer calls, on
 * real Postgres: the client's timeline shows the move once, as its appointment_rescheduled entry,
 * while the referral's own history keeps its line.
 */
describe('appointment moves on the client timeline', () => {
  let testDb: TestDatabase;
  let db: Database;
  const clock = new ManualClock('2026-11-02T10:00:00Z');
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  let uc: ReturnType<typeof referralUseCases>;
  let timeline: GetClientTimeline;

  beforeAll(async () => {
    ({ db, testDb } = await openReferralsDatabase('timeline_appointment_moves'));
    uc = referralUseCases(db, clock);
    timeline = new GetClientTimeline(
      db.dataSource,
      new AuditTrail(),
      new SqlClientDirectory(),
      TIMELINE_SOURCES,
    );
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const record = (e: AppointmentEvent) => db.transaction((m) => uc.recordAppointment.execute(m, e));
  async function aReferral() {
    const { clientId, needId } = await uc.referrable(worker);
    return (await uc.create.execute(worker, clientId, aReferralBody(needId), undefined)).result;
  }
  const movesAndStatuses = async (clientId: string) =>
    (await timeline.execute(worker, clientId, timelineQuery.parse({ limit: 100 }))).entries
      .filter((e) => e.kind === 'appointment_rescheduled' || e.kind === 'referral_status_changed')
      .map((e) => [e.kind, e.occurredAt, e.summary]);

  it('shows a move once: its appointment_rescheduled entry, not also a booked-to-booked referral line', async () => {
    const referral = await aReferral();
    const a = anAppointment(worker.orgId, referral.clientId, referral.id);
    await record({ kind: 'booked', event: a.booked() });
    await record({ kind: 'rescheduled', event: a.rescheduled('2026-11-12T14:00:00Z') });

    const entries = await movesAndStatuses(referral.clientId);
    expect(entries).toEqual([
      [
        'appointment_rescheduled',
        '2026-11-04T09:00:00.000Z',
        'Appointment with Hillside Surgery (COPD review) moved from Tue 10 Nov 2026, 10:00 ' +
          'to Thu 12 Nov 2026, 14:00 at Hillside Surgery, room 2',
      ],
      [
        'referral_status_changed',
        '2026-11-03T09:00:00.000Z',
        expect.stringMatching(/moved from sent to booked$/),
      ],
    ]);
    // The referral's own record still says the appointment moved.
    expect((await uc.get.execute(worker, referral.id)).history!.at(-1)).toMatchObject({
      fromStatus: 'booked',
      toStatus: 'booked',
      reason: 'Appointment rescheduled from 2026-11-10T10:00:00Z to 2026-11-12T14:00:00Z',
    });
  });

  it('keeps a status change a move brought about, without repeating the move', async () => {
    const referral = await aReferral();
    const a = anAppointment(worker.orgId, referral.clientId, referral.id);
    await record({ kind: 'booked', event: a.booked() });
    await record({ kind: 'outcome-overdue', event: a.outcomeOverdue() });
    // The overdue appointment is moved rather than given an outcome: the referral is booked again.
    await record({
      kind: 'rescheduled',
      event: a.rescheduled('2026-11-19T14:00:00Z', '2026-11-12T09:00:00Z'),
    });

    const atTheMove = (await movesAndStatuses(referral.clientId)).filter(
      ([, occurredAt]) => occurredAt === '2026-11-12T09:00:00.000Z',
    );
    // The same instant: the timeline orders the two by kind and id.
    expect(atTheMove).toHaveLength(2);
    expect(atTheMove).toEqual(
      expect.arrayContaining([
        [
          'appointment_rescheduled',
          '2026-11-12T09:00:00.000Z',
          expect.stringContaining('to Thu 19 Nov 2026, 14:00'),
        ],
        [
          'referral_status_changed',
          '2026-11-12T09:00:00.000Z',
          'Referral to Hillside Surgery moved from outcome unknown to booked',
        ],
      ]),
    );
  });
});
