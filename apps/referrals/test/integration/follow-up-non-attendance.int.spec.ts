import { randomUUID } from 'node:crypto';
import { BookingEventsConsumer } from '../../src/events/booking-events.consumer';
import { GetReferral } from '../../src/referral/get-referral';
import {
  aClientWithReferral,
  resent,
  startReferralsInProcess,
  type ReferralsInProcess,
} from './follow-up-fixture';
import { anInreachAppointment, PROVIDER, SERVICE_TYPE } from './inreach-care-events';
import { aPrincipal, anAppointment, insertClient } from './referral-fixture';

/**
 * Booking's events about missed, unaccounted-for and unplaceable appointments open the keyworker's
 * follow-up tasks, through the referrals service's real consume pipeline on real Postgres: once per
 * cause however often the event comes, with nothing closed and no referral moved by the tasks.
 */
describe('follow-up tasks from booking events', () => {
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  let env: ReferralsInProcess;

  beforeAll(async () => {
    env = await startReferralsInProcess('follow_up_non_attendance');
  }, 60_000);
  afterAll(() => env?.close(), 30_000);

  const referralOf = (referralId: string) => env.running.app.get(GetReferral).execute(worker, referralId);
  const typesOf = async (clientId: string) => (await env.tasksOf(clientId)).map((t) => t.type);

  it('a missed appointment gives the keyworker a task due the end of the next working day, with what they need to rebook', async () => {
    const { clientId, referralId } = await aClientWithReferral(env, worker, 'urgent');
    const appointment = anAppointment(worker.orgId, clientId, referralId);
    // Recorded on Christmas Eve (a Thursday): Friday and Monday are bank holidays.
    const dna = appointment.attendance('did_not_attend', '2026-12-24T15:00:00Z');
    await env.deliver(appointment.booked(), dna);

    expect(await env.tasksOf(clientId)).toEqual([
      {
        id: expect.any(String),
        type: 'dna_follow_up',
        cause: `dna:${appointment.appointmentId}`,
        summary:
          'Did not attend COPD review with Hillside Surgery on Tue 10 Nov 2026, 10:00: contact the client and offer a new appointment',
        detail: {
          serviceType: 'COPD review',
          providerName: 'Hillside Surgery',
          appointmentStartsAt: '2026-11-10T10:00:00.000Z',
          rebookSearch: { serviceType: 'COPD review', clientId },
        },
        due_at: new Date('2026-12-29T17:00:00Z'),
        priority: 'high',
        team_site_id: 'site-hub',
        assignee_user_id: 'kw-alex',
        status: 'open',
        referral_id: referralId,
        appointment_id: appointment.appointmentId,
        caused_by: dna.id,
      },
    ]);
    const [task] = await env.tasksOf(clientId);
    expect(await env.taskAudit(clientId)).toEqual([{ subject_id: task!.id, actor_user_id: 'system:tasks' }]);
    // The referral moved as the lifecycle says, nothing more: the task changed none of it.
    const referral = await referralOf(referralId);
    expect(referral.status).toBe('did_not_attend');
    expect(referral.history!.map((h) => h.action)).toEqual([
      'create',
      'appointment-booked',
      'did-not-attend',
    ]);
  });

  it('a routine referral gets a routine task; attended opens nothing', async () => {
    const { clientId, referralId } = await aClientWithReferral(env, worker, 'routine');
    const missed = anAppointment(worker.orgId, clientId, referralId);
    await env.deliver(missed.booked(), missed.attendance('did_not_attend', '2026-11-13T16:00:00Z'));
    const [task] = await env.tasksOf(clientId);
    // Friday after 17:00 London: due Monday.
    expect([task!.priority, task!.due_at]).toEqual(['routine', new Date('2026-11-16T17:00:00Z')]);

    const other = await insertClient(env.db, worker.orgId);
    const attended = anAppointment(worker.orgId, other, null);
    await env.deliver(attended.booked(), attended.attendance('attended'));
    expect(await env.tasksOf(other)).toEqual([]);
  });

  it('a late cancellation or leaving before being seen is followed up like a miss, and counts towards no review', async () => {
    const { clientId, referralId } = await aClientWithReferral(env, worker, 'routine');
    for (const outcome of ['cancelled_late', 'left_before_seen', 'cancelled_late'] as const) {
      const appointment = anAppointment(worker.orgId, clientId, referralId);
      await env.deliver(appointment.booked(), appointment.attendance(outcome));
    }
    const tasks = await env.tasksOf(clientId);
    // Three ways of not being seen on one referral: three follow-ups for the keyworker, no review
    // (the threshold counts did-not-attends only), and the referral shows it was not attended.
    expect(tasks.map((t) => `${t.type}: ${t.summary.split(' COPD')[0]}`).sort()).toEqual([
      'dna_follow_up: Cancelled late',
      'dna_follow_up: Cancelled late',
      'dna_follow_up: Left before being seen at',
    ]);
    expect((await referralOf(referralId)).status).toBe('did_not_attend');
  });

  it('a missed appointment booked for no referral gets its task, and counts towards no review', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    for (let i = 0; i < 3; i += 1) {
      const appointment = anAppointment(worker.orgId, clientId, null);
      await env.deliver(appointment.booked(), appointment.attendance('did_not_attend'));
    }
    const tasks = await env.tasksOf(clientId);
    expect(tasks.map((t) => [t.type, t.referral_id])).toEqual([
      ['dna_follow_up', null],
      ['dna_follow_up', null],
      ['dna_follow_up', null],
    ]);
  });

  it('redelivered, or re-sent under a new id, a DNA opens nothing more', async () => {
    const { clientId, referralId } = await aClientWithReferral(env, worker);
    const appointment = anAppointment(worker.orgId, clientId, referralId);
    const dna = appointment.attendance('did_not_attend');
    await env.deliver(appointment.booked(), dna);
    const before = await env.tasksOf(clientId);
    const version = (await referralOf(referralId)).version;

    await env.deliver(dna, resent(dna), resent(dna));
    expect(await env.tasksOf(clientId)).toEqual(before);
    expect(await env.taskAudit(clientId)).toHaveLength(1);
    expect((await referralOf(referralId)).version).toBe(version);
    expect(env.deadLettered(dna)).toEqual([]);
  });

  it('the second DNA on a referral raises one urgent review for the team; none while it is open; the next one after it is done', async () => {
    const { clientId, referralId } = await aClientWithReferral(env, worker);
    const missAt = async (startsAt: string, recordedAt: string) => {
      const appointment = anAppointment(worker.orgId, clientId, referralId);
      const dna = appointment.attendance('did_not_attend', recordedAt);
      await env.deliver(
        appointment.booked(startsAt, new Date(Date.parse(startsAt) - 86_400_000).toISOString()),
        dna,
      );
      return { appointmentId: appointment.appointmentId, dna };
    };
    const first = await missAt('2026-11-10T10:00:00Z', '2026-11-10T11:00:00Z');
    expect(await typesOf(clientId)).toEqual(['dna_follow_up']);

    // Recorded Tuesday: the review is due Thursday.
    const second = await missAt('2026-11-17T10:00:00Z', '2026-11-17T11:00:00Z');
    const reviews = async () => (await env.tasksOf(clientId)).filter((t) => t.type === 'mdt_review');
    expect(await reviews()).toEqual([
      expect.objectContaining({
        cause: `mdt_review:${second.appointmentId}`,
        summary:
          'Repeated non-attendance (2 missed appointments on this referral): discuss at the multidisciplinary meeting',
        detail: { didNotAttend: 2, threshold: 2 },
        due_at: new Date('2026-11-19T17:00:00Z'),
        priority: 'urgent',
        team_site_id: 'site-hub',
        assignee_user_id: null,
        referral_id: referralId,
        appointment_id: second.appointmentId,
        caused_by: second.dna.id,
      }),
    ]);

    await missAt('2026-11-24T10:00:00Z', '2026-11-24T11:00:00Z');
    expect(await reviews()).toHaveLength(1);

    // Done: an old DNA reported again raises nothing; a new one raises the next review.
    await env.complete((await reviews())[0]!.id);
    await env.deliver(resent(first.dna), second.dna, resent(second.dna));
    expect(await reviews()).toHaveLength(1);
    const fourth = await missAt('2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z');
    expect((await reviews()).map((r) => [r.cause, r.status, r.detail['didNotAttend']])).toEqual([
      [`mdt_review:${second.appointmentId}`, 'done', 2],
      [`mdt_review:${fourth.appointmentId}`, 'open', 4],
    ]);
    expect((await typesOf(clientId)).sort()).toEqual([
      'dna_follow_up',
      'dna_follow_up',
      'dna_follow_up',
      'dna_follow_up',
      'mdt_review',
      'mdt_review',
    ]);
    // Nothing closed or barred: the referral only moved with its appointments.
    const referral = await referralOf(referralId);
    expect(referral.status).toBe('did_not_attend');
    expect(new Set(referral.history!.map((h) => h.action))).toEqual(
      new Set(['create', 'appointment-booked', 'did-not-attend']),
    );
  });

  it('two DNAs of one referral handled at the same moment still raise exactly one review', async () => {
    const consumer = env.running.app.get(BookingEventsConsumer);
    type Attendance = ReturnType<ReturnType<typeof anAppointment>['attendance']>;
    const handleTogether = (events: Attendance[]) =>
      Promise.all(
        events.map((event) =>
          env.db.transaction((manager) =>
            consumer.onAttendanceRecorded(event, env.contextFor(event, manager)),
          ),
        ),
      );
    const clients: string[] = [];
    for (let round = 0; round < 4; round += 1) {
      const { clientId, referralId } = await aClientWithReferral(env, worker);
      clients.push(clientId);
      const a = anAppointment(worker.orgId, clientId, referralId);
      const b = anAppointment(worker.orgId, clientId, referralId);
      await env.deliver(a.booked(), b.booked('2026-11-11T10:00:00Z', '2026-11-03T09:30:00Z'));
      await handleTogether([a.attendance('did_not_attend'), b.attendance('did_not_attend')]);
    }
    for (const clientId of clients) {
      expect((await typesOf(clientId)).sort()).toEqual(['dna_follow_up', 'dna_follow_up', 'mdt_review']);
    }
  });

  it('an appointment with no outcome recorded gets a chase task, once', async () => {
    const { clientId, referralId } = await aClientWithReferral(env, worker, 'urgent');
    const appointment = anAppointment(worker.orgId, clientId, referralId);
    const overdue = appointment.outcomeOverdue('2026-11-11T10:00:00Z');
    await env.deliver(appointment.booked(), overdue, overdue, resent(overdue));
    expect(await env.tasksOf(clientId)).toEqual([
      expect.objectContaining({
        type: 'outcome_unknown',
        cause: `outcome_unknown:${appointment.appointmentId}`,
        summary:
          'No attendance recorded for COPD review with Hillside Surgery on Tue 10 Nov 2026, 10:00: ask the provider, ask the client',
        due_at: new Date('2026-11-12T17:00:00Z'),
        priority: 'high',
        assignee_user_id: 'kw-alex',
        caused_by: overdue.id,
      }),
    ]);
    // An attendance recorded afterwards closes nothing: a person does.
    await env.deliver(appointment.attendance('attended', '2026-11-11T12:00:00Z'));
    expect((await env.tasksOf(clientId)).map((t) => [t.type, t.status])).toEqual([
      ['outcome_unknown', 'open'],
    ]);
  });

  it('an in-reach appointment left without a session gets a rebook task, once per appointment and session', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    const appointment = anInreachAppointment(worker.orgId, clientId, { startsAt: '2026-11-05T10:00:00Z' });
    const rebook = appointment.rebookNeeded('2026-10-29T16:00:00Z');
    const later = { ...resent(rebook), occurredAt: '2026-10-29T18:30:00Z' };
    await env.deliver(appointment.booked(), rebook, rebook, later);
    expect(await env.tasksOf(clientId)).toEqual([
      expect.objectContaining({
        type: 'rebook_needed',
        cause: `rebook_needed:${appointment.appointmentId}:${appointment.sessionId}`,
        summary: `In-reach ${SERVICE_TYPE} with ${PROVIDER} on Thu 5 Nov 2026, 10:00 cancelled, no other session had room: rebook with the client`,
        detail: {
          serviceType: SERVICE_TYPE,
          providerName: PROVIDER,
          appointmentStartsAt: '2026-11-05T10:00:00.000Z',
          rebookSearch: { serviceType: SERVICE_TYPE, clientId },
          inreachSessionId: appointment.sessionId,
        },
        due_at: new Date('2026-10-30T17:00:00Z'),
        priority: 'high',
        assignee_user_id: 'kw-alex',
        caused_by: rebook.id,
      }),
    ]);
  });

  describe('with TASK_DNA_ESCALATION_THRESHOLD=3', () => {
    let three: ReferralsInProcess;
    beforeAll(async () => {
      three = await startReferralsInProcess('follow_up_threshold', { TASK_DNA_ESCALATION_THRESHOLD: '3' });
    }, 60_000);
    afterAll(() => three?.close(), 30_000);

    it('raises the review at the third DNA, not the second', async () => {
      const { clientId, referralId } = await aClientWithReferral(three, worker);
      const reviewsAfter = async (n: number) => {
        const appointment = anAppointment(worker.orgId, clientId, referralId);
        const startsAt = new Date(Date.UTC(2026, 10, 10 + 7 * n, 10)).toISOString();
        await three.deliver(
          appointment.booked(startsAt, new Date(Date.parse(startsAt) - 86_400_000).toISOString()),
          appointment.attendance('did_not_attend', new Date(Date.parse(startsAt) + 3_600_000).toISOString()),
        );
        return (await three.tasksOf(clientId)).filter((t) => t.type === 'mdt_review').length;
      };
      expect([await reviewsAfter(0), await reviewsAfter(1), await reviewsAfter(2)]).toEqual([0, 0, 1]);
    });
  });
});
