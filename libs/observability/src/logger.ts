import pino from 'pino';
import { currentCorrelation } from './correlation';
import { serializeError, withSafeErrors } from './safe-errors';

export type Logger = pino.Logger;
export type LogLevel = pino.LevelWithSilent;

export interface LoggerOptions {
  service: string;
  level: LogLevel;
  /** Where lines go; stdout when omitted. Tests pass an in-memory stream. */
  destination?: pino.DestinationStream;
}

/** JSON logs: one line per event, with the service name and the current correlation ids. */
export function createLogger({ service, level, destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names read better than numbers in every log viewer we use.
    // Errors wherever they sit in a line lose query text and bound values (phone numbers, SMS texts).
    formatters: { level: (label) => ({ level: label }), log: withSafeErrors },
    serializers: { err: serializeError, error: serializeError },
    // Evaluated per line, so a logger created at boot still picks up each request's ids.
    mixin: () => {
      const context = currentCorrelation();
      if (!context) return {};
      return context.causationId
        ? { correlationId: context.correlationId, causationId: context.causationId }
        : { correlationId: context.correlationId };
    },
    redact: { paths: ['authorization', '*.authorization', 'password', '*.password'], censor: '[redacted]' },
  };
  // Without a destination pino buffers stdout writes and flushes them on exit, crashes included.
  return destination ? pino(options, destination) : pino(options);
}
