/** One configuration key that failed validation. Never carries the value. */
export interface ConfigProblem {
  key: string;
  problem: string;
}

/** Thrown by loadConfig listing every bad key at once, so one failed boot shows all there is to fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n` +
        problems.map(({ key, problem }) => `  - ${key}: ${problem}`).join('\n'),
    );
  }
}
