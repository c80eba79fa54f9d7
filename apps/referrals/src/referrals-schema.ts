/** The referrals service's Postgres schema, consumer group and outbox: one name, used everywhere. */
export const REFERRALS_SCHEMA = 'referrals';
