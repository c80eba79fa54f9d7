import { randomUUID } from 'node:crypto';
import { createTestDatabase, deleteRedisKeys, uniqueRedisPrefix, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { ERASED_NUMBER } from '../../src/client/erase-client-contact-data';
import { ReminderPlans } from '../../src/plan/reminder-plans';
import {
  aBookedEvent,
  aClientSnapshotEvent,
  aConsentChangedEvent,
  aContact,
  aContactChangedEvent,
  aContactDataErasedEvent,
  NORTHGATE_CDAS,
  SAM_MOBILE,
  startRemindersPlans,
  type RemindersPlansHarness,
} from '../support/plan-fixtures';
import { aMessageSid, aReminderText } from '../support/twilio-webhooks-over-http';

interface ClientRow {
  org_id: string;
  version: number;
  given_name: string;
  preferred_name: string | null;
  keyworker_id: string;
  mobile: string | null;
  mobile_safe_to_text: boolean;
  sms_consent: boolean;
  name_service_consent: boolean;
  opted_out_at: Date | null;
}

/**
 * Client events through the real consume pipeline (in-process bus, inbox, one transaction per event)
 * on real Postgres, with jobs on BullMQ on the real Redis: what reminders keeps of a client, and what
 * consent and erasure do to the plans.
 */
describe('reminders’ copy of clients from client events', () => {
  let testDb: TestDatabase;
  let redisPrefix: string;
  let h: RemindersPlansHarness;

  beforeAll(async () => {
    testDb = await createTestDatabase('reminders_projections');
    redisPrefix = uniqueRedisPrefix('reminders-projections');
    h = await startRemindersPlans({
      databaseUrl: testDb.url,
      clock: new ManualClock('2026-11-02T10:15:00Z'),
      redisPrefix,
    });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await testDb?.drop();
    if (redisPrefix) await deleteRedisKeys(redisPrefix);
  });

  const client = async (clientId: string): Promise<ClientRow | undefined> =>
    (
      (await h.dataSource.query(
        `SELECT "org_id", "version", "given_name", "preferred_name", "keyworker_id", "mobile", "mobile_safe_to_text",
           "sms_consent", "name_service_consent", "opted_out_at"
         FROM "reminders"."client" WHERE "client_id" = $1`,
        [clientId],
      )) as ClientRow[]
    )[0];

  /** A client registered with a mobile safe to text and consent to reminders. */
  async function aTextableClient(): Promise<string> {
    const clientId = randomUUID();
    await h.publish(
      aClientSnapshotEvent(clientId, 1),
      aContactChangedEvent(clientId, [aContact('own_mobile', SAM_MOBILE)]),
      aConsentChangedEvent(clientId, { smsReminders: true }),
    );
    return clientId;
  }

  it('keeps name, keyworker and organisation at the highest version; an older snapshot arriving late changes nothing', async () => {
    const clientId = randomUUID();
    await h.publish(
      aClientSnapshotEvent(clientId, 1, { orgId: NORTHGATE_CDAS }),
      aClientSnapshotEvent(clientId, 3, {
        orgId: NORTHGATE_CDAS,
        data: { preferredName: 'Sammy', keyworkerId: 'jo.bennett' },
      }),
      aClientSnapshotEvent(clientId, 2, {
        orgId: NORTHGATE_CDAS,
        data: { name: { given: 'Samuel', family: 'T' } },
      }),
    );
    expect(await client(clientId)).toMatchObject({
      org_id: NORTHGATE_CDAS,
      version: 3,
      given_name: 'Sam',
      preferred_name: 'Sammy',
      keyworker_id: 'jo.bennett',
      mobile: null,
      sms_consent: false,
    });
  });

  it("takes the client's own mobile from the full contact list, replacing what it held", async () => {
    const clientId = randomUUID();
    await h.publish(
      aClientSnapshotEvent(clientId, 1),
      aContactChangedEvent(clientId, [
        aContact('hostel', '+441632960001'),
        aContact('own_mobile', SAM_MOBILE, false),
      ]),
    );
    expect(await client(clientId)).toMatchObject({ mobile: SAM_MOBILE, mobile_safe_to_text: false });

    await h.publish(aContactChangedEvent(clientId, [aContact('own_mobile', '+447700900456', true)]));
    expect(await client(clientId)).toMatchObject({ mobile: '+447700900456', mobile_safe_to_text: true });

    // The own mobile was removed; the family number left is never texted.
    await h.publish(aContactChangedEvent(clientId, [aContact('family', '+447700900999', true)]));
    expect(await client(clientId)).toMatchObject({ mobile: null, mobile_safe_to_text: false });
  });

  it('a carrier opt-out stays with its number: a new number clears it, the same number keeps it', async () => {
    const clientId = await aTextableClient();
    const optedOutAt = new Date('2026-11-02T09:00:00Z');
    await h.dataSource.query(`UPDATE "reminders"."client" SET "opted_out_at" = $2 WHERE "client_id" = $1`, [
      clientId,
      optedOutAt,
    ]);
    await h.publish(
      aContactChangedEvent(clientId, [
        aContact('own_mobile', SAM_MOBILE),
        aContact('pharmacy', '+441632960002'),
      ]),
    );
    expect((await client(clientId))!.opted_out_at).toEqual(optedOutAt);

    await h.publish(aContactChangedEvent(clientId, [aContact('own_mobile', '+447700900789')]));
    expect((await client(clientId))!.opted_out_at).toBeNull();
  });

  it('records consent to reminders and to naming the service', async () => {
    const clientId = randomUUID();
    await h.publish(
      aClientSnapshotEvent(clientId, 1),
      aConsentChangedEvent(clientId, { smsReminders: true, nameServiceInSms: true }),
    );
    expect(await client(clientId)).toMatchObject({ sms_consent: true, name_service_consent: true });

    await h.publish(aConsentChangedEvent(clientId, { smsReminders: true, nameServiceInSms: false }));
    expect(await client(clientId)).toMatchObject({ sms_consent: true, name_service_consent: false });
  });

  it('applies contacts and consent that arrive before the registration, which then fills in the name', async () => {
    const clientId = randomUUID();
    await h.publish(
      aContactChangedEvent(clientId, [aContact('own_mobile', SAM_MOBILE)], { orgId: NORTHGATE_CDAS }),
      aConsentChangedEvent(clientId, { smsReminders: true }, { orgId: NORTHGATE_CDAS }),
    );
    expect(await client(clientId)).toMatchObject({
      org_id: NORTHGATE_CDAS,
      version: 0,
      mobile: SAM_MOBILE,
      sms_consent: true,
    });

    // Until it is registered, the worker is given no client, so nothing is sent to it.
    const booked = aBookedEvent({ clientId, startsAt: '2026-11-10T14:30:00Z' }, { orgId: NORTHGATE_CDAS });
    await h.publish(booked);
    const [confirmation] = await h.reminders(booked.data.appointmentId);
    const plans = h.running.app.get(ReminderPlans);
    const load = () => h.dataSource.transaction((m) => plans.load(m, confirmation!.id));
    expect((await load())?.client).toBeNull();

    await h.publish(aClientSnapshotEvent(clientId, 1, { orgId: NORTHGATE_CDAS }));
    expect(await client(clientId)).toMatchObject({
      version: 1,
      given_name: 'Sam',
      keyworker_id: 'alex.morgan',
      mobile: SAM_MOBILE,
      mobile_safe_to_text: true,
      sms_consent: true,
    });
    expect((await load())?.client).toMatchObject({ givenName: 'Sam', mobile: SAM_MOBILE, smsConsent: true });
  });

  it("withdrawing consent cancels every scheduled reminder of the client, with its job, and no one else's", async () => {
    const clientId = await aTextableClient();
    const otherClientId = await aTextableClient();
    const first = aBookedEvent({ clientId, startsAt: '2026-11-10T14:30:00Z' });
    const second = aBookedEvent({ clientId, startsAt: '2026-11-20T10:00:00Z' });
    const others = aBookedEvent({ clientId: otherClientId, startsAt: '2026-11-10T14:30:00Z' });
    await h.publish(first, second, others);

    await h.publish(aConsentChangedEvent(clientId, { smsReminders: false }));

    expect(await client(clientId)).toMatchObject({ sms_consent: false });
    for (const appointment of [first, second]) {
      const rows = await h.reminders(appointment.data.appointmentId);
      expect(rows.map((r) => [r.status, r.status_reason])).toEqual(
        Array(4).fill(['cancelled', 'consent_withdrawn']),
      );
      for (const r of rows) expect(await h.job(r.id)).toBeUndefined();
    }
    const untouched = await h.reminders(others.data.appointmentId);
    expect(untouched.map((r) => r.status)).toEqual(Array(4).fill('scheduled'));
    for (const r of untouched) expect(await h.job(r.id)).toMatchObject({ state: 'scheduled' });
  });

  it('consent not yet given leaves plans alone, so they still go once it is recorded', async () => {
    const clientId = randomUUID();
    await h.publish(aClientSnapshotEvent(clientId, 1));
    const booked = aBookedEvent({ clientId, startsAt: '2026-11-10T14:30:00Z' });
    await h.publish(booked);

    // Another purpose changed: the event repeats that reminders were never consented to.
    await h.publish(aConsentChangedEvent(clientId, { smsReminders: false, nameServiceInSms: true }));
    expect((await h.reminders(booked.data.appointmentId)).map((r) => r.status)).toEqual(
      Array(4).fill('scheduled'),
    );
  });

  describe('consent given again after a carrier opt-out', () => {
    /** A client who texted STOP at 09:00, after which the service withdrew their consent. */
    async function anOptedOutClient(): Promise<string> {
      const clientId = await aTextableClient();
      await h.dataSource.query(`UPDATE "reminders"."client" SET "opted_out_at" = $2 WHERE "client_id" = $1`, [
        clientId,
        new Date('2026-11-02T09:00:00Z'),
      ]);
      await h.publish(aConsentChangedEvent(clientId, { smsReminders: false }));
      return clientId;
    }
    const consentRecordedAt = (clientId: string, recordedAt: string) => {
      const event = aConsentChangedEvent(clientId, { smsReminders: true });
      event.data.consents.sms_reminders.recordedAt = recordedAt;
      return event;
    };

    it('clears the opt-out when recorded after it: the client has said yes since', async () => {
      const clientId = await anOptedOutClient();

      await h.publish(consentRecordedAt(clientId, '2026-11-02T09:30:00Z'));

      expect(await client(clientId)).toMatchObject({ sms_consent: true, opted_out_at: null });
    });

    it('keeps the opt-out when the consent was recorded before the STOP', async () => {
      const clientId = await anOptedOutClient();

      await h.publish(consentRecordedAt(clientId, '2026-11-01T16:00:00Z'));

      expect(await client(clientId)).toMatchObject({
        sms_consent: true,
        opted_out_at: new Date('2026-11-02T09:00:00Z'),
      });
    });

    it('keeps the opt-out when consent is only repeated as given (another purpose changed)', async () => {
      const clientId = await aTextableClient();
      const optedOutAt = new Date('2026-11-02T09:00:00Z');
      await h.dataSource.query(`UPDATE "reminders"."client" SET "opted_out_at" = $2 WHERE "client_id" = $1`, [
        clientId,
        optedOutAt,
      ]);

      await h.publish(consentRecordedAt(clientId, '2026-11-02T09:30:00Z'));

      expect((await client(clientId))!.opted_out_at).toEqual(optedOutAt);
    });
  });

  it("erasing the client's contact data forgets the mobile and cancels every scheduled reminder with its job", async () => {
    const clientId = await aTextableClient();
    const booked = aBookedEvent({ clientId, startsAt: '2026-11-10T14:30:00Z' });
    await h.publish(booked);

    await h.publish(aContactDataErasedEvent(clientId));

    expect(await client(clientId)).toMatchObject({
      mobile: null,
      mobile_safe_to_text: false,
      given_name: 'Sam',
    });
    const rows = await h.reminders(booked.data.appointmentId);
    expect(rows.map((r) => [r.status, r.status_reason])).toEqual(
      Array(4).fill(['cancelled', 'contact_erased']),
    );
    for (const r of rows) expect(await h.job(r.id)).toBeUndefined();
  });

  describe("erasing the client's contact data from the texts and replies", () => {
    // Numbers of their own: no other test's client has them.
    const ERASED_MOBILE = '+447700900555';
    const OTHER_MOBILE = '+447700900556';

    /** A client with this number as their own mobile, one text we sent them there and their reply. */
    async function aClientWhoWasTexted(mobile: string) {
      const clientId = randomUUID();
      await h.publish(
        aClientSnapshotEvent(clientId, 1),
        aContactChangedEvent(clientId, [aContact('own_mobile', mobile)]),
        aConsentChangedEvent(clientId, { smsReminders: true }),
      );
      const text = await aReminderText(
        h.dataSource,
        { clientId, orgId: 'org-riverside-cdas', mobile },
        { sentAt: new Date('2026-11-01T18:00:00Z'), status: 'delivered' },
      );
      const reply = await aReply({ from: mobile, clientId, body: 'Yes see you then', intent: 'confirm' });
      return { clientId, text, reply };
    }
    async function aReply(row: { from: string; clientId: string | null; body: string; intent: string }) {
      const id = randomUUID();
      await h.dataSource.query(
        `INSERT INTO "reminders"."inbound_message" ("id", "gateway", "gateway_message_id", "from", "body",
           "client_id", "appointment_id", "intent", "received_at")
         VALUES ($1, 'twilio', $2, $3, $4, $5, NULL, $6, '2026-11-01T18:05:00Z')`,
        [id, aMessageSid(), row.from, row.body, row.clientId, row.intent],
      );
      return id;
    }
    const textRow = async (id: string) =>
      (
        await h.dataSource.query<{ to: string; body: string; status: string }[]>(
          `SELECT "to", "body", "status" FROM "reminders"."sms_message" WHERE "id" = $1`,
          [id],
        )
      )[0];
    const replyRow = async (id: string) =>
      (
        await h.dataSource.query<{ from: string; body: string; intent: string; client_id: string | null }[]>(
          `SELECT "from", "body", "intent", "client_id" FROM "reminders"."inbound_message" WHERE "id" = $1`,
          [id],
        )
      )[0];
    const rowsHolding = async (number: string) =>
      h.dataSource.query<{ count: number }[]>(
        `SELECT ((SELECT count(*) FROM "reminders"."client" WHERE "mobile" = $1)
              + (SELECT count(*) FROM "reminders"."sms_message" WHERE "to" = $1)
              + (SELECT count(*) FROM "reminders"."inbound_message" WHERE "from" = $1))::int AS "count"`,
        [number],
      );

    it('no row holds the number any more; what was said, and when, stays for the care record', async () => {
      const erased = await aClientWhoWasTexted(ERASED_MOBILE);
      // Sent from that number before it was on record: matched no client then.
      const unmatched = await aReply({
        from: ERASED_MOBILE,
        clientId: null,
        body: 'Is this the clinic?',
        intent: 'other',
      });
      const other = await aClientWhoWasTexted(OTHER_MOBILE);

      await h.publish(aContactDataErasedEvent(erased.clientId));

      expect(await rowsHolding(ERASED_MOBILE)).toEqual([{ count: 0 }]);
      expect(await textRow(erased.text.id)).toEqual({
        to: ERASED_NUMBER,
        body: 'Hi Sam, see you tomorrow at 10:30. Reply Y to confirm.',
        status: 'delivered',
      });
      expect(await replyRow(erased.reply)).toEqual({
        from: ERASED_NUMBER,
        body: 'Yes see you then',
        intent: 'confirm',
        client_id: erased.clientId,
      });
      expect(await replyRow(unmatched)).toMatchObject({ from: ERASED_NUMBER, body: 'Is this the clinic?' });
      // Another client's number and texts are theirs: untouched.
      expect(await textRow(other.text.id)).toMatchObject({ to: OTHER_MOBILE });
      expect(await replyRow(other.reply)).toMatchObject({ from: OTHER_MOBILE });
      expect(await client(other.clientId)).toMatchObject({ mobile: OTHER_MOBILE });
    });
  });
});
