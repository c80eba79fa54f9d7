import { NeedStatusWriter } from '../../src/need/need-status-writer';
import { randomUUID } from 'node:crypto';
import { AuditTrail, type Principal } from '@careloop/auth';
import {
  appointmentAttendanceRecordedV1,
  appointmentBookedV1,
  appointmentCancelledV1,
  appointmentOutcomeOverdueV1,
  appointmentRescheduledV1,
  type AttendanceOutcome,
  type EventDefinition,
  type EventEnvelope,
} from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import type { Clock } from '@careloop/time';
import { InreachServiceDirectory } from '../../src/inreach-service/inreach-service-directory';
import { SqlClientDirectory } from '../../src/need/client-directory';
import { RecordNeed } from '../../src/need/record-need';
import { ApplyReferralAction } from '../../src/referral/apply-referral-action';
import { CreateReferral } from '../../src/referral/create-referral';
import { GetReferral } from '../../src/referral/get-referral';
import { ListReferrals } from '../../src/referral/list-referrals';
import { RecordAppointmentEvent } from '../../src/referral/record-appointment-event';
import { ReferNeed } from '../../src/referral/refer-need';
import { createReferralBody } from '../../src/referral/referral.dto';
import { ReferralTransitions } from '../../src/referral/referral-transition';
import { referralsService } from '../../src/referrals.service';
import { REFERRALS_SCHEMA } from '../../src/referrals-schema';

export function aPrincipal(overrides: Partial<Principal> = {}): Principal {
  return {
    userId: `user-${randomUUID()}`,
    name: 'Alex Morgan',
    roles: ['drug_worker'],
    orgId: 'org-riverside',
    orgKind: 'cdas',
    siteIds: ['site-hub'],
    ...overrides,
  };
}

export const aReferralBody = (needId: string, overrides: Record<string, unknown> = {}) =>
  createReferralBody.parse({
    needId,
    destinationKind: 'gp',
    destinationName: 'Hillside Surgery',
    urgency: 'routine',
    reason: 'Breathless on stairs: COPD review',
    accompaniment: { needed: true, by: 'peer_supporter', transportArranged: false },
    send: true,
    ...overrides,
  });

/** A fresh, migrated database of the real Postgres with the whole referrals schema. */
export async function openReferralsDatabase(label: string): Promise<{ db: Database; testDb: TestDatabase }> {
  const testDb = await createTestDatabase(label);
  const db = await Database.open(
    { url: testDb.url, logger: { info: () => undefined, warn: () => undefined } },
    [referralsService.database],
  );
  return { db, testDb };
}

/** Inserts a client straight into the client context's table. */
export async function insertClient(db: Database, orgId: string, keyworkerId = 'kw-alex'): Promise<string> {
  const id = randomUUID();
  await db.dataSource.query(
    `INSERT INTO "referrals"."client" ("id", "org_id", "version", "given_name", "family_name", "date_of_birth",
       "keyworker_id", "site_id", "no_fixed_abode", "recently_released_from_prison", "interpreter_needed",
       "created_by", "created_at", "updated_by", "updated_at")
     VALUES ($1, $2, 1, 'Test', 'Client', '1975-05-05', $3, 'site-hub', false, false, false, 'test', now(), 'test', now())`,
    [id, orgId, keyworkerId],
  );
  return id;
}

/** The referral use cases wired as the module wires them, on the real database. */
export function referralUseCases(db: Database, clock: Clock) {
  const ds = db.dataSource;
  const audit = new AuditTrail();
  const outbox = new Outbox(REFERRALS_SCHEMA, clock);
  const clients = new SqlClientDirectory();
  const transitions = new ReferralTransitions(outbox, audit);
  const recordNeed = new RecordNeed(ds, outbox, audit, clients, clock);
  return {
    create: new CreateReferral(
      ds,
      outbox,
      audit,
      clients,
      new ReferNeed(new NeedStatusWriter(outbox, audit)),
      new InreachServiceDirectory(),
      clock,
    ),
    act: new ApplyReferralAction(ds, audit, transitions, clock),
    get: new GetReferral(ds, audit, clock),
    list: new ListReferrals(ds, audit, clock),
    recordAppointment: new RecordAppointmentEvent(clients, transitions),
    /** A registered client with an open need, ready to refer. */
    async referrable(principal: Principal, keyworkerId?: string) {
      const clientId = await insertClient(db, principal.orgId, keyworkerId);
      const need = await recordNeed.execute(principal, clientId, { category: 'respiratory_copd' }, undefined);
      return { clientId, needId: need.result.id };
    },
  };
}

export interface OutboxEnvelope {
  type: string;
  subjectId: string;
  actor: { kind: string; id: string };
  data: Record<string, unknown>;
}

export async function outboxFor(db: Database, subjectId: string): Promise<OutboxEnvelope[]> {
  const rows: { payload: OutboxEnvelope }[] = await db.dataSource.query(
    `SELECT "payload" FROM "referrals"."outbox" WHERE "message_key" = $1 ORDER BY "seq"`,
    [subjectId],
  );
  return rows.map((r) => r.payload);
}

export async function count(db: Database, table: string): Promise<number> {
  const rows: { n: number }[] = await db.dataSource.query(
    `SELECT count(*)::int AS n FROM "referrals"."${table}"`,
  );
  return rows[0]!.n;
}

/** A need's status as stored (a referral moves it). */
export async function needStatus(db: Database, needId: string): Promise<string> {
  const rows: { status: string }[] = await db.dataSource.query(
    `SELECT status FROM "referrals"."need" WHERE id = $1`,
    [needId],
  );
  return rows[0]!.status;
}

/** Booking's appointment events as booking would publish them, for one appointment. */
/** What booking's events say of the slot, when they say it (older events do not). */
export interface SlotFacts {
  underReservation?: boolean;
  inreachSessionId?: string | null;
}

export function anAppointment(orgId: string, clientId: string, referralId: string | null) {
  const appointmentId = randomUUID();
  const ref = { appointmentId, clientId, referralId };
  const envelope = <T>(def: EventDefinition, data: T, occurredAt: string): EventEnvelope<T> => ({
    id: randomUUID(),
    type: def.type,
    version: def.version,
    occurredAt,
    orgId,
    actor: { kind: 'user', id: 'user-clinic-admin' },
    correlationId: randomUUID(),
    causationId: null,
    subjectId: appointmentId,
    data: def.data.parse(data) as T,
  });
  return {
    appointmentId,
    booked: (startsAt = '2026-11-10T10:00:00Z', occurredAt = '2026-11-03T09:00:00Z', slot: SlotFacts = {}) =>
      envelope(
        appointmentBookedV1,
        {
          ...ref,
          ...slot,
          providerName: 'Hillside Surgery',
          serviceType: 'COPD review',
          location: 'Hillside Surgery, 1 High Street',
          startsAt,
          endsAt: new Date(new Date(startsAt).getTime() + 20 * 60_000).toISOString(),
          bookedBy: 'user-keyworker',
        },
        occurredAt,
      ),
    attendance: (outcome: AttendanceOutcome, occurredAt = '2026-11-10T11:00:00Z') =>
      envelope(
        appointmentAttendanceRecordedV1,
        { ...ref, outcome, startsAt: '2026-11-10T10:00:00Z', recordedBy: 'user-clinic-admin' },
        occurredAt,
      ),
    rescheduled: (startsAt: string, occurredAt = '2026-11-04T09:00:00Z', slot: SlotFacts = {}) =>
      envelope(
        appointmentRescheduledV1,
        {
          ...ref,
          ...slot,
          previousStartsAt: '2026-11-10T10:00:00Z',
          startsAt,
          endsAt: new Date(new Date(startsAt).getTime() + 20 * 60_000).toISOString(),
          location: 'Hillside Surgery, room 2',
          rescheduledBy: 'user-clinic-admin',
        },
        occurredAt,
      ),
    cancelled: (occurredAt = '2026-11-05T09:00:00Z') =>
      envelope(
        appointmentCancelledV1,
        {
          ...ref,
          cancelledBy: 'provider' as const,
          reason: 'Clinic closed',
          startsAt: '2026-11-10T10:00:00Z',
        },
        occurredAt,
      ),
    outcomeOverdue: (occurredAt = '2026-11-11T10:00:00Z') =>
      envelope(
        appointmentOutcomeOverdueV1,
        { ...ref, startsAt: '2026-11-10T10:00:00Z', endedAt: '2026-11-10T10:20:00Z' },
        occurredAt,
      ),
  };
}
