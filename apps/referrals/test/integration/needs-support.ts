import { NeedStatusWriter } from '../../src/need/need-status-writer';
import { randomUUID } from 'node:crypto';
import { AuditTrail, type Principal } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import { Database, type ServiceSchema } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import type { Clock } from '@careloop/time';
import { referralsMigrations } from '../../src/migrations';
import { ChangeNeedStatus } from '../../src/need/change-need-status';
import { SqlClientDirectory } from '../../src/need/client-directory';
import { GetNeed } from '../../src/need/get-need';
import { ListClientNeeds } from '../../src/need/list-client-needs';
import { RecordNeed } from '../../src/need/record-need';
import { NeedStatusChange } from '../../src/need/need-status-change.entity';
import { Need } from '../../src/need/need.entity';
import { RecallCheck } from '../../src/recall/recall-check.entity';
import { RecallPolicy } from '../../src/recall/recall-policy.entity';
import { REFERRALS_SCHEMA } from '../../src/referrals-schema';

const ENTITIES = [Need, NeedStatusChange, RecallPolicy, RecallCheck];

/** A fresh real database with the referrals schema (all migrations, or only those `keep` accepts). */
export async function openNeedsDatabase(
  label: string,
  keep: (migration: ServiceSchema['migrations'][number]) => boolean = () => true,
): Promise<{ db: Database; testDb: TestDatabase }> {
  const testDb = await createTestDatabase(label);
  const db = await Database.open(
    { url: testDb.url, logger: { info: () => undefined, warn: () => undefined } },
    [{ schema: REFERRALS_SCHEMA, entities: ENTITIES, migrations: referralsMigrations.filter(keep) }],
  );
  return { db, testDb };
}

export function aPrincipal(overrides: Partial<Principal> = {}): Principal {
  return {
    userId: randomUUID(),
    name: 'Priya Shah',
    roles: ['nurse'],
    orgId: 'org-riverside',
    orgKind: 'cdas',
    siteIds: ['site-central'],
    ...overrides,
  };
}

/** Inserts a client straight into the client context's table (its API is built separately). */
export async function insertClient(
  db: Database,
  orgId: string,
  overrides: { keyworkerId?: string; siteId?: string; registeredAt?: string } = {},
): Promise<string> {
  const id = randomUUID();
  const at = overrides.registeredAt ?? '2025-01-10T10:00:00Z';
  await db.dataSource.query(
    `INSERT INTO "referrals"."client" ("id", "org_id", "version", "given_name", "family_name", "date_of_birth",
       "keyworker_id", "site_id", "no_fixed_abode", "recently_released_from_prison", "interpreter_needed",
       "created_by", "created_at", "updated_by", "updated_at")
     VALUES ($1, $2, 1, 'Test', 'Client', '1975-05-05', $3, $4, false, false, false, 'test', $5, 'test', $5)`,
    [id, orgId, overrides.keyworkerId ?? 'kw-alex', overrides.siteId ?? 'site-central', at],
  );
  return id;
}

export interface OutboxRow {
  event_type: string;
  message_key: string;
  topic: string;
  payload: { orgId: string; subjectId: string; actor: unknown; data: Record<string, unknown> };
}

export async function outboxFor(db: Database, subjectId: string): Promise<OutboxRow[]> {
  return db.dataSource.query(
    `SELECT "event_type", "message_key", "topic", "payload" FROM "referrals"."outbox" WHERE "message_key" = $1 ORDER BY "seq"`,
    [subjectId],
  );
}

export async function count(db: Database, table: string): Promise<number> {
  const rows: { n: number }[] = await db.dataSource.query(
    `SELECT count(*)::int AS n FROM "referrals"."${table}"`,
  );
  return rows[0]!.n;
}

/** The need use cases wired as the module wires them, on the real database. */
export function needUseCases(db: Database, clock: Clock) {
  const audit = new AuditTrail();
  const outbox = new Outbox(REFERRALS_SCHEMA, clock);
  const clients = new SqlClientDirectory();
  return {
    audit,
    recordNeed: new RecordNeed(db.dataSource, outbox, audit, clients, clock),
    changeStatus: new ChangeNeedStatus(db.dataSource, audit, new NeedStatusWriter(outbox, audit), clock),
    getNeed: new GetNeed(db.dataSource, audit),
    listNeeds: new ListClientNeeds(db.dataSource, audit, clients),
  };
}
