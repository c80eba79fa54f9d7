export { loadConfig, type ConfigSchema, type Env } from './load-config';
export { ConfigError, type ConfigProblem } from './config-error';
export { secret, secretKeys } from './secret';
export { redactConfig, REDACTED } from './redact-config';
export { port, url, boolean, list, oneOf } from './fields';
