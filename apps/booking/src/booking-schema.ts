/** The booking service's Postgres schema, consumer group and outbox: one name, used everywhere. */
export const BOOKING_SCHEMA = 'booking';
