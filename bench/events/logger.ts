import type { MessagingLogger } from '@careloop/messaging';
import type { PersistenceLogger } from '@careloop/persistence';

/**
 * A quiet logger for the messaging library that counts warnings and errors (relay publish failures,
 * handler retries, dead letters) and keeps the first few, so the report can say whether the run was clean.
 */
export class CountingLogger implements MessagingLogger {
  warnings = 0;
  errors = 0;
  readonly samples: string[] = [];

  debug(): void {}
  info(): void {}
  warn(fields: object, message: string): void {
    this.warnings += 1;
    this.keep('warn', fields, message);
  }
  error(fields: object, message: string): void {
    this.errors += 1;
    this.keep('error', fields, message);
  }

  private keep(level: string, fields: object, message: string): void {
    if (this.samples.length < 5) this.samples.push(`${level}: ${message} ${JSON.stringify(fields)}`);
  }
}

export const quietPersistenceLogger: PersistenceLogger = {
  info: () => undefined,
  warn: (message) => process.stderr.write(`[persistence] ${message}\n`),
};
