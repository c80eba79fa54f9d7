/** The reminders service's Postgres schema, consumer group and outbox: one name, used everywhere. */
export const REMINDERS_SCHEMA = 'reminders';
