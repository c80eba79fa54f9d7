import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

// @careloop/testing depends on @careloop/auth, which depends on this library (schema names), so
// these tests cannot use its createTestDatabase without an Nx dependency cycle. Like the auth
// library's tests, they name the integration tier's server here.
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, uniquely named database on the integration tier's Postgres, so each file owns its data. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  if (!/^[a-z0-9_]{1,30}$/.test(label)) throw new Error(`Unsafe database label: ${label}`);
  const name = `careloop_t_${label}_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL, application_name: 'careloop-tests' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
