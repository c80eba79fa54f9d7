/** The inreach service's Postgres schema, consumer group and outbox: one name, used everywhere. */
export const INREACH_SCHEMA = 'inreach';
