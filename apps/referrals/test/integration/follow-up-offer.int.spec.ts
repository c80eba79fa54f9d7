import { randomUUID } from 'node:crypto';
import { AddClientContact } from '../../src/client/add-client-contact';
import { contactBody } from '../../src/client/client-contact.dto';
import { RecordConsent } from '../../src/client/record-consent';
import { WithdrawConsent } from '../../src/client/withdraw-consent';
import { GetTask } from '../../src/task/get-task';
import { GetClientTimeline } from '../../src/timeline/get-client-timeline';
import { timelineQuery } from '../../src/timeline/timeline.dto';
import {
  aClientWithReferral,
  resent,
  startReferralsInProcess,
  type ReferralsInProcess,
} from './follow-up-fixture';
import { INREACH_LOCATION, PROVIDER, SERVICE_TYPE } from './inreach-care-events';
import { anOfferHold } from './inreach-offer-events';
import { aPrincipal, insertClient } from './referral-fixture';
import { smsEventsFor } from './sms-events';

const SUMMARY =
  'Tell the client about a seat offered at St Elsewhere Hepatology (hepatitis C treatment) on Thu 5 Nov 2026, 10:20, held until Tue 3 Nov 2026, 17:00';

/**
 * An in-reach offer booking holds a seat for (appointment.held.v1 with `offer`) becomes the keyworker's
 * task when the client cannot be texted, so somebody tells them before the seat lapses; a client the
 * reminders service texts gets no task. Through the referrals service's real consume pipeline on real
 * Postgres (the clock stands at Mon 2 Nov 2026, 10:00 London), once per offer.
 */
describe('follow-up task for an in-reach offer the client cannot be texted about', () => {
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  let env: ReferralsInProcess;

  beforeAll(async () => {
    env = await startReferralsInProcess('follow_up_offer');
  }, 60_000);
  afterAll(() => env?.close(), 30_000);

  const offerTasksOf = async (clientId: string) =>
    (await env.tasksOf(clientId)).filter((t) => t.type === 'inreach_offer');

  /** Consent to SMS reminders, as staff record it. */
  const consentToTexts = (clientId: string) =>
    env.running.app.get(RecordConsent).execute(worker, clientId, 'sms_reminders');
  /** A phone as staff add it: the client's own mobile unless said otherwise. */
  const addPhone = (clientId: string, o: { purpose?: string; safeToText: boolean }) =>
    env.running.app.get(AddClientContact).execute(
      worker,
      clientId,
      contactBody.parse({
        purpose: o.purpose ?? 'own_mobile',
        phone: '07700 900123',
        safeToText: o.safeToText,
      }),
      undefined,
    );
  /** A client the reminders service texts: consent given, their own mobile safe to text. */
  async function aTextableClient(): Promise<string> {
    const clientId = await insertClient(env.db, worker.orgId);
    await consentToTexts(clientId);
    await addPhone(clientId, { safeToText: true });
    return clientId;
  }

  it('gives the keyworker one high-priority task with the held appointment, due by the end of the working day', async () => {
    const { clientId, referralId } = await aClientWithReferral(env, worker);
    const offer = anOfferHold(worker.orgId, clientId, {
      referralId,
      startsAt: '2026-11-05T10:20:00Z',
      expiresAt: '2026-11-03T17:00:00Z',
    });
    const held = offer.held('2026-11-02T09:30:00Z');
    await env.deliver(held);

    const appointmentId = offer.appointmentId;
    expect(await env.tasksOf(clientId)).toEqual([
      {
        id: expect.any(String),
        type: 'inreach_offer',
        cause: `offer:${offer.offerId}`,
        summary: SUMMARY,
        detail: {
          offerId: offer.offerId,
          serviceType: SERVICE_TYPE,
          providerName: PROVIDER,
          location: INREACH_LOCATION,
          appointmentStartsAt: '2026-11-05T10:20:00.000Z',
          holdExpiresAt: '2026-11-03T17:00:00.000Z',
          notTextable: 'no_sms_consent',
          holdActions: {
            confirm: `POST /appointments/${appointmentId}/confirmation`,
            release: `POST /appointments/${appointmentId}/hold-release`,
          },
        },
        // Held Monday morning, lapsing Tuesday 17:00: today's 17:00 comes first.
        due_at: new Date('2026-11-02T17:00:00Z'),
        priority: 'high',
        team_site_id: 'site-hub',
        assignee_user_id: 'kw-alex',
        status: 'open',
        referral_id: referralId,
        appointment_id: appointmentId,
        caused_by: held.id,
      },
    ]);
    const [task] = await env.tasksOf(clientId);
    expect(await env.taskAudit(clientId)).toEqual([{ subject_id: task!.id, actor_user_id: 'system:tasks' }]);
    // On the timeline beside the offer itself, like every task.
    const { entries } = await env.running.app
      .get(GetClientTimeline)
      .execute(worker, clientId, timelineQuery.parse({ limit: '50' }));
    const summaries = entries.map((e) => e.summary);
    expect(summaries).toContain(`Task opened (high priority): ${SUMMARY}`);
    expect(summaries.some((s) => s.startsWith('Offered appointment with St Elsewhere Hepatology'))).toBe(
      true,
    );
  });

  it('redelivered, or re-sent under a new id, the hold opens nothing more', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    const offer = anOfferHold(worker.orgId, clientId);
    const held = offer.held('2026-11-02T09:30:00Z');
    await env.deliver(held);
    const before = await env.tasksOf(clientId);
    expect(before).toHaveLength(1);

    await env.deliver(held, resent(held), resent(held));
    expect(await env.tasksOf(clientId)).toEqual(before);
    expect(await env.taskAudit(clientId)).toHaveLength(1);
    expect(env.deadLettered(held)).toEqual([]);
  });

  it('is due two hours before a hold that lapses sooner, and at once when even that has passed', async () => {
    const now = env.clock.now().getTime();
    const soon = await insertClient(env.db, worker.orgId);
    // Lapses at 15:00 today: due 13:00, before the end of the working day.
    const lapsingToday = anOfferHold(worker.orgId, soon, { expiresAt: '2026-11-02T15:00:00Z' });
    await env.deliver(lapsingToday.held('2026-11-02T09:59:00Z'));
    expect((await offerTasksOf(soon)).map((t) => t.due_at)).toEqual([new Date('2026-11-02T13:00:00Z')]);

    const veryLate = await insertClient(env.db, worker.orgId);
    const lapsingInAnHour = anOfferHold(worker.orgId, veryLate, {
      expiresAt: new Date(now + 60 * 60_000).toISOString(),
    });
    await env.deliver(lapsingInAnHour.held('2026-11-02T09:00:00Z'));
    expect((await offerTasksOf(veryLate)).map((t) => t.due_at)).toEqual([env.clock.now()]);

    // A hold that lapsed before its event was handled leaves nothing to tell.
    const lapsed = await insertClient(env.db, worker.orgId);
    const gone = anOfferHold(worker.orgId, lapsed, { expiresAt: new Date(now - 60_000).toISOString() });
    await env.deliver(gone.held('2026-10-31T09:00:00Z'));
    expect(await env.tasksOf(lapsed)).toEqual([]);
  });

  it('a client the reminders service texts gets no task: the offer reaches them by SMS', async () => {
    const clientId = await aTextableClient();
    const held = anOfferHold(worker.orgId, clientId).held('2026-11-02T09:30:00Z');
    await env.deliver(held);
    expect(await env.tasksOf(clientId)).toEqual([]);
    expect(env.deadLettered(held)).toEqual([]);
  });

  it('consent without an own mobile safe to text is not enough; nor is a mobile without consent', async () => {
    const cases = [
      { consent: true, phone: { purpose: 'hostel', safeToText: true }, why: 'no_mobile' },
      { consent: true, phone: { safeToText: false }, why: 'mobile_not_safe_to_text' },
      { consent: true, phone: null, why: 'no_mobile' },
      { consent: false, phone: { safeToText: true }, why: 'no_sms_consent' },
    ];
    for (const c of cases) {
      const clientId = await insertClient(env.db, worker.orgId);
      if (c.consent) await consentToTexts(clientId);
      if (c.phone) await addPhone(clientId, c.phone);
      const offer = anOfferHold(worker.orgId, clientId);
      await env.deliver(offer.held('2026-11-02T09:30:00Z'));
      expect((await env.tasksOf(clientId)).map((t) => [t.type, t.detail['notTextable']])).toEqual([
        ['inreach_offer', c.why],
      ]);
    }
  });

  it('a hold staff make on the phone is no offer and opens nothing', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    const staffHold = anOfferHold(worker.orgId, clientId, { offerId: null });
    await env.deliver(staffHold.held('2026-11-02T09:30:00Z'));
    expect(await env.tasksOf(clientId)).toEqual([]);
  });

  it('consent withdrawn, by staff or by a STOP, makes the next offer the keyworker’s', async () => {
    const byStaff = await aTextableClient();
    await env.running.app.get(WithdrawConsent).execute(worker, byStaff, 'sms_reminders');
    const first = anOfferHold(worker.orgId, byStaff);
    await env.deliver(first.held('2026-11-02T09:30:00Z'));
    expect((await env.tasksOf(byStaff)).map((t) => [t.cause, t.detail['notTextable']])).toEqual([
      [`offer:${first.offerId}`, 'no_sms_consent'],
    ]);

    const byStop = await aTextableClient();
    // Texted after consent was recorded (a STOP from before it would leave the later consent standing).
    const stopAt = new Date(env.clock.now().getTime() + 500).toISOString();
    await env.deliver(smsEventsFor(worker.orgId, byStop).optedOut(stopAt));
    const second = anOfferHold(worker.orgId, byStop);
    await env.deliver(second.held('2026-11-02T09:30:00Z'));
    // The STOP has its own task (talk about keeping in touch); the offer one follows it.
    expect((await env.tasksOf(byStop)).map((t) => t.type)).toEqual(['sms_opted_out', 'inreach_offer']);

    // Consent given again: texted, no task.
    await consentToTexts(byStop);
    const third = anOfferHold(worker.orgId, byStop);
    await env.deliver(third.held('2026-11-02T09:45:00Z'));
    expect(await offerTasksOf(byStop)).toHaveLength(1);
  });

  it('stays open when the offer is taken or ends before anyone acted; the task shows a booked seat as booked', async () => {
    const getTask = (id: string) => env.running.app.get(GetTask).execute(worker, id);
    const taken = await insertClient(env.db, worker.orgId);
    const yes = anOfferHold(worker.orgId, taken);
    await env.deliver(yes.held('2026-11-02T09:30:00Z'));
    const [takenTask] = await offerTasksOf(taken);
    expect((await getTask(takenTask!.id)).appointment).toBeNull();
    await env.deliver(yes.booked('2026-11-02T10:30:00Z', 'user-keyworker'));
    const afterBooking = await getTask(takenTask!.id);
    expect([afterBooking.status, afterBooking.appointment?.status]).toEqual(['open', 'booked']);

    const lapsing = await insertClient(env.db, worker.orgId);
    const expired = anOfferHold(worker.orgId, lapsing);
    await env.deliver(expired.held('2026-11-02T09:30:00Z'), expired.ended('expired', '2026-11-02T10:40:00Z'));
    const [endedTask] = await offerTasksOf(lapsing);
    // Nothing on the task says the hold ended: the timeline does.
    const afterEnd = await getTask(endedTask!.id);
    expect([afterEnd.status, afterEnd.appointment]).toEqual(['open', null]);

    // The same hold re-sent after its offer ended opens nothing, even for a client who now cannot be texted.
    const declined = await aTextableClient();
    const no = anOfferHold(worker.orgId, declined);
    const held = no.held('2026-11-02T09:30:00Z');
    await env.deliver(held, no.ended('declined', '2026-11-02T10:45:00Z'));
    await env.running.app.get(WithdrawConsent).execute(worker, declined, 'sms_reminders');
    await env.deliver(resent(held));
    expect(await env.tasksOf(declined)).toEqual([]);
  });
});
