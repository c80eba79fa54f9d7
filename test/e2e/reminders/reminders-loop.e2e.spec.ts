import { randomInt, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { eventually } from '@careloop/testing';
import { registerBookingSite } from '../support/booking-site';
import { withServiceLogs } from '../support/diagnostics';
import { get, post } from '../support/http';
import {
  REMINDERS_LOOP_START_TIMEOUT_MS,
  REMINDERS_LOOP_STOP_TIMEOUT_MS,
  TWILIO_FROM,
  startRemindersLoop,
  type RemindersLoop,
} from '../support/reminders-loop-env';
import { ACROSS_KAFKA } from '../support/service-env';
import { registerTextableClient } from '../support/textable-client';

interface TimelineEntry {
  kind: string;
  id: string;
  occurredAt: string;
  summary: string;
  refs: { appointmentId?: string };
  by?: string;
}

interface ConsentRecord {
  purpose: string;
  given: boolean;
  recordedBy: string;
  recordedAt: string;
}

interface ClientSms {
  kind: string;
  appointmentId: string | null;
  step: string | null;
  text: string | null;
  intent: string | null;
}

const MINUTE = 60_000;
const SOON = { timeoutMs: 15_000, intervalMs: 200 };

/**
 * Reminders across processes: referrals, booking and reminders run as three processes over real
 * Kafka, Postgres and Redis, and reminders texts through the real Twilio SDK to a fake Twilio that
 * calls its webhooks back, signed. A keyworker books an appointment for a client who agreed to texts;
 * the client gets one safely worded confirmation, answers it and finally texts STOP, and the care
 * record in referrals shows all of it.
 */
describe('reminders: a booking texts the client, and their answers reach the care record', () => {
  let loop: RemindersLoop | undefined;

  beforeAll(async () => {
    loop = await startRemindersLoop();
  }, REMINDERS_LOOP_START_TIMEOUT_MS);

  afterAll(async () => {
    await loop?.stop();
  }, REMINDERS_LOOP_STOP_TIMEOUT_MS);

  it(
    'confirms the booking by SMS once, records delivery and the reply, and mirrors STOP into consent',
    withServiceLogs(
      () => [loop?.referrals, loop?.booking, loop?.reminders],
      async () => {
        if (!loop) throw new Error('The environment did not start (see the beforeAll failure).');
        const { referrals, booking, twilio, tokens, sql } = loop;
        const asKeyworker = { token: tokens.keyworker };

        // A keyworker registers a client (called Jo) with their own mobile, safe to text, and consent.
        // Ofcom's drama range, clear of the sender and the fake's pool number.
        const mobile = `+447700900${randomInt(200, 1000)}`;
        // The confirmation goes at booking time, so reminders must have the client's name, number and
        // consent first (they cross Kafka on other topics than the booking): the helper waits for them.
        const clientId = await registerTextableClient(loop, mobile);

        // A clinic publishes a slot five days ahead whose names say what the service is.
        const serviceType = `opiate-substitution-${randomUUID().slice(0, 8)}`;
        const startsAt = DateTime.now()
          .setZone('Europe/London')
          .plus({ days: 5 })
          .set({ hour: 10, minute: 30, second: 0, millisecond: 0 });
        const slotId = await publishSlot(loop, serviceType, startsAt.toJSDate());

        // The keyworker books it for the client (booking knows them: the helper waited for that too).
        const booked = await post<{ id: string; status: string }>(`${booking.url}/appointments`, {
          ...asKeyworker,
          headers: { 'Idempotency-Key': randomUUID() },
          body: { slotId, clientId },
        });
        expect(booked.status).toBe(201);
        expect(booked.body.status).toBe('booked');
        const appointmentId = booked.body.id;

        // Within seconds Twilio is asked for one text to the client's own mobile, worded safely.
        const [request] = await eventually(async () => {
          expect(twilio.requests.length).toBeGreaterThan(0);
          return twilio.requests;
        }, SOON);
        expect(request).toMatchObject({
          accountSid: twilio.accountSid,
          to: mobile,
          from: TWILIO_FROM,
          answeredWith: 201,
        });
        // Twilio reports on this very text: our message id rides on the callback URL it signs.
        await eventually(async () => {
          const sent = await sql.query<{ id: string }>(
            `SELECT "id" FROM "reminders"."sms_message" WHERE "gateway_message_id" = $1`,
            [request!.messageSid],
          );
          expect(request!.statusCallback).toBe(
            `${loop!.publicBaseUrl}/webhooks/twilio/status?messageId=${sent.rows[0]?.id}`,
          );
        }, SOON);
        const text = request!.body!;
        expect(text).toContain('Hi Jo,');
        expect(text).not.toContain('Joanne');
        // "Tue 3 Jun at 10:30": the London wall clock of the slot.
        expect(text).toContain(startsAt.setLocale('en-US').toFormat("ccc d LLL 'at' HH:mm"));
        expect(text).not.toContain(serviceType);
        expect(text).not.toMatch(/drug|opiate|substitution/i);
        // The site's address names the service, so the text points to the address given instead.
        expect(text).toContain('the address you were given');
        // The later steps are days away: nothing else goes now, whatever retries or redeliveries.
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        expect(twilio.requests).toHaveLength(1);
        const messageSid = request!.messageSid!;

        // Twilio reports delivery, signed: the text is recorded as delivered.
        expect(await twilio.sendStatusCallback(messageSid, 'delivered')).toMatchObject({ status: 200 });
        await eventually(async () => {
          const status = await sql.query(
            `SELECT "status" FROM "reminders"."sms_message" WHERE "gateway_message_id" = $1`,
            [messageSid],
          );
          expect(status.rows).toEqual([{ status: 'delivered' }]);
        }, SOON);

        // The client answers N: they can't make it.
        const inboundUrl = `${loop.publicBaseUrl}/webhooks/twilio/inbound`;
        const answered = await twilio.sendInbound(inboundUrl, { from: mobile, to: TWILIO_FROM, body: 'N' });
        expect(answered).toMatchObject({ status: 200, contentType: expect.stringMatching(/^text\/xml/) });

        // The care record shows the exact text sent and the answer, read as a request to rebook.
        const timeline = await eventually(async () => {
          const read = await get<{ entries: TimelineEntry[] }>(
            `${referrals.url}/clients/${clientId}/timeline`,
            asKeyworker,
          );
          expect(read.status).toBe(200);
          const kinds = read.body.entries.map((e) => e.kind);
          expect(kinds).toEqual(expect.arrayContaining(['sms_sent', 'sms_reply']));
          return read.body.entries;
        }, ACROSS_KAFKA);
        expect(timeline.filter((e) => e.kind === 'sms_sent')).toEqual([
          expect.objectContaining({
            summary: `SMS sent (booking confirmation): "${text}"`,
            refs: { appointmentId },
            by: 'system:reminders',
          }),
        ]);
        expect(timeline.filter((e) => e.kind === 'sms_reply')).toEqual([
          expect.objectContaining({
            summary: `SMS reply (can't make it, wants to rebook): "N"`,
            refs: { appointmentId },
          }),
        ]);
        const history = await get<{ items: ClientSms[] }>(
          `${referrals.url}/clients/${clientId}/sms`,
          asKeyworker,
        );
        expect(history.body.items).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ kind: 'sent', step: 'confirmation', text, appointmentId }),
            expect.objectContaining({ kind: 'reply', intent: 'rebook', text: 'N', appointmentId }),
          ]),
        );

        // The client texts STOP: their consent to SMS reminders is withdrawn in the care record, by
        // the reminders service, and the appointment's later reminders are called off.
        const stopped = await twilio.sendInbound(inboundUrl, { from: mobile, to: TWILIO_FROM, body: 'STOP' });
        expect(stopped.status).toBe(200);
        await eventually(async () => {
          const consents = await get<ConsentRecord[]>(
            `${referrals.url}/clients/${clientId}/consents`,
            asKeyworker,
          );
          expect(consents.status).toBe(200);
          const sms = consents.body.filter((c) => c.purpose === 'sms_reminders');
          expect(sms.map((c) => [c.given, c.recordedBy])).toEqual([
            [true, loop!.keyworker.userId],
            [false, 'system:reminders'],
          ]);
        }, ACROSS_KAFKA);
        await eventually(async () => {
          const plan = await sql.query<{ step: string; status: string }>(
            `SELECT "step", "status" FROM "reminders"."reminder" WHERE "appointment_id" = $1`,
            [appointmentId],
          );
          expect(Object.fromEntries(plan.rows.map((r) => [r.step, r.status]))).toEqual({
            confirmation: 'sent',
            three_days_before: 'cancelled',
            evening_before: 'cancelled',
            two_hours_before: 'cancelled',
          });
        }, ACROSS_KAFKA);
        expect(twilio.requests).toHaveLength(1);
      },
    ),
    120_000,
  );
});

/** The CDAS's in-house clinic registers itself, a site and a schedule, then publishes one slot. */
async function publishSlot(loop: RemindersLoop, serviceType: string, startsAt: Date): Promise<string> {
  const as = { token: loop.tokens.clinicAdmin };
  const { booking } = loop;
  const siteId = await registerBookingSite(loop, as.token, 'Riverside CDAS', {
    name: 'Riverside Drug Service',
    address: 'Riverside Drug Service, 14 Mill Lane',
  });
  const schedule = await post<{ id: string }>(`${booking.url}/schedules`, {
    ...as,
    body: {
      siteId,
      kind: 'clinic',
      name: 'Riverside opiate substitution clinic',
      serviceType,
    },
  });
  expect(schedule.status).toBe(201);
  const published = await post<{ published: number; slots: { id: string }[] }>(`${booking.url}/slots`, {
    ...as,
    headers: { 'Idempotency-Key': randomUUID() },
    body: {
      scheduleId: schedule.body.id,
      slots: [
        {
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 20 * MINUTE).toISOString(),
          capacity: 1,
        },
      ],
    },
  });
  expect(published.status).toBe(201);
  expect(published.body.published).toBe(1);
  return published.body.slots[0]!.id;
}
