export { DomainError, defineErrors, type ErrorDefinition, type DomainErrorOptions } from './domain-error';
export {
  PROBLEM_CONTENT_TYPE,
  problemType,
  codeForStatus,
  titleForStatus,
  type ProblemDetails,
  type ValidationIssue,
} from './problem-details';
export { ProblemDetailsFilter } from './problem-details.filter';
export { RequestValidationError } from './request-validation-error';
export { SchemaValidationPipe } from './validation.pipe';
export { parseIdempotencyKey, IdempotencyKey, IDEMPOTENCY_KEY_HEADER } from './idempotency-key';
export {
  HEALTH_CHECKS,
  type HealthCheck,
  type HealthChecksProvision,
  type HealthModuleOptions,
} from './health/health-check';
export { HealthModule } from './health/health.module';
export { checkReadiness, type CheckResult, type ReadinessReport } from './health/readiness';
export { setupOpenApi, OPENAPI_JSON_PATH, OPENAPI_UI_PATH, type OpenApiOptions } from './openapi';
export { createHttpApp, configureHttpApp, type HttpAppOptions } from './http-app';
export { idempotencyKeysMigration } from './idempotency/idempotency-keys.migration';
export { IdempotencyError, type IdempotencyErrorCode } from './idempotency/idempotency.errors';
export {
  runIdempotently,
  type IdempotentRequest,
  type IdempotentOutcome,
} from './idempotency/idempotent-request';
export { createOnce, type CreateOnceRequest } from './idempotency/create-once';
export { csvLines, spreadsheetText } from './csv/csv-text';
export { SUPPRESSED_COUNT, SUPPRESSED_FIGURE, isSmall } from './csv/small-numbers';
