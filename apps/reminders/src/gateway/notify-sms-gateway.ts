import axios from 'axios';
import { NotifyClient } from 'notifications-node-client';
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

export interface NotifySmsGatewayOptions {
  /** `<name>-<service id>-<secret>`: the client signs each request's JWT with it. */
  apiKey: string;
  /** A text template whose whole content is ((body)): the wording is ours. */
  templateId: string;
  /** Tests and local stand-ins only; the client defaults to https://api.notifications.service.gov.uk. */
  baseUrl?: string;
  rateLimit: RateLimit;
  retry?: RetryPolicy;
  timeoutMs?: number;
  timer?: Timer;
}

/** Notify's error body: {status_code, errors: [{error: 'BadRequestError', message: '...'}]}. */
interface NotifyErrorBody {
  errors?: { error?: string; message?: string }[];
}

interface NotifyHttpError {
  isAxiosError: true;
  response: { status: number; data?: NotifyErrorBody };
}

/**
 * Sends through GOV.UK / NHS Notify with `notifications-node-client`. Notify keeps no status callback
 * per message (callbacks are set per service in its dashboard), so `statusCallbackUrl` is not used;
 * `reference` (our message id) is passed on: its delivery receipts carry it back to
 * POST /webhooks/notify/status, and Notify's own search finds the message by it.
 */
export class NotifySmsGateway implements SmsGateway {
  readonly name = 'notify';
  private readonly client: NotifyClient;
  private readonly bucket: TokenBucket;

  constructor(private readonly options: NotifySmsGatewayOptions) {
    this.client = options.baseUrl
      ? new NotifyClient(options.baseUrl, options.apiKey)
      : new NotifyClient(options.apiKey);
    // The client's default axios waits forever; a reminder worker must not.
    this.client.setClient(axios.create({ timeout: options.timeoutMs ?? 10_000 }));
    this.bucket = new TokenBucket(options.rateLimit, options.timer ?? realTimer);
  }

  async send(message: OutgoingSms): Promise<SmsAccepted> {
    const response = await withRetries({
      gateway: this.name,
      policy: this.options.retry ?? DEFAULT_RETRY_POLICY,
      timer: this.options.timer,
      attempt: async () => {
        await this.bucket.take();
        return this.client.sendSms(this.options.templateId, message.to, {
          personalisation: { body: message.body },
          ...(message.reference ? { reference: message.reference } : {}),
        });
      },
      classify: classifyNotifyFailure,
    });
    // Notify answers 201 once it has the message; delivery comes later, through its callbacks.
    return { gatewayMessageId: response.data.id, status: 'queued' };
  }
}

function isNotifyHttpError(error: unknown): error is NotifyHttpError {
  const e = error as Partial<NotifyHttpError> | null;
  return (
    typeof e === 'object' && e !== null && e.isAxiosError === true && typeof e.response?.status === 'number'
  );
}

function classifyNotifyFailure(error: unknown): AttemptFailure {
  if (isNotifyHttpError(error)) {
    const { status, data } = error.response;
    const first = data?.errors?.[0];
    const code = first?.error ?? `http_${status}`;
    const answered = classifyServerAnswer('notify', status, `http_${status} ${code}`);
    if (answered) return answered;
    // 403 AuthError: a wrong key or a skewed clock; every message would fail the same way.
    if (status === 401 || status === 403 || status === 404) {
      return { kind: 'unavailable', problem: `http_${status} ${code}` };
    }
    return {
      kind: 'fail',
      error: new SmsRejectedError('notify', code, rejectionReason(first?.message), first?.message),
    };
  }
  if (isFailureWithoutAnswer(error)) return classifyNoAnswer('notify', error);
  throw error;
}

// Notify's codes are generic (BadRequestError); its messages say what was wrong with the number.
function rejectionReason(message: string | undefined): SmsRejectionReason {
  return message && /phone_number|not a (valid|uk) mobile|invalid phone/i.test(message)
    ? 'invalid_number'
    : 'other';
}
