import type { PersistenceLogger } from './database-options';
import { runMigrationCli } from './migration-cli';

// Only argument handling is tested here; running and reverting are covered by the integration tests.
describe('runMigrationCli', () => {
  const services = [{ schema: 'referrals', entities: [], migrations: [] }];
  let warnings: string[];
  let logger: PersistenceLogger;

  beforeEach(() => {
    warnings = [];
    logger = { info: () => undefined, warn: (line) => warnings.push(line) };
  });

  it.each([[[]], [['up']], [['run', 'extra']], [['revert']]])(
    'prints usage and exits 2 for %p',
    async (args) => {
      await expect(
        runMigrationCli(args, { url: 'postgres://unused@127.0.0.1:1/none', logger }, services),
      ).resolves.toBe(2);
      expect(warnings).toEqual(['usage: migrate run | migrate revert <schema>']);
    },
  );

  it('names the known schemas when asked to revert an unknown one', async () => {
    await expect(
      runMigrationCli(['revert', 'booking'], { url: 'postgres://unused@127.0.0.1:1/none', logger }, services),
    ).resolves.toBe(2);
    expect(warnings).toEqual(['Unknown schema "booking"; known: referrals']);
  });
});
