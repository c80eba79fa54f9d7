import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection URL of the fresh database. */
  url: string;
  /** Its name, e.g. `careloop_t_referrals_3f9a1c0b`. */
  name: string;
  /** Drops it, disconnecting any session still attached. */
  drop(): Promise<void>;
}

/** URL of the server's maintenance database used to create and drop per-file test databases. */
export function adminDatabaseUrl(): string {
  return process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? DEFAULT_ADMIN_URL;
}

/**
 * Creates a uniquely named database on the real server so each integration test file owns its data.
 * The label is reduced to lowercase letters, digits and underscores to make a safe identifier.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 30);
  const name = `careloop_t_${safeLabel}_${randomBytes(4).toString('hex')}`;
  const adminUrl = adminDatabaseUrl();
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      withAdminClient(adminUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ).then(() => undefined),
  };
}

async function withAdminClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'careloop-tests' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
