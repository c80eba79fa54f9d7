import { randomInt, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { eventually } from '@careloop/testing';
import { get, post } from '../support/http';
import { produceAgain, readEveryMessage, messagesIn } from '../support/kafka-redelivery';
import type { ReferralView } from '../support/referral-view';
import { nthTextTo, TWILIO_FROM } from '../support/reminders-loop-env';
import { scenarioIn } from '../support/scenario';
import { ACROSS_KAFKA } from '../support/service-env';
import { registerTextableClient } from '../support/textable-client';
import {
  asTextWrites,
  bookForReferral,
  addClinicSchedule,
  CLINICS,
  completeTask,
  endOfNextWorkingDay,
  HOSPITAL,
  HOSPITAL_ADDRESS,
  publishSlotSoon,
  recordAttendance,
  referralReaches,
  registerHospital,
  smsOf,
  tasks,
  ZONE,
  type TaskView,
} from './follow-up-api';
import {
  FOLLOW_UP_START_TIMEOUT_MS,
  FOLLOW_UP_STOP_TIMEOUT_MS,
  startFollowUpEnvironment,
  type FollowUpEnvironment,
} from './follow-up-env';
import { deadLettered, settled, stateOf, type Journey } from './journey-state';
import { expectJourneyReport, expectJourneyExport } from './journey-report';

/** Words a text must never carry: whoever reads the phone could learn what the client is treated for. */
const SENSITIVE = /drug|alcohol|substance|recovery|addiction|hepat|liver/i;

/**
 * The closed loop of issue 7 across running services: referrals, booking and reminders as separate
 * processes over real Kafka, Postgres and Redis, driven over HTTP only, reminders texting through the
 * real Twilio SDK to a fake Twilio that sends receipts and the client's reply back, signed. A referral
 * to a hospital's outpatient clinic is booked and texted; the client does not attend; the keyworker's
 * task and a kind text follow; the client answers YES and is rebooked, attends, and the referral is
 * completed; the manager's report counts all of it. Then every event of the journey is delivered
 * again, and nothing a person could see changes.
 */
describe('follow-up: a missed appointment is followed up, rebooked, attended and reported', () => {
  let env: FollowUpEnvironment | undefined;
  /** Set once the journey has run to its end: the redelivery scenario replays it. */
  let journey: Journey | undefined;

  beforeAll(async () => {
    env = await startFollowUpEnvironment();
  }, FOLLOW_UP_START_TIMEOUT_MS);

  afterAll(async () => {
    await env?.stop();
  }, FOLLOW_UP_STOP_TIMEOUT_MS);

  const scenario = scenarioIn(
    () => env,
    (e) => [e.referrals, e.booking, e.reminders],
    80,
  );

  /** Waits until booking lists the referral as awaiting an appointment (it crossed Kafka). */
  const awaitsBooking = (e: FollowUpEnvironment, referralId: string) =>
    eventually(async () => {
      const awaiting = await get<{ referralId: string }[]>(`${e.booking.url}/referrals-awaiting-booking`, {
        token: e.tokens.keyworker,
      });
      expect(awaiting.status).toBe(200);
      expect(awaiting.body.map((r) => r.referralId)).toContain(referralId);
    }, ACROSS_KAFKA);
  /** The one open task of the type on the keyworker's own list. */
  const myOpenTask = (e: FollowUpEnvironment, type: string) =>
    eventually(async () => {
      const mine = await tasks(e, `view=mine&type=${type}`);
      expect(mine.items).toHaveLength(1);
      return mine.items[0]!;
    }, ACROSS_KAFKA);

  scenario(
    'a did-not-attend becomes a task and a kind text; the YES is rebooked, attended, completed and reported',
    120_000,
    async (e) => {
      const asKeyworker = { token: e.tokens.keyworker };
      // 1. The keyworker registers Jo, who agreed to texts on her own mobile (Ofcom's drama range, clear
      // of the sender), records a hepatitis C need found three days ago, and refers her to the hospital's
      // hepatology outpatient clinic.
      const mobile = `+447700900${randomInt(200, 1000)}`;
      const clientId = await registerTextableClient(e, mobile);
      const need = await post<{ id: string }>(`${e.referrals.url}/clients/${clientId}/needs`, {
        ...asKeyworker,
        body: { category: 'hepatitis_c', identifiedAt: DateTime.now().minus({ days: 3 }).toISO() },
      });
      expect(need.status).toBe(201);
      const created = await post<ReferralView>(`${e.referrals.url}/clients/${clientId}/referrals`, {
        ...asKeyworker,
        body: {
          needId: need.body.id,
          destinationKind: 'outpatient',
          destinationName: `${HOSPITAL} hepatology`,
          urgency: 'soon',
          reason: 'Hepatitis C antibody positive on a dried blood spot test: assessment for treatment',
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('sent');
      const referralId = created.body.id;

      // The hospital's hepatology clinic (two rooms, a diary each) publishes a slot starting in a few
      // seconds; once booking has heard of the referral, the keyworker finds the slot and books it.
      const serviceType = `hepatology-${randomUUID().slice(0, 8)}`;
      const siteId = await registerHospital(e);
      const [room1, room2] = [
        await addClinicSchedule(e, siteId, CLINICS[0], serviceType),
        await addClinicSchedule(e, siteId, CLINICS[1], serviceType),
      ];
      await awaitsBooking(e, referralId);
      const firstSlot = await publishSlotSoon(e, room1);
      const first = await bookForReferral(e, { serviceType, clientId }, firstSlot.id, referralId);
      await referralReaches(e, referralId, 'booked');

      // 2. Twilio is asked for one text to Jo's own mobile, worded safely, and reports it delivered.
      const confirmation = await nthTextTo(e, mobile, 1);
      const [sent] = e.twilio.requests;
      expect(sent).toMatchObject({ to: mobile, from: TWILIO_FROM, answeredWith: 201 });
      expect(confirmation).toMatch(/^Hi Jo,/);
      expect(confirmation).toContain(asTextWrites(first.startsAt));
      for (const named of [serviceType, ...CLINICS]) expect(confirmation).not.toContain(named);
      expect(confirmation).not.toMatch(SENSITIVE);
      expect(await e.twilio.sendStatusCallback(sent!.messageSid!, 'delivered')).toMatchObject({
        status: 200,
      });
      // The receipt reaches the care record's SMS facts (what the report reads; no API shows it alone).
      await eventually(async () => {
        const delivered = await e.sql.query(
          `SELECT d."appointment_id" FROM "referrals"."client_sms_delivery" d WHERE d."client_id" = $1`,
          [clientId],
        );
        expect(delivered.rows).toEqual([{ appointment_id: first.id }]);
      }, ACROSS_KAFKA);

      // 3. Jo does not come: the clinic records it once the appointment has started.
      const missed = await recordAttendance(e, first.id, 'did_not_attend');
      await referralReaches(e, referralId, 'did_not_attend');
      // Every task the miss opens is about Jo's referral and the missed appointment, and is the keyworker's.
      const ofTheMiss: Partial<TaskView> = {
        clientId,
        referralId,
        appointmentId: first.id,
        assigneeUserId: e.keyworker.userId,
      };
      // The keyworker's own follow-up task, due 17:00 the next working day, says what to rebook.
      const dna = await myOpenTask(e, 'dna_follow_up');
      expect(dna).toMatchObject<Partial<TaskView>>({
        ...ofTheMiss,
        priority: 'routine',
        status: 'open',
        dueAt: endOfNextWorkingDay(missed.attendance!.recordedAt),
      });
      expect(dna.summary).toMatch(/^Did not attend /);
      expect(dna.detail).toMatchObject({ rebookSearch: { serviceType, clientId } });
      // "Sorry we missed you" reaches Jo: the date, never the service or the place.
      const sorry = await nthTextTo(e, mobile, 2);
      expect(sorry).toMatch(/^Hi Jo, sorry we missed you on /);
      expect(sorry).toContain(
        DateTime.fromISO(first.startsAt, { zone: ZONE }).setLocale('en-US').toFormat('ccc d LLL'),
      );
      for (const named of [serviceType, ...CLINICS, HOSPITAL, HOSPITAL_ADDRESS])
        expect(sorry).not.toContain(named);
      expect(sorry).not.toMatch(SENSITIVE);
      expect(sorry).toMatch(/\bYES\b/);

      // 4. Jo answers YES: a task to help her book again, high, with the same rebook search.
      expect(await e.replyFrom(mobile, 'YES')).toMatchObject({
        status: 200,
        contentType: expect.stringMatching(/^text\/xml/),
      });
      const rebook = await myOpenTask(e, 'sms_reply');
      expect(rebook).toMatchObject<Partial<TaskView>>({ ...ofTheMiss, priority: 'high' });
      expect(rebook.summary).toContain('sorry we missed you');
      expect(rebook.detail).toMatchObject({ replyText: 'YES', rebookSearch: { serviceType, clientId } });
      // The keyworker rebooks from the task's search, and closes both tasks as rebooked.
      await awaitsBooking(e, referralId); // missed: back on booking's list, never barred
      const secondSlot = await publishSlotSoon(e, room2);
      const search = rebook.detail['rebookSearch'] as { serviceType: string; clientId: string };
      const second = await bookForReferral(e, search, secondSlot.id, referralId);
      await referralReaches(e, referralId, 'booked');
      for (const task of [rebook, dna]) {
        expect(await completeTask(e, task.id, 'rebooked')).toMatchObject({
          status: 'done',
          outcome: 'rebooked',
        });
      }
      expect((await tasks(e, 'view=mine')).counts).toEqual({ mine: 0, team: 0, overdue: 0 });
      // The new booking is confirmed by text too (before it starts); no receipt comes for this one.
      expect(await nthTextTo(e, mobile, 3)).toContain(asTextWrites(second.startsAt));

      // 5. Jo comes; the keyworker completes the referral.
      await recordAttendance(e, second.id, 'attended');
      await referralReaches(e, referralId, 'attended');
      const completed = await post<ReferralView>(`${e.referrals.url}/referrals/${referralId}/actions`, {
        ...asKeyworker,
        body: { type: 'complete', outcome: 'Assessed at the hepatology clinic, treatment started' },
      });
      expect(completed.status).toBe(200);
      expect(completed.body.status).toBe('completed');
      const history = (await referralReaches(e, referralId, 'completed')).history!;
      expect(history.map((h) => [h.toStatus, h.action, h.source])).toEqual([
        ['sent', 'create', 'staff'],
        ['booked', 'appointment-booked', 'event'],
        ['did_not_attend', 'did-not-attend', 'event'],
        ['booked', 'appointment-booked', 'event'],
        ['attended', 'attended', 'event'],
        ['completed', 'complete', 'staff'],
      ]);
      // The care record holds the three texts sent and the reply, each with its appointment.
      const sms = await smsOf(e, clientId);
      expect(sms.map((s) => [s.kind, s.step, s.appointmentId]).sort()).toEqual(
        [
          ['reply', null, first.id],
          ['sent', 'confirmation', first.id],
          ['sent', 'confirmation', second.id],
          ['sent', 'missed', first.id],
        ].sort(),
      );

      // 6. The service manager's report for the days around the journey counts all of it.
      await settled(e);
      const today = DateTime.now().setZone(ZONE);
      const period = {
        from: today.minus({ days: 1 }).toISODate()!,
        to: today.plus({ days: 1 }).toISODate()!,
      };
      journey = { clientId, referralId, mobile, period };
      await expectJourneyReport(e, period, serviceType);
      await expectJourneyExport(e, period, serviceType);
    },
  );

  scenario('redelivering every event of the journey changes nothing', 90_000, async (e) => {
    if (!journey) throw new Error('The journey did not run to its end (see the failure above).');
    const { events, deadLetters } = await settled(e);
    const before = await stateOf(e, journey);
    const written = await messagesIn(events);

    // Every message of every service topic, produced again exactly as it was.
    const messages = await readEveryMessage(events);
    expect(messages).toHaveLength(written);
    const types = new Set(messages.map((m) => m.headers['x-event-type']?.toString()));
    expect([...types]).toEqual(
      expect.arrayContaining([
        'client.registered.v1',
        'client.contact-changed.v1',
        'client.consent-changed.v1',
        'need.recorded.v1',
        'referral.created.v1',
        'referral.status-changed.v1',
        'slots.published.v1',
        'appointment.booked.v1',
        'appointment.attendance-recorded.v1',
        'reminder.sent.v1',
        'reminder.delivered.v1',
        'sms.reply-received.v1',
      ]),
    );
    await produceAgain(messages);

    // Once every service has read them all, nothing new was published and nothing was dead-lettered...
    await settled(e);
    expect(await messagesIn(events)).toBe(2 * written);
    expect(await deadLettered(deadLetters)).toBe(0);
    // ...and, a moment later (a text would go at once), nothing a person could see has changed: no
    // task, status, timeline entry, text or figure more.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await stateOf(e, journey)).toEqual(before);
  });
});
