import type { AttemptFailure } from './retry';
import { SmsOutcomeUnknownError, type SmsGatewayName } from './sms-gateway';

// The connection was never made, so the gateway cannot have seen the request: safe to try again.
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface HttpFailureWithoutAnswer {
  isAxiosError: true;
  code?: string;
  response?: undefined;
}

/** An HTTP call (both SDKs use axios) that got no answer at all. */
export function isFailureWithoutAnswer(error: unknown): error is HttpFailureWithoutAnswer {
  const e = error as Partial<HttpFailureWithoutAnswer> | null;
  return typeof e === 'object' && e !== null && e.isAxiosError === true && e.response === undefined;
}

/**
 * A send that got no answer: retried when the connection was never made; otherwise (timeout, reset)
 * the gateway may have taken the message, so resending could text the client twice: outcome unknown.
 * The SDK's own error is not passed on: it holds the request, with the recipient, text and credentials.
 */
export function classifyNoAnswer(gateway: SmsGatewayName, error: HttpFailureWithoutAnswer): AttemptFailure {
  const code = error.code ?? 'no answer';
  if (NEVER_CONNECTED.has(code)) return { kind: 'retry', problem: code };
  return { kind: 'fail', error: new SmsOutcomeUnknownError(gateway, code) };
}
