import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnlyTable, makeAppendOnly, quoteSchema, schemaMigrationName } from '@careloop/persistence';

export const AUDIT_LOG_MIGRATION_TIMESTAMP = 1764400000000;

/**
 * Creates `<schema>.audit_log` in a service's own schema. The migration is named per schema
 * (`AuditLogReferrals1764400000000`) so several services can run theirs from one process without
 * TypeORM seeing duplicates.
 *
 * Append-only is enforced by the database, not by convention: triggers refuse UPDATE, DELETE and
 * TRUNCATE whoever asks. Retention (deleting old entries) will need a deliberate migration that
 * drops the trigger, which is the point.
 */
export function auditLogMigration(schema: string): new () => MigrationInterface {
  const s = quoteSchema(schema);
  const name = schemaMigrationName('AuditLog', schema, AUDIT_LOG_MIGRATION_TIMESTAMP);

  const migration = class implements MigrationInterface {
    readonly name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await queryRunner.query(`
        CREATE TABLE ${s}.audit_log (
          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          -- Append order: entries of one transaction share now(), and ids are random.
          seq bigint GENERATED ALWAYS AS IDENTITY,
          occurred_at timestamptz NOT NULL DEFAULT now(),
          actor_user_id text NOT NULL,
          actor_org_id text NOT NULL,
          actor_roles text[] NOT NULL DEFAULT '{}',
          action text NOT NULL,
          subject_type text NOT NULL,
          subject_id text NOT NULL,
          client_id text,
          reason text,
          correlation_id text NOT NULL,
          details jsonb NOT NULL DEFAULT '{}'::jsonb
        )`);
      await queryRunner.query(
        `CREATE INDEX audit_log_client_idx ON ${s}.audit_log (client_id, occurred_at) WHERE client_id IS NOT NULL`,
      );
      await queryRunner.query(
        `CREATE INDEX audit_log_subject_idx ON ${s}.audit_log (subject_type, subject_id, occurred_at)`,
      );
      await queryRunner.query(
        `CREATE INDEX audit_log_actor_idx ON ${s}.audit_log (actor_user_id, occurred_at)`,
      );
      await makeAppendOnly(queryRunner, schema, 'audit_log');
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      await dropAppendOnlyTable(queryRunner, schema, 'audit_log');
    }
  };
  // TypeORM reads the timestamp from the class (or instance) name.
  Object.defineProperty(migration, 'name', { value: name });
  return migration;
}
