import type { DataSource } from 'typeorm';
import { Database } from '@careloop/persistence';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { bookingMigrations } from '../../src/migrations';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { bookingService } from '../../src/booking.service';

/** What a spec uses of booking's database; valid once the spec's tests (or its own beforeAll) run. */
export interface BookingTestDatabase {
  readonly dataSource: DataSource;
  transaction: Database['transaction'];
}

const QUIET = { info: () => undefined, warn: () => undefined };

/**
 * Booking's tables, migrated, in a database of the spec's own (`name`), so spec files running in
 * parallel never see each other's rows. Opened before the spec's tests and dropped after them: call it
 * in the describe block before the spec's own beforeAll, which can then use it.
 */
export function useBookingDatabase(name: string, options: { poolSize?: number } = {}): BookingTestDatabase {
  let testDb: TestDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase(name);
    db = await Database.open({ url: testDb.url, poolSize: options.poolSize, logger: QUIET }, [
      bookingService.database,
    ]);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const opened = (): Database => {
    if (!db) throw new Error(`The test database ${name} is not open (see the beforeAll failure)`);
    return db;
  };
  return {
    get dataSource() {
      return opened().dataSource;
    },
    transaction: (work, transactionOptions) => opened().transaction(work, transactionOptions),
  };
}

/**
 * Booking's schema as it stood after `last` (one of bookingMigrations), for a migration spec to put
 * rows in the old shape; opening `bookingService.database` afterwards runs the rest.
 */
export function openBookingSchemaUpTo(
  url: string,
  last: (typeof bookingMigrations)[number],
): Promise<Database> {
  const migrations = bookingMigrations.slice(0, bookingMigrations.indexOf(last) + 1);
  return Database.open({ url, logger: QUIET }, [{ schema: BOOKING_SCHEMA, entities: [], migrations }]);
}

/** Booking's schema fully migrated, in an existing database (after openBookingSchemaUpTo). */
export function openBookingSchema(url: string): Promise<Database> {
  return Database.open({ url, logger: QUIET }, [bookingService.database]);
}
