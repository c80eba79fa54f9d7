import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@careloop/contracts';
import { createTestDatabase, eventsInServiceOutbox, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import type { DataSource } from 'typeorm';
import { OfferedAppointments1764400003300 } from '../../src/migrations/1764400003300-offered-appointments';
import { RebooksAndDeliveryAnnouncements1764400003400 } from '../../src/migrations/1764400003400-rebooks-and-delivery-announcements';
import { AnnounceEarlierDeliveries } from '../../src/receipts/announce-earlier-deliveries';
import { ReceiptsModule } from '../../src/receipts/receipts.module';
import { RecordDeliveryReceipt } from '../../src/receipts/record-delivery-receipt';
import { REMINDERS_SCHEMA } from '../../src/reminders-schema';
import {
  remindersPlansWith,
  startRemindersPlans,
  type RemindersPlansHarness,
} from '../support/plan-fixtures';
import { openRemindersSchema, openRemindersSchemaUpTo } from '../support/reminders-database';

const CDAS = 'org-riverside-cdas';
/** When this release starts, weeks after the texts below were delivered. */
const RELEASE_STARTS = '2026-12-10T09:00:00Z';
/** Texts delivered before it, beyond the named ones: more than one batch, for two processes to share. */
const MANY = 1100;

interface OldText {
  id: string;
  clientId: string;
  appointmentId: string | null;
  step: string | null;
  gateway: string;
  sid: string;
  status: string;
  at: string;
}

/**
 * Reports for the periods before this release read reminder.delivered.v1, which reminders did not
 * raise then: migration 1764400003400 leaves the texts delivered earlier unannounced, and reminders
 * announces each once, as it starts (AnnounceEarlierDeliveries), whatever the number of processes and
 * restarts. Texts delivered from then on are announced at their delivery, as before. Real Postgres;
 * the tests run in order, on one database, as one release's life.
 */
describe('texts delivered before reminders raised reminder.delivered.v1', () => {
  const clock = new ManualClock(RELEASE_STARTS);
  let testDb: TestDatabase | undefined;
  const started: RemindersPlansHarness[] = [];

  // Before this release: delivered texts of two clients, one outside any plan, one still on its way,
  // one undelivered, and many more, as the schema before migration 1764400003400 held them.
  const delivered: OldText[] = [
    anOldText({ step: 'evening_before', gateway: 'twilio', at: '2026-11-03T18:00:05Z' }),
    anOldText({ step: 'confirmation', gateway: 'notify', at: '2026-11-04T10:02:00Z' }),
    anOldText({ step: null, gateway: 'dev_inbox', at: '2026-11-05T12:00:00Z' }),
  ];
  const onItsWay = anOldText({
    step: 'three_days_before',
    gateway: 'twilio',
    status: 'sent',
    at: '2026-11-06T10:00:00Z',
  });
  const undelivered = anOldText({
    step: 'offer',
    gateway: 'twilio',
    status: 'undelivered',
    at: '2026-11-06T11:00:00Z',
  });

  beforeAll(async () => {
    testDb = await createTestDatabase('reminders_earlier_deliveries');
    const before = await openRemindersSchemaUpTo(testDb.url, OfferedAppointments1764400003300);
    try {
      for (const text of [...delivered, onItsWay, undelivered]) await insertAsBefore(before.dataSource, text);
      await before.dataSource.query(
        `INSERT INTO "reminders"."sms_message" ("id", "client_id", "org_id", "to", "body", "encoding",
           "segments", "gateway", "gateway_message_id", "status", "created_at", "sent_at", "status_updated_at")
         SELECT gen_random_uuid(), gen_random_uuid(), $1, '+447700900123', 'Hi Sam, see you tomorrow.',
                'GSM-7', 1, 'twilio', 'SM' || md5(n::text), 'delivered', t, t, t + interval '5 seconds'
           FROM generate_series(1, ${MANY}) n, LATERAL (SELECT '2026-10-01T09:00:00Z'::timestamptz + n * interval '1 hour' AS t) s`,
        [CDAS],
      );
    } finally {
      await before.close();
    }
  }, 60_000);

  afterAll(async () => {
    for (const h of started) await h.close();
    await testDb?.drop();
  });

  /** A reminders process with delivery receipts mounted, on the spec's database, its start-up run done. */
  async function aProcessStarts(): Promise<RemindersPlansHarness> {
    const h = await startRemindersPlans({
      databaseUrl: testDb!.url,
      clock,
      module: remindersPlansWith(ReceiptsModule),
      env: { SMS_GATEWAY: 'dev_inbox' },
    });
    started.push(h);
    await h.running.app.get(AnnounceEarlierDeliveries, { strict: false }).settled();
    return h;
  }
  async function stop(h: RemindersPlansHarness) {
    started.splice(started.indexOf(h), 1);
    await h.close();
  }

  const announcements = (ds: DataSource) =>
    eventsInServiceOutbox<Record<string, unknown>>(ds, REMINDERS_SCHEMA, { type: 'reminder.delivered.v1' });
  /** How many times each text was announced, by message id. */
  const timesAnnounced = (events: EventEnvelope<Record<string, unknown>>[]) => {
    const times = new Map<string, number>();
    for (const e of events)
      times.set(e.data['messageId'] as string, (times.get(e.data['messageId'] as string) ?? 0) + 1);
    return times;
  };
  /** The event the text's delivery would have raised: the gateway's, at the time it was delivered. */
  const announcementOf = (text: OldText) =>
    expect.objectContaining({
      type: 'reminder.delivered.v1',
      subjectId: text.clientId,
      orgId: CDAS,
      actor: { kind: 'system', id: text.gateway },
      occurredAt: new Date(text.at).toISOString(),
      data: {
        messageId: text.id,
        clientId: text.clientId,
        appointmentId: text.appointmentId,
        step: text.step,
        at: new Date(text.at).toISOString(),
      },
    });

  it('two processes starting together announce every text delivered earlier exactly once, as its delivery would have', async () => {
    const [one] = await Promise.all([aProcessStarts(), aProcessStarts()]);

    const events = await announcements(one!.dataSource);
    const times = timesAnnounced(events);
    expect(times.size).toBe(MANY + delivered.length);
    expect([...times.values()].every((n) => n === 1)).toBe(true);
    for (const text of delivered) {
      expect(events.filter((e) => e.data['messageId'] === text.id)).toEqual([announcementOf(text)]);
    }
    expect(times.has(onItsWay.id)).toBe(false);
    expect(times.has(undelivered.id)).toBe(false);
  });

  it('announces nothing again on restart; a text delivered since is announced once, at its delivery or at the next start', async () => {
    for (const h of [...started]) await stop(h);
    const restarted = await aProcessStarts();
    const before = await announcements(restarted.dataSource);
    expect(before).toHaveLength(MANY + delivered.length);

    // The text on its way is delivered now: announced by its receipt, at once.
    clock.set('2026-12-10T09:30:00Z');
    const receipts = restarted.running.app.get(RecordDeliveryReceipt, { strict: false });
    await expect(
      receipts.execute({
        gateway: 'twilio',
        gatewayMessageId: onItsWay.sid,
        gatewayStatus: 'delivered',
        errorCode: undefined,
      }),
    ).resolves.toBe('applied');
    // An older process still running beside this one delivers another, and raises nothing.
    const byAnOlderProcess = anOldText({
      step: 'two_hours_before',
      gateway: 'twilio',
      at: '2026-12-10T09:40:00Z',
    });
    await insertAsBefore(restarted.dataSource, byAnOlderProcess);
    await stop(restarted);

    const again = await aProcessStarts();
    await stop(await aProcessStarts());
    const after = await announcements(again.dataSource);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      announcementOf({ ...onItsWay, at: '2026-12-10T09:30:00Z' }),
      announcementOf(byAnOlderProcess),
    ]);
    expect(
      await again.dataSource.query(
        `SELECT count(*)::int AS "left" FROM "reminders"."sms_message"
          WHERE "status" = 'delivered' AND NOT "delivery_announced"`,
      ),
    ).toEqual([{ left: 0 }]);
  });

  it('the migration comes down, its columns gone and every text kept, and goes up again', async () => {
    for (const h of [...started]) await stop(h);
    const db = await openRemindersSchema(testDb!.url);
    const runner = db.dataSource.createQueryRunner();
    const columns = async () =>
      (
        await db.dataSource.query<{ column_name: string }[]>(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = 'reminders'
              AND column_name IN ('referral_id', 'booked_at', 'delivery_announced') ORDER BY column_name`,
        )
      ).map((c) => c.column_name);
    const texts = () => db.dataSource.query(`SELECT count(*)::int AS "n" FROM "reminders"."sms_message"`);
    try {
      const kept = await texts();
      await new RebooksAndDeliveryAnnouncements1764400003400().down(runner);
      expect(await columns()).toEqual([]);
      expect(await texts()).toEqual(kept);
      await new RebooksAndDeliveryAnnouncements1764400003400().up(runner);
      expect(await columns()).toEqual(['booked_at', 'delivery_announced', 'referral_id']);
    } finally {
      await runner.release();
      await db.close();
    }
  });
});

function anOldText(
  text: Pick<OldText, 'step' | 'gateway' | 'at'> & Partial<Pick<OldText, 'status'>>,
): OldText {
  return {
    id: randomUUID(),
    clientId: randomUUID(),
    appointmentId: text.step === null ? null : randomUUID(),
    sid: `SM${randomUUID().replaceAll('-', '')}`,
    status: 'delivered',
    ...text,
  };
}

/** The text as the sender and the receipts wrote it, with its appointment and plan step if it had one. */
async function insertAsBefore(ds: DataSource, text: OldText): Promise<void> {
  const at = new Date(text.at);
  const reminderId = text.step === null ? null : randomUUID();
  if (text.appointmentId && reminderId) {
    await ds.query(
      `INSERT INTO "reminders"."appointment" ("appointment_id", "org_id", "client_id", "status", "starts_at",
         "location", "provider_name", "service_type", "version", "last_event_at", "offer_id", "offer_expires_at")
       VALUES ($1, $2, $3, $4, $5, 'Riverside Health Centre', 'Riverside GP', 'gp', 1, $5, $6, $7)`,
      [
        text.appointmentId,
        CDAS,
        text.clientId,
        text.step === 'offer' ? 'offered' : 'booked',
        new Date(at.getTime() + 86_400_000),
        text.step === 'offer' ? randomUUID() : null,
        text.step === 'offer' ? at : null,
      ],
    );
    await ds.query(
      `INSERT INTO "reminders"."reminder" ("id", "appointment_id", "client_id", "org_id", "step",
         "appointment_version", "due_at", "status", "created_at", "updated_at")
       VALUES ($1, $2, $3, $4, $5, 1, $6, 'sent', $6, $6)`,
      [reminderId, text.appointmentId, text.clientId, CDAS, text.step, at],
    );
  }
  await ds.query(
    `INSERT INTO "reminders"."sms_message" ("id", "reminder_id", "client_id", "org_id", "appointment_id",
       "to", "body", "encoding", "segments", "gateway", "gateway_message_id", "status", "created_at",
       "sent_at", "status_updated_at")
     VALUES ($1, $2, $3, $4, $5, '+447700900123', 'Hi Sam, see you tomorrow at 10:30.', 'GSM-7', 1, $6, $7,
       $8, $9, $9, $9)`,
    [text.id, reminderId, text.clientId, CDAS, text.appointmentId, text.gateway, text.sid, text.status, at],
  );
}
