import type { DatabaseOptions } from './database-options';
import { revertLastMigration, runMigrations } from './migrations';
import type { ServiceSchema } from './service-schema';

const USAGE = 'usage: migrate run | migrate revert <schema>';

/**
 * Body of an app's `migrate` script: `run` applies pending migrations of every given service,
 * `revert <schema>` undoes the last one of that service. Returns the process exit code.
 */
export async function runMigrationCli(
  args: readonly string[],
  options: DatabaseOptions,
  services: readonly ServiceSchema[],
): Promise<number> {
  const log = options.logger ?? console;
  const [command, schema] = args;
  if (command === 'run' && args.length === 1) {
    await runMigrations(options, services);
    return 0;
  }
  if (command === 'revert' && args.length === 2) {
    const service = services.find((candidate) => candidate.schema === schema);
    if (!service) {
      log.warn(
        `Unknown schema "${schema}"; known: ${services.map((candidate) => candidate.schema).join(', ')}`,
      );
      return 2;
    }
    await revertLastMigration(options, service);
    return 0;
  }
  log.warn(USAGE);
  return 2;
}
