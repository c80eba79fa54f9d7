export { adminDatabaseUrl, createTestDatabase } from './database';
export type { TestDatabase } from './database';
export { deleteRedisKeys, redisUrl, uniqueRedisPrefix } from './redis';
export * from './kafka';
export * from './eventually';
export * from './silent-logger';
export * from './event-builders';
export * from './identity-provider';
export * from './service-process';
