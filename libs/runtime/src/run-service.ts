import type { Env } from '@careloop/config';
import { loadRuntimeConfig } from './runtime-config';
import type { ServiceDefinition } from './service-definition';
import { startServices } from './start-services';

/** The whole of a service's main.ts: validate configuration (listing every bad key), start, or exit 1. */
export function runService(service: ServiceDefinition, env: Env): void {
  Promise.resolve()
    .then(() => startServices([service], loadRuntimeConfig(env, { PORT: String(service.defaultPort) })))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
