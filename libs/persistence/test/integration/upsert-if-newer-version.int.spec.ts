import { DataSource } from 'typeorm';
import { upsertIfNewerVersion, type VersionedRow } from '../../src';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// A service's copy of a person: a name that snapshots carry, a phone that other events set, and the
// time it last changed, which both move.
const PERSON = { schema: 'copy', table: 'person', key: 'person_id' } as const;

describe('upsertIfNewerVersion on real Postgres', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('newer_version');
    dataSource = new DataSource({ type: 'postgres', url: database.url, synchronize: false });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "copy"`);
    await dataSource.query(
      `CREATE TABLE "copy"."person" ("person_id" text PRIMARY KEY, "version" int NOT NULL, "name" text NOT NULL,
         "phone" text, "updated_at" timestamptz NOT NULL)`,
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });
  beforeEach(() => dataSource.query(`TRUNCATE "copy"."person"`));

  const snapshot = (version: number, name: string, updatedAt: string): VersionedRow => ({
    ...PERSON,
    values: { person_id: 'p1', version, name, phone: null, updated_at: new Date(updatedAt) },
    insertOnly: ['phone'],
    keepLatest: ['updated_at'],
  });
  const stored = async () =>
    (await dataSource.query(
      `SELECT "version", "name", "phone", "updated_at" FROM "copy"."person" WHERE "person_id" = 'p1'`,
    )) as { version: number; name: string; phone: string | null; updated_at: Date }[];

  it('makes the row, then takes a higher version and ignores one that arrives late or again', async () => {
    await upsertIfNewerVersion(dataSource.manager, snapshot(1, 'Alex', '2030-01-01T09:00:00Z'));
    await upsertIfNewerVersion(dataSource.manager, snapshot(3, 'Sam', '2030-01-03T09:00:00Z'));
    await upsertIfNewerVersion(dataSource.manager, snapshot(2, 'Old name', '2030-01-04T09:00:00Z'));
    await upsertIfNewerVersion(dataSource.manager, snapshot(3, 'Same version', '2030-01-04T09:00:00Z'));

    expect(await stored()).toEqual([
      { version: 3, name: 'Sam', phone: null, updated_at: new Date('2030-01-03T09:00:00Z') },
    ]);
  });

  it('leaves insert-only columns as they are and keeps the later time when the snapshot is older', async () => {
    await upsertIfNewerVersion(dataSource.manager, snapshot(1, 'Alex', '2030-01-01T09:00:00Z'));
    // Another event set the phone after the next snapshot was taken.
    await dataSource.query(
      `UPDATE "copy"."person" SET "phone" = '07700900123', "updated_at" = '2030-01-05T09:00:00Z'`,
    );

    await upsertIfNewerVersion(dataSource.manager, snapshot(2, 'Sam', '2030-01-02T09:00:00Z'));

    expect(await stored()).toEqual([
      { version: 2, name: 'Sam', phone: '07700900123', updated_at: new Date('2030-01-05T09:00:00Z') },
    ]);
  });

  it('refuses a row without its key or version, or with an unsafe name, and writes nothing', async () => {
    const values = { person_id: 'p1', version: 1, name: 'Alex', updated_at: new Date() };
    const { version: _version, ...unversioned } = values;
    const { person_id: _key, ...keyless } = values;
    await expect(
      upsertIfNewerVersion(dataSource.manager, { ...PERSON, values: unversioned }),
    ).rejects.toThrow('A versioned row needs a value for "version"');
    await expect(upsertIfNewerVersion(dataSource.manager, { ...PERSON, values: keyless })).rejects.toThrow(
      'A versioned row needs a value for "person_id"',
    );
    await expect(
      upsertIfNewerVersion(dataSource.manager, { ...PERSON, values: { ...values, 'name" = 1; --': 'x' } }),
    ).rejects.toThrow('Invalid table or column name');
    await expect(
      upsertIfNewerVersion(dataSource.manager, { ...PERSON, values, insertOnly: ['phone'] }),
    ).rejects.toThrow('"phone" is not one of the row\'s columns');
    expect(await stored()).toEqual([]);
  });
});
