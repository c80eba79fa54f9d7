import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@careloop/contracts';
import { eventually } from '@careloop/testing';
import { RecordNeed } from '../../src/need/record-need';
import { CreateReferral } from '../../src/referral/create-referral';
import { startReferralsOverKafka, type ReferralsOverKafka } from '../support/referrals-over-kafka';
import { resent } from './follow-up-fixture';
import { aPrincipal, aReferralBody, anAppointment, insertClient } from './referral-fixture';
import { smsEventsFor } from './sms-events';

const WITHIN_KAFKA = { timeoutMs: 30_000 };

/**
 * The referrals service as it runs, on real Postgres and a real Kafka broker: booking's and the
 * reminders service's events, published to their topics keyed as their producers key them (booking
 * by appointment, reminders by client), open the keyworker's tasks for a missed appointment and the
 * client's YES to "sorry we missed you"; every event of it delivered again, or re-sent, opens nothing.
 */
describe('follow-up tasks over real Kafka', () => {
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  let env: ReferralsOverKafka;

  beforeAll(async () => {
    env = await startReferralsOverKafka({
      label: 'ref-follow-up',
      producer: ['booking', 'reminders'],
      keyOf: (e) => e.subjectId,
    });
  }, 90_000);
  afterAll(() => env?.close(), 60_000);

  const handled = (...events: EventEnvelope[]) =>
    eventually(async () => {
      const rows: { n: number }[] = await env.db.dataSource.query(
        `SELECT count(*)::int AS n FROM referrals.inbox WHERE event_id = ANY($1::uuid[])`,
        [events.map((e) => e.id)],
      );
      expect(rows[0]!.n).toBe(events.length);
    }, WITHIN_KAFKA);
  const tasksOf = async (clientId: string) =>
    (await env.db.dataSource.query(
      `SELECT type, cause, priority, assignee_user_id, caused_by FROM referrals.task WHERE client_id = $1 ORDER BY type`,
      [clientId],
    )) as {
      type: string;
      cause: string;
      priority: string;
      assignee_user_id: string | null;
      caused_by: string;
    }[];

  it('a missed appointment and a YES to "sorry we missed you" reach the keyworker once, however often they are delivered', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    const need = await env.running.app
      .get(RecordNeed)
      .execute(worker, clientId, { category: 'respiratory_copd' }, undefined);
    const referral = (
      await env.running.app
        .get(CreateReferral)
        .execute(worker, clientId, aReferralBody(need.result.id), undefined)
    ).result;
    const appointment = anAppointment(worker.orgId, clientId, referral.id);
    const appointmentId = appointment.appointmentId;
    const sms = smsEventsFor(worker.orgId, clientId);
    const booked = appointment.booked();
    const dna = appointment.attendance('did_not_attend', '2026-11-10T11:00:00Z');
    const reminder = sms.sent('2026-11-09T18:00:00Z', { appointmentId, step: 'evening_before' });
    const missedText = sms.sent('2026-11-10T11:05:00Z', {
      appointmentId,
      step: 'missed',
      text: 'Hi Sam, sorry we missed you today. Would you like a new appointment? Reply YES and we will help you book one.',
    });
    const yes = sms.reply('2026-11-10T11:30:00Z', { appointmentId, intent: 'confirm', text: 'YES' });

    await env.publish(booked, dna);
    await handled(booked, dna);
    await env.publish(reminder, missedText, yes);
    await handled(reminder, missedText, yes);
    const opened = await tasksOf(clientId);
    expect(opened).toEqual([
      {
        type: 'dna_follow_up',
        cause: `dna:${appointmentId}`,
        priority: 'routine',
        assignee_user_id: 'kw-alex',
        caused_by: dna.id,
      },
      {
        type: 'sms_reply',
        cause: `reply:${yes.data.replyId}`,
        priority: 'high',
        assignee_user_id: 'kw-alex',
        caused_by: yes.id,
      },
    ]);

    // The keyworker finds both on their worklist, with what they need to rebook.
    const keyworker = aPrincipal({ orgId: worker.orgId, userId: 'kw-alex' });
    const mine = await env.get<{
      items: { type: string; summary: string; detail: Record<string, unknown> }[];
    }>(keyworker, `/tasks?view=mine&clientId=${clientId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((t) => [t.type, t.summary, t.detail['rebookSearch']]).sort()).toEqual([
      [
        'dna_follow_up',
        'Did not attend COPD review with Hillside Surgery on Tue 10 Nov 2026, 10:00: contact the client and offer a new appointment',
        { serviceType: 'COPD review', clientId },
      ],
      [
        'sms_reply',
        'The client replied YES to "sorry we missed you": help them book a new appointment',
        { serviceType: 'COPD review', clientId },
      ],
    ]);

    // Every event again, then each re-sent under a new id, on the same keys: once the re-sent ones are
    // in, everything before them on their partitions was handled too.
    const again = [booked, dna, reminder, missedText, yes];
    const copies = again.map(resent);
    await env.publish(...again, ...copies);
    await handled(...copies);
    expect(await tasksOf(clientId)).toEqual(opened);
    expect(
      (await env.db.dataSource.query(
        `SELECT count(*)::int AS n FROM referrals.audit_log WHERE client_id = $1 AND subject_type = 'task' AND action = 'create'`,
        [clientId],
      )) as { n: number }[],
    ).toEqual([{ n: 2 }]);
    expect(env.deadLetters).toEqual([]);
  });
});
