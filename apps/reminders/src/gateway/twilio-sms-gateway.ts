import twilio from 'twilio';
import {
  classifyServerAnswer,
  DEFAULT_RETRY_POLICY,
  withRetries,
  type AttemptFailure,
  type RetryPolicy,
} from './retry';
import {
  SmsRejectedError,
  type OutgoingSms,
  type SmsAccepted,
  type SmsGateway,
  type SmsRejectionReason,
} from './sms-gateway';
import { realTimer, type Timer } from './timer';
import { TokenBucket, type RateLimit } from './token-bucket';
import { classifyNoAnswer, isFailureWithoutAnswer } from './transport-failure';
import { twilioHttpClient } from './twilio-http-client';
import { smsStatusFromTwilio } from './twilio-status';

/** Who the texts come from: a messaging service (its pool picks the number) or one sender. */
export type TwilioSender = { messagingServiceSid: string } | { from: string };

export interface TwilioSmsGatewayOptions {
  accountSid: string;
  authToken: string;
  sender: TwilioSender;
  /**
   * Used when a message names none: `${PUBLIC_BASE_URL}/webhooks/twilio/status`. A message's
   * `reference` is added to it as `?messageId=`.
   */
  statusCallbackUrl?: string;
  rateLimit: RateLimit;
  retry?: RetryPolicy;
  /** Tests and local stand-ins only; production leaves it unset and talks to api.twilio.com. */
  apiBaseUrl?: string;
  timeoutMs?: number;
  timer?: Timer;
}

// Twilio's error codes for a recipient it will not text (https://www.twilio.com/docs/api/errors).
const REJECTION_REASONS: Record<number, SmsRejectionReason> = {
  21610: 'opted_out', // the recipient replied STOP: blocked until they send START
  21211: 'invalid_number',
  21614: 'invalid_number', // not a mobile number
};

// The account, its credentials or the messaging service are wrong: no message can go, whatever its
// recipient, so this is not the message's fault (not a rejection) and retrying cannot help.
const MISCONFIGURED = new Set([401, 403, 404]);

/**
 * Sends through the real Twilio SDK, at most `rateLimit` per sender, retrying 429s, 503s and
 * requests that never connected; any other 5xx leaves the outcome unknown (classifyServerAnswer).
 */
export class TwilioSmsGateway implements SmsGateway {
  readonly name = 'twilio';
  private readonly client: twilio.Twilio;
  private readonly bucket: TokenBucket;

  constructor(private readonly options: TwilioSmsGatewayOptions) {
    this.client = twilio(options.accountSid, options.authToken, {
      httpClient: twilioHttpClient({
        apiBaseUrl: options.apiBaseUrl,
        timeoutMs: options.timeoutMs ?? 10_000,
      }),
    });
    this.bucket = new TokenBucket(options.rateLimit, options.timer ?? realTimer);
  }

  async send(message: OutgoingSms): Promise<SmsAccepted> {
    const statusCallback = statusCallbackFor(
      message.statusCallbackUrl ?? this.options.statusCallbackUrl,
      message.reference,
    );
    const created = await withRetries({
      gateway: this.name,
      policy: this.options.retry ?? DEFAULT_RETRY_POLICY,
      timer: this.options.timer,
      attempt: async () => {
        await this.bucket.take();
        return this.client.messages.create({
          to: message.to,
          body: message.body,
          ...this.options.sender,
          ...(statusCallback ? { statusCallback } : {}),
        });
      },
      classify: classifyTwilioFailure,
    });
    return { gatewayMessageId: created.sid, status: smsStatusFromTwilio(created.status) ?? 'queued' };
  }
}

/** The query parameter of the status callback URL that carries our message id (the reference). */
export const STATUS_CALLBACK_MESSAGE_ID = 'messageId';

/**
 * The callback URL for one message: with our id on it, a receipt that overtakes Twilio's answer to
 * the send (before we know its SID) still finds its text. Twilio signs the whole URL, query included.
 */
export function statusCallbackFor(
  url: string | undefined,
  reference: string | undefined,
): string | undefined {
  if (!url || !reference) return url;
  const withId = new URL(url);
  withId.searchParams.set(STATUS_CALLBACK_MESSAGE_ID, reference);
  return withId.toString();
}

function classifyTwilioFailure(error: unknown): AttemptFailure {
  if (error instanceof twilio.RestException) {
    const code = error.code === undefined ? `http_${error.status}` : String(error.code);
    const answered = classifyServerAnswer('twilio', error.status, `http_${error.status} ${code}`);
    if (answered) return answered;
    if (MISCONFIGURED.has(error.status)) {
      return { kind: 'unavailable', problem: `http_${error.status} ${code}` };
    }
    const reason = (error.code !== undefined && REJECTION_REASONS[error.code]) || 'other';
    return { kind: 'fail', error: new SmsRejectedError('twilio', code, reason) };
  }
  if (isFailureWithoutAnswer(error)) return classifyNoAnswer('twilio', error);
  throw error;
}
