import { randomUUID } from 'node:crypto';
import { AddClientContact } from '../../src/client/add-client-contact';
import { contactBody } from '../../src/client/client-contact.dto';
import { RecordConsent } from '../../src/client/record-consent';
import { GetClientTimeline } from '../../src/timeline/get-client-timeline';
import { timelineQuery } from '../../src/timeline/timeline.dto';
import {
  aClientWithReferral,
  resent,
  startReferralsInProcess,
  type ReferralsInProcess,
} from './follow-up-fixture';
import { anOfferHold } from './inreach-offer-events';
import { aPrincipal, anAppointment, insertClient } from './referral-fixture';
import { smsEventsFor } from './sms-events';

const MISSED_TEXT =
  'Hi Sam, sorry we missed you today. Would you like a new appointment? Reply YES and we will help you book one.';

/**
 * The reminders service's SMS events open the keyworker's tasks where a person must act (a reply to
 * answer, a text that did not arrive, an opt-out), through the referrals service's real consume
 * pipeline on real Postgres, once per cause; replies booking answers, or that need nothing, open none.
 */
describe('follow-up tasks from SMS events', () => {
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  let env: ReferralsInProcess;

  beforeAll(async () => {
    env = await startReferralsInProcess('follow_up_sms');
  }, 60_000);
  afterAll(() => env?.close(), 30_000);

  /** A client with a referral and an appointment booked for it (Tue 10 Nov 2026, 10:00). */
  async function aBookedClient() {
    const { clientId, referralId } = await aClientWithReferral(env, worker);
    const appointment = anAppointment(worker.orgId, clientId, referralId);
    await env.deliver(appointment.booked());
    return { clientId, referralId, appointment, sms: smsEventsFor(worker.orgId, clientId) };
  }

  it("a reply that they can't make it, or one a person must read, opens a task with what they wrote; a yes to a reminder does not", async () => {
    const { clientId, referralId, appointment, sms } = await aBookedClient();
    const appointmentId = appointment.appointmentId;
    const reminder = sms.sent('2026-11-09T09:00:00Z', { appointmentId, step: 'evening_before' });
    const yes = sms.reply('2026-11-09T09:30:00Z', { appointmentId, intent: 'confirm', text: 'Y' });
    const cantMakeIt = sms.reply('2026-11-09T12:00:00Z', {
      appointmentId,
      intent: 'rebook',
      text: 'cant make it',
    });
    // After 17:00 London: due by the end of the next working day.
    const question = sms.reply('2026-11-09T18:30:00Z', {
      appointmentId,
      intent: 'other',
      text: 'is it the same place?',
    });
    const stop = sms.reply('2026-11-09T19:00:00Z', { appointmentId, intent: 'opt_out', text: 'STOP' });
    await env.deliver(reminder, yes, cantMakeIt);
    await env.deliver(question, stop);

    expect(await env.tasksOf(clientId)).toEqual([
      expect.objectContaining({
        type: 'sms_reply',
        cause: `reply:${cantMakeIt.data.replyId}`,
        summary: "The client replied they can't make it: agree a new appointment with them",
        detail: {
          replyText: 'cant make it',
          intent: 'rebook',
          serviceType: 'COPD review',
          providerName: 'Hillside Surgery',
          appointmentStartsAt: '2026-11-10T10:00:00.000Z',
          rebookSearch: { serviceType: 'COPD review', clientId },
        },
        due_at: new Date('2026-11-09T17:00:00Z'),
        priority: 'high',
        assignee_user_id: 'kw-alex',
        referral_id: referralId,
        appointment_id: appointmentId,
        caused_by: cantMakeIt.id,
      }),
      expect.objectContaining({
        type: 'sms_reply',
        cause: `reply:${question.data.replyId}`,
        summary: 'The client replied by text: read it and answer them',
        detail: { replyText: 'is it the same place?', intent: 'other' },
        due_at: new Date('2026-11-10T17:00:00Z'),
        priority: 'routine',
      }),
    ]);

    // Redelivered, or re-sent under a new id: nothing more.
    await env.deliver(cantMakeIt, resent(cantMakeIt), resent(question));
    expect(await env.tasksOf(clientId)).toHaveLength(2);
    expect(await env.taskAudit(clientId)).toHaveLength(2);
  });

  it('a YES to "sorry we missed you" asks the keyworker to help book a new appointment', async () => {
    const { clientId, appointment, sms } = await aBookedClient();
    const appointmentId = appointment.appointmentId;
    const missedText = sms.sent('2026-11-10T11:05:00Z', { appointmentId, step: 'missed', text: MISSED_TEXT });
    const yes = sms.reply('2026-11-10T11:20:00Z', { appointmentId, intent: 'confirm', text: 'YES please' });
    await env.deliver(
      sms.sent('2026-11-09T18:00:00Z', { appointmentId, step: 'evening_before' }),
      appointment.attendance('did_not_attend', '2026-11-10T11:00:00Z'),
      missedText,
      yes,
    );

    const tasks = await env.tasksOf(clientId);
    expect(tasks.map((t) => t.type).sort()).toEqual(['dna_follow_up', 'sms_reply']);
    expect(tasks.find((t) => t.type === 'sms_reply')).toMatchObject({
      cause: `reply:${yes.data.replyId}`,
      summary: 'The client replied YES to "sorry we missed you": help them book a new appointment',
      detail: {
        replyText: 'YES please',
        intent: 'confirm',
        rebookSearch: { serviceType: 'COPD review', clientId },
      },
      due_at: new Date('2026-11-10T17:00:00Z'),
      priority: 'high',
    });
    // The text is in the SMS history and on the timeline as the step it is.
    const [entry] = await env.query<{ step: string }>(`SELECT step FROM referrals.client_sms WHERE id = $1`, [
      missedText.id,
    ]);
    expect(entry).toEqual({ step: 'missed' });
    const { entries } = await env.running.app
      .get(GetClientTimeline)
      .execute(worker, clientId, timelineQuery.parse({ limit: '50' }));
    expect(entries.map((e) => e.summary)).toContain(`SMS sent (sorry we missed you): "${MISSED_TEXT}"`);
  });

  it('a yes or no to an open in-reach offer is booking’s to answer; anything else about it, or a no once it is booked, is the keyworker’s', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    // Texted the offer: consent and a mobile safe to text (else the offer is the keyworker's task).
    await env.running.app.get(RecordConsent).execute(worker, clientId, 'sms_reminders');
    await env.running.app
      .get(AddClientContact)
      .execute(
        worker,
        clientId,
        contactBody.parse({ purpose: 'own_mobile', phone: '07700 900123', safeToText: true }),
        undefined,
      );
    const sms = smsEventsFor(worker.orgId, clientId);
    const offer = anOfferHold(worker.orgId, clientId, { expiresAt: '2026-11-03T17:00:00Z' });
    const appointmentId = offer.appointmentId;
    const take = sms.reply('2026-11-01T18:00:00Z', { appointmentId, intent: 'confirm', text: 'yes' });
    const decline = sms.reply('2026-11-01T18:01:00Z', { appointmentId, intent: 'rebook', text: 'no' });
    const question = sms.reply('2026-11-01T18:02:00Z', {
      appointmentId,
      intent: 'other',
      text: 'where is it?',
    });
    await env.deliver(
      offer.held('2026-11-01T17:00:00Z'),
      sms.sent('2026-11-01T17:01:00Z', {
        appointmentId,
        step: 'offer',
        text: 'Hi Sam, a seat is free for you',
      }),
      take,
      decline,
      question,
    );
    expect((await env.tasksOf(clientId)).map((t) => t.cause)).toEqual([`reply:${question.data.replyId}`]);

    // Taken, then a reminder: a "can't make it" to it is the keyworker's.
    const cantMakeIt = sms.reply('2026-11-04T19:00:00Z', {
      appointmentId,
      intent: 'rebook',
      text: 'cant come',
    });
    await env.deliver(
      offer.booked('2026-11-01T18:00:05Z'),
      sms.sent('2026-11-04T18:00:00Z', { appointmentId, step: 'evening_before' }),
      cantMakeIt,
    );
    expect((await env.tasksOf(clientId)).map((t) => t.cause)).toEqual([
      `reply:${question.data.replyId}`,
      `reply:${cantMakeIt.data.replyId}`,
    ]);

    // An open offer booking told us of, its text not (yet) in the SMS history: still booking's.
    const another = anOfferHold(worker.orgId, clientId, { expiresAt: '2026-11-20T17:00:00Z' });
    await env.deliver(
      another.held('2026-11-18T17:00:00Z'),
      sms.reply('2026-11-18T18:00:00Z', {
        appointmentId: another.appointmentId,
        intent: 'rebook',
        text: 'no',
      }),
    );
    expect(await env.tasksOf(clientId)).toHaveLength(2);
  });

  it('a text that did not arrive, or may not have, asks the keyworker to check, once per text', async () => {
    const { clientId, referralId, appointment, sms } = await aBookedClient();
    const appointmentId = appointment.appointmentId;
    const messageId = randomUUID();
    const undelivered = sms.deliveryFailed('2026-11-09T18:01:00Z', {
      messageId,
      appointmentId,
      errorCode: '30003',
    });
    const unknown = sms.deliveryFailed('2026-11-05T12:00:00Z', {
      appointmentId,
      outcome: 'unknown',
      errorCode: null,
    });
    await env.deliver(
      sms.sent('2026-11-09T18:00:00Z', { messageId, appointmentId }),
      undelivered,
      // The same text reported again: failed after undelivered, and the event re-sent.
      sms.deliveryFailed('2026-11-09T18:05:00Z', { messageId, appointmentId, outcome: 'failed' }),
      undelivered,
      resent(undelivered),
    );
    await env.deliver(unknown);
    expect(await env.tasksOf(clientId)).toEqual([
      expect.objectContaining({
        type: 'sms_delivery_failed',
        cause: `delivery_failed:${messageId}`,
        summary: 'A text to the client was not delivered (undelivered, error 30003): check their number',
        detail: { messageId, outcome: 'undelivered', errorCode: '30003' },
        // 18:01 on a Monday: by the end of Tuesday.
        due_at: new Date('2026-11-10T17:00:00Z'),
        priority: 'routine',
        assignee_user_id: 'kw-alex',
        referral_id: referralId,
        appointment_id: appointmentId,
      }),
      expect.objectContaining({
        type: 'sms_delivery_failed',
        cause: `delivery_failed:${unknown.data.messageId}`,
        summary:
          'A text may not have reached the client (interrupted while sending): check with them whether it arrived',
        due_at: new Date('2026-11-05T17:00:00Z'),
      }),
    ]);
  });

  it('an opt-out asks the keyworker to talk to the client, once per STOP however often it is reported', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    const sms = smsEventsFor(worker.orgId, clientId);
    const stop = sms.optedOut('2026-11-06T16:00:00Z', 'STOP');
    // The same moment written with an offset, under a new id: the same STOP.
    const sameStop = { ...resent(stop), data: { ...stop.data, receivedAt: '2026-11-06T16:00:00.000+00:00' } };
    await env.deliver(stop, stop, sameStop);
    expect(await env.tasksOf(clientId)).toEqual([
      expect.objectContaining({
        type: 'sms_opted_out',
        cause: `opted_out:${clientId}:2026-11-06T16:00:00.000Z`,
        summary: 'The client texted STOP: no more texts go to them. Talk to them about keeping in touch',
        detail: { keyword: 'STOP', receivedAt: '2026-11-06T16:00:00.000Z' },
        // Friday: by the end of Monday.
        due_at: new Date('2026-11-09T17:00:00Z'),
        priority: 'routine',
        assignee_user_id: 'kw-alex',
        referral_id: null,
        appointment_id: null,
      }),
    ]);

    // The gateway reporting an opt-out it enforces is another one.
    await env.deliver(sms.optedOut('2026-11-07T09:00:00Z', '21610'));
    expect((await env.tasksOf(clientId)).map((t) => t.summary)).toEqual([
      'The client texted STOP: no more texts go to them. Talk to them about keeping in touch',
      'The phone network says the client has stopped texts (code 21610): talk to them about keeping in touch',
    ]);
  });

  it('events for a client of another organisation open nothing and are dead-lettered', async () => {
    const theirs = await insertClient(env.db, `org-${randomUUID()}`);
    const misdirected = smsEventsFor(worker.orgId, theirs).reply('2026-11-09T12:00:00Z', {
      intent: 'rebook',
    });
    await env.deliver(misdirected);
    expect(env.deadLettered(misdirected)).toContain(misdirected.id);
    expect(await env.tasksOf(theirs)).toEqual([]);
  });
});
