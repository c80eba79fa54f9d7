export {
  runWithCorrelation,
  currentCorrelation,
  newCorrelationId,
  type CorrelationContext,
} from './correlation';
export { correlationMiddleware, isSaneCorrelationId, CORRELATION_HEADER } from './correlation.middleware';
export { createLogger, type Logger, type LoggerOptions, type LogLevel } from './logger';
export { PinoNestLogger } from './pino-nest-logger';
export { MetricsModule, type MetricsModuleOptions } from './metrics.module';
export { Metrics, METRICS_REGISTRY, type MetricDefinition } from './metrics';
export { MetricsController } from './metrics.controller';
export { memoryDestination } from './memory-destination';
