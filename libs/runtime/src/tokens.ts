/** The process-wide structured logger. */
export const APP_LOGGER = Symbol('APP_LOGGER');
/** The validated runtime configuration. */
export const RUNTIME_CONFIG = Symbol('RUNTIME_CONFIG');
/** The job scheduler port (BullMQ on Redis, or in-process). */
export const JOB_SCHEDULER = Symbol('JOB_SCHEDULER');
