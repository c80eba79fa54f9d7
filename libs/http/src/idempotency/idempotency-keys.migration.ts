import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaMigrationName } from '@careloop/persistence';

/** The table that remembers creating requests by Idempotency-Key, in a service's own schema. */
export function idempotencyKeysMigration(schema: string): new () => MigrationInterface {
  // Unique per schema (several services may migrate from one process); refuses a bad schema name.
  const name = schemaMigrationName('IdempotencyKeys', schema, 1764400000002);
  return class IdempotencyKeys1764400000002 implements MigrationInterface {
    name = name;

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
