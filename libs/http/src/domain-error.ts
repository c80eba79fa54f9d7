// What an event consumer does when a use case throws a code; messaging reads `consumerDecision`.
import type { ConsumerDecision } from '@careloop/messaging';

/** How one error code of a bounded context is presented over HTTP and treated by event consumers. */
export interface ErrorDefinition {
  status: number;
  title: string;
  /** Required, so adding a code forces the decision instead of defaulting every code to a retry. */
  consumer: ConsumerDecision;
}

export interface DomainErrorOptions {
  /** Explanation specific to this occurrence; shown to the caller, so no personal data. */
  detail?: string;
  /** Extra members for the problem document, e.g. { slotId }. */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * Base of every bounded context's error type. Use cases throw these; the HTTP layer maps them to
 * problem+json and consumers map them to retry / dead-letter / ignore, each from the closed code set.
 */
export abstract class DomainError<TCode extends string = string> extends Error {
  abstract readonly context: string;
  readonly detail: string | undefined;
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Read by the messaging library's `decideOnError` when a consumer's use case throws this error. */
  readonly consumerDecision: ConsumerDecision;

  protected constructor(
    readonly code: TCode,
    readonly definition: ErrorDefinition,
    options: DomainErrorOptions = {},
  ) {
    super(options.detail ?? definition.title, { cause: options.cause });
    this.detail = options.detail;
    this.extensions = options.extensions ?? {};
    this.consumerDecision = definition.consumer;
  }

  get status(): number {
    return this.definition.status;
  }

  get title(): string {
    return this.definition.title;
  }
}

/**
 * Defines a context's error class with a closed set of codes:
 *
 *   export class ReferralError extends defineErrors('referrals', {
 *     REFERRAL_NOT_FOUND: { status: 404, title: 'Referral not found', consumer: 'dead-letter' },
 *   }) {}
 *   export type ReferralErrorCode = ReferralError['code'];
 *   throw new ReferralError('REFERRAL_NOT_FOUND', { detail: `No referral ${id}` });
 *
 * `code` is the union of the keys, so `Record<ReferralErrorCode, Decision>` or a switch with a
 * `never` default fails to compile when a code is added and not handled.
 */
export function defineErrors<const TDefinitions extends Record<string, ErrorDefinition>>(
  context: string,
  definitions: TDefinitions,
) {
  type Code = Extract<keyof TDefinitions, string>;
  return class ContextError extends DomainError<Code> {
    static readonly context = context;
    static readonly definitions: Readonly<TDefinitions> = definitions;
    static readonly codes = Object.keys(definitions) as Code[];
    readonly context = context;

    constructor(code: Code, options?: DomainErrorOptions) {
      super(code, definitions[code] as ErrorDefinition, options);
      this.name = `${context}:${code}`;
    }
  };
}
