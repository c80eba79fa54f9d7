import type { MigrationInterface, QueryRunner } from 'typeorm';
import { assertSchemaName } from '@careloop/persistence';

/**
 * Outbox and inbox tables in a service's own schema. Every service adds this migration to its list,
 * so the tables exist before its first event is written or consumed.
 */
export function messagingTablesMigration(schema: string): new () => MigrationInterface {
  assertSchemaName(schema);
  return class MessagingTables1764400000001 implements MigrationInterface {
    name = 'MessagingTables1764400000001';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`CREATE TABLE "${schema}"."outbox" (
        "seq" bigserial PRIMARY KEY,
        "event_id" uuid NOT NULL UNIQUE,
        "event_type" text NOT NULL,
        "topic" text NOT NULL,
        "message_key" text NOT NULL,
        "payload" jsonb NOT NULL,
        "headers" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "published_at" timestamptz,
        "attempts" integer NOT NULL DEFAULT 0,
        "last_error" text
      )`);
      await q.query(
        `CREATE INDEX "outbox_unpublished_idx" ON "${schema}"."outbox" ("seq") WHERE "published_at" IS NULL`,
      );
      await q.query(`CREATE TABLE "${schema}"."inbox" (
        "event_id" uuid PRIMARY KEY,
        "event_type" text NOT NULL,
        "source_topic" text NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now()
      )`);
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE "${schema}"."inbox"`);
      await q.query(`DROP TABLE "${schema}"."outbox"`);
    }
  };
}
