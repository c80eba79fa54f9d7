import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { Logger } from './logger';

type PinoMethod = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

const pinoMethodFor: Record<NestLogLevel, PinoMethod> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/** Nest's own logs (startup, routes, errors) as the same JSON lines as ours. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  // Nest calls `log(message, context)` and `error(message, stack, context)`: the context, when
  // given, is the last argument, a one-line string (a stack spans several lines).
  private write(level: NestLogLevel, message: unknown, params: unknown[]): void {
    const rest = params.filter((param) => param !== undefined);
    const last = rest[rest.length - 1];
    const context = typeof last === 'string' && !last.includes('\n') ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields['context'] = context;
    if (level === 'error' && typeof rest[0] === 'string') fields['stack'] = rest.shift();
    if (rest.length > 0) fields['params'] = rest;

    const method = pinoMethodFor[level];
    if (message instanceof Error) {
      this.logger[method]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[method]({ ...fields, ...message });
    } else {
      this.logger[method](fields, String(message));
    }
  }
}
