import type { QueryRunner } from 'typeorm';
import { assertSchemaName, quoteSchema } from './schema-name';

const TABLE = /^[a-z][a-z0-9_]{0,40}$/;

/**
 * Makes a table append-only in the database itself (audit logs, consent records, advocacy actions):
 * triggers refuse UPDATE, DELETE and TRUNCATE, so corrections are new rows, whoever connects.
 */
export async function makeAppendOnly(q: QueryRunner, schema: string, table: string): Promise<void> {
  const { qualified, refuse } = names(schema, table);
  await q.query(`
    CREATE FUNCTION ${refuse}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '${table} is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $$`);
  await q.query(`
    CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON ${qualified}
    FOR EACH ROW EXECUTE FUNCTION ${refuse}()`);
  await q.query(`
    CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON ${qualified}
    FOR EACH STATEMENT EXECUTE FUNCTION ${refuse}()`);
}

/** Drops the table and its refusing function, for a migration's `down`. */
export async function dropAppendOnlyTable(q: QueryRunner, schema: string, table: string): Promise<void> {
  const { qualified, refuse } = names(schema, table);
  await q.query(`DROP TABLE ${qualified}`);
  await q.query(`DROP FUNCTION ${refuse}()`);
}

function names(schema: string, table: string) {
  assertSchemaName(schema);
  if (!TABLE.test(table)) throw new Error(`Invalid table name: ${table}`);
  const s = quoteSchema(schema);
  return { qualified: `${s}."${table}"`, refuse: `${s}."${table}_refuse_change"` };
}
