import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA = /^[a-z][a-z0-9_]{0,62}$/;

/** The table that remembers creating requests by Idempotency-Key, in a service's own schema. */
export function idempotencyKeysMigration(schema: string): new () => MigrationInterface {
  if (!SCHEMA.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  return class IdempotencyKeys1764400000002 implements MigrationInterface {
    // Unique per schema: several services may migrate from one process.
    name = `IdempotencyKeys${schema.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase())}1764400000002`;

    async up(q: QueryRunner): Promise<void> {
      await q.query(`CREATE TABLE "${schema}"."idempotency_keys" (
        "scope" text NOT NULL,
        "key" text NOT NULL,
        "fingerprint" text NOT NULL,
        "response" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("scope", "key")
      )`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE "${schema}"."idempotency_keys"`);
    }
  };
}
