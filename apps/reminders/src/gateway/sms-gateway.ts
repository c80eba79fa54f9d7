import type { SmsStatus } from '@careloop/contracts';

export type SmsGatewayName = 'twilio' | 'notify' | 'dev_inbox';

/** One text to send. */
export interface OutgoingSms {
  /** The recipient in E.164 (+447700900123). */
  to: string;
  body: string;
  /** Where the gateway reports delivery (Twilio); the adapter's configured URL when omitted. */
  statusCallbackUrl?: string;
  /**
   * Our id for the message (the sms_message id), handed back with its delivery receipts: Notify's
   * `reference`, Twilio's status callback URL (`?messageId=`). Never personal data: gateways show it
   * in their dashboards.
   */
  reference?: string;
}

/** The gateway took the message: its id for it and where it stands. */
export interface SmsAccepted {
  gatewayMessageId: string;
  status: SmsStatus;
}

/**
 * The port reminders send through (ADR 20). Adapters retry 429, 503 and connections never made themselves
 * (any other 5xx may follow a created message: SmsOutcomeUnknownError); what they throw
 * tells the sender what happened to the message:
 * - SmsRejectedError: refused for good (blocked or invalid number...): never retry this message.
 * - SmsGatewayUnavailableError: not taken (still failing after the retries, or our credentials were
 *   refused): nothing was sent, it may be tried again later.
 * - SmsOutcomeUnknownError: the request may have reached the gateway but no answer came back (a
 *   timeout, a dropped connection): the text may or may not go out, so it must not be resent blindly.
 */
export interface SmsGateway {
  readonly name: SmsGatewayName;
  send(message: OutgoingSms): Promise<SmsAccepted>;
}

/** Injection token of the configured SmsGateway. */
export const SMS_GATEWAY = Symbol('SMS_GATEWAY');

/** Why a gateway refused a message, when the code says so. */
export type SmsRejectionReason = 'opted_out' | 'invalid_number' | 'other';

export class SmsRejectedError extends Error {
  override readonly name = 'SmsRejectedError';

  constructor(
    readonly gateway: SmsGatewayName,
    /** The gateway's own error code, e.g. Twilio's '21610' or Notify's 'BadRequestError'. */
    readonly code: string,
    readonly reason: SmsRejectionReason,
    /** The gateway's explanation when its code is generic (Notify); may quote the recipient. */
    readonly detail?: string,
  ) {
    super(`${gateway} refused the message (${code}, ${reason})`);
  }
}

export class SmsGatewayUnavailableError extends Error {
  override readonly name = 'SmsGatewayUnavailableError';

  constructor(
    readonly gateway: SmsGatewayName,
    /** What the last attempt got: 'http_503', 'twilio_20429', 'ECONNREFUSED'... */
    readonly lastProblem: string,
    readonly attempts: number,
  ) {
    super(`${gateway} did not take the message after ${attempts} attempt(s) (last: ${lastProblem})`);
  }
}

export class SmsOutcomeUnknownError extends Error {
  override readonly name = 'SmsOutcomeUnknownError';

  constructor(
    readonly gateway: SmsGatewayName,
    readonly problem: string,
  ) {
    super(`${gateway} gave no answer to a send (${problem}): the message may or may not have gone out`);
  }
}
