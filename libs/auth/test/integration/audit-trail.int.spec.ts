import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  auditLogMigration,
  AuditTrail,
  scopeToOrganisation,
  type AuditEntry,
  type Principal,
} from '../../src';

// Each run gets its own database on the integration tier's Postgres. The lint boundaries keep a util
// lib from importing @careloop/testing, so the server is named here.
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `careloop_auth_${randomBytes(6).toString('hex')}`;
const SCHEMA = 'referrals';

const keyworker: Principal = {
  userId: 'user-keyworker',
  name: 'Alex Morgan',
  roles: ['drug_worker'],
  orgId: 'org-riverside',
  orgKind: 'cdas',
  siteIds: [],
};

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  actor: keyworker,
  action: 'read',
  subjectType: 'referral',
  subjectId: randomUUID(),
  clientId: 'client-1',
  correlationId: randomUUID(),
  ...overrides,
});

function databaseUrl(): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('audit trail on Postgres', () => {
  let dataSource: DataSource;
  const trail = new AuditTrail();

  beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE ${database}`));
    dataSource = new DataSource({
      type: 'postgres',
      url: databaseUrl(),
      migrations: [auditLogMigration(SCHEMA), auditLogMigration('booking')],
      synchronize: false,
      logging: false,
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  });

  it('creates an audit log in each service schema it is given', async () => {
    const tables: Array<{ schema: string }> = await dataSource.query(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'audit_log' ORDER BY 1`,
    );
    expect(tables.map((t) => t.schema)).toEqual(['booking', 'referrals']);
  });

  it('records who did what to which client, when and why, inside the caller transaction', async () => {
    const occurredAt = new Date('2026-02-03T10:15:00Z');
    const clientId = randomUUID();
    const correlationId = randomUUID();
    await dataSource.transaction(async (manager) => {
      await trail.record(
        manager,
        SCHEMA,
        entry({
          clientId,
          action: 'read',
          subjectType: 'client',
          subjectId: clientId,
          occurredAt,
          correlationId,
        }),
      );
      await trail.record(
        manager,
        SCHEMA,
        entry({
          clientId,
          action: 'update',
          reason: 'client asked to change GP',
          details: { fields: ['gpPracticeId'] },
          occurredAt,
          correlationId,
        }),
      );
    });

    const records = await trail.forClient(dataSource.manager, SCHEMA, clientId);
    expect(records).toEqual([
      expect.objectContaining({
        action: 'read',
        subjectType: 'client',
        subjectId: clientId,
        reason: null,
        details: {},
      }),
      expect.objectContaining({
        occurredAt,
        actorUserId: 'user-keyworker',
        actorOrgId: 'org-riverside',
        actorRoles: ['drug_worker'],
        action: 'update',
        subjectType: 'referral',
        clientId,
        reason: 'client asked to change GP',
        correlationId,
        details: { fields: ['gpPracticeId'] },
      }),
    ]);
  });

  it('stamps the transaction time when no time is given', async () => {
    const clientId = randomUUID();
    const [{ now }] = await dataSource.transaction(async (manager) => {
      await trail.record(manager, SCHEMA, entry({ clientId }));
      return manager.query(`SELECT now() AS now`);
    });
    const [record] = await trail.forClient(dataSource.manager, SCHEMA, clientId);
    expect(record?.occurredAt).toEqual(now);
  });

  it('refuses to change or remove an entry, whoever asks', async () => {
    const clientId = randomUUID();
    await trail.record(dataSource.manager, SCHEMA, entry({ clientId }));
    await expect(
      dataSource.query(`UPDATE ${SCHEMA}.audit_log SET reason = 'tidied' WHERE client_id = $1`, [clientId]),
    ).rejects.toThrow('audit_log is append-only: UPDATE refused');
    await expect(
      dataSource.query(`DELETE FROM ${SCHEMA}.audit_log WHERE client_id = $1`, [clientId]),
    ).rejects.toThrow('audit_log is append-only: DELETE refused');
    await expect(dataSource.query(`TRUNCATE ${SCHEMA}.audit_log`)).rejects.toThrow(
      'audit_log is append-only: TRUNCATE refused',
    );
    expect(await trail.forClient(dataSource.manager, SCHEMA, clientId)).toHaveLength(1);
  });

  it('leaves no entry when the change it describes is rolled back', async () => {
    const clientId = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await trail.record(manager, SCHEMA, entry({ clientId, action: 'create' }));
        throw new Error('referral could not be saved');
      }),
    ).rejects.toThrow('referral could not be saved');
    expect(await trail.forClient(dataSource.manager, SCHEMA, clientId)).toEqual([]);
  });

  it('refuses to record a change outside a transaction, so it cannot outlive a failed change', async () => {
    const clientId = randomUUID();
    await expect(
      trail.record(dataSource.manager, SCHEMA, entry({ clientId, action: 'delete' })),
    ).rejects.toThrow('must be recorded inside the transaction that makes the change');
    expect(await trail.forClient(dataSource.manager, SCHEMA, clientId)).toEqual([]);
  });

  it('refuses an entry without a correlation id or with an unknown action', async () => {
    await expect(trail.record(dataSource.manager, SCHEMA, entry({ correlationId: '' }))).rejects.toThrow();
    await expect(
      trail.record(dataSource.manager, SCHEMA, entry({ action: 'peek' as 'read' })),
    ).rejects.toThrow();
  });

  it("scopes a query to the principal's organisation", async () => {
    const subjectType = `scoping-${randomUUID()}`;
    await trail.record(dataSource.manager, SCHEMA, entry({ subjectType, subjectId: 'mine' }));
    await trail.record(
      dataSource.manager,
      SCHEMA,
      entry({ subjectType, subjectId: 'theirs', actor: { ...keyworker, orgId: 'org-hillside' } }),
    );
    const qb = dataSource
      .createQueryBuilder()
      .select('a.subject_id', 'subjectId')
      .from(`${SCHEMA}.audit_log`, 'a')
      .where('a.subject_type = :subjectType', { subjectType });
    const rows: Array<{ subjectId: string }> = await scopeToOrganisation(
      qb,
      'a',
      keyworker,
      'actor_org_id',
    ).getRawMany();
    expect(rows).toEqual([{ subjectId: 'mine' }]);
  });

  it('records a list screen as one entry per client shown, in one INSERT, found by forClient', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const shown = [first, second, first].map((clientId, i) =>
      entry({ action: 'search', clientId, subjectId: `referral-${i}`, correlationId: 'list-1' }),
    );
    const ids = await dataSource.transaction(async (manager) => {
      const query = jest.spyOn(manager, 'query');
      const written = await trail.recordMany(manager, SCHEMA, shown);
      expect(query.mock.calls.filter(([sql]) => /INSERT/.test(sql))).toHaveLength(1);
      return written;
    });

    expect(ids).toHaveLength(3);
    const forFirst = await trail.forClient(dataSource.manager, SCHEMA, first);
    expect(forFirst.map((r) => [r.id, r.subjectId, r.actorRoles])).toEqual([
      [ids[0], 'referral-0', ['drug_worker']],
      [ids[2], 'referral-2', ['drug_worker']],
    ]);
    expect(await trail.forClient(dataSource.manager, SCHEMA, second)).toEqual([
      expect.objectContaining({ id: ids[1], action: 'search', correlationId: 'list-1', details: {} }),
    ]);
  });

  it('writes none of a batch when one entry is invalid, and refuses a change outside a transaction', async () => {
    const clientId = randomUUID();
    await expect(
      trail.recordMany(dataSource.manager, SCHEMA, [
        entry({ clientId }),
        entry({ clientId, correlationId: '' }),
      ]),
    ).rejects.toThrow();
    await expect(
      trail.recordMany(dataSource.manager, SCHEMA, [
        entry({ clientId }),
        entry({ clientId, action: 'update' }),
      ]),
    ).rejects.toThrow('must be recorded inside the transaction that makes the change');
    expect(await trail.forClient(dataSource.manager, SCHEMA, clientId)).toEqual([]);
    expect(await trail.recordMany(dataSource.manager, SCHEMA, [])).toEqual([]);
  });

  it('can be reverted', async () => {
    await dataSource.undoLastMigration();
    await dataSource.undoLastMigration();
    const [{ table }] = await dataSource.query(`SELECT to_regclass('${SCHEMA}.audit_log') AS table`);
    expect(table).toBeNull();
  });
});
