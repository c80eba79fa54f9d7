import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import twilio from 'twilio';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER, RUNTIME_CONFIG, type RuntimeConfig } from '@careloop/runtime';
import type { TwilioParams } from './twilio-form-body';
import { TwilioWebhookError } from './twilio-webhook.errors';

interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  originalUrl: string;
  body?: unknown;
}

/**
 * Lets a Twilio webhook through only if X-Twilio-Signature is Twilio's HMAC of the URL it called and
 * the posted fields, under our auth token. Twilio signs the public URL it was given, so the URL is
 * PUBLIC_BASE_URL plus the path and query we received (what a proxy in front shows us is not what
 * Twilio signed). Without a token or a public URL nothing can be verified, so everything is refused.
 */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  private readonly authToken: string | undefined;
  private readonly publicBaseUrl: string | undefined;

  constructor(
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    this.authToken = config.TWILIO_AUTH_TOKEN;
    this.publicBaseUrl = config.PUBLIC_BASE_URL?.replace(/\/+$/, '');
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<WebhookRequest>();
    const refuse = (reason: string): never => {
      this.logger.warn({ path: request.originalUrl.split('?')[0], reason }, 'twilio webhook refused');
      throw new TwilioWebhookError('TWILIO_SIGNATURE_INVALID');
    };
    if (!this.authToken || !this.publicBaseUrl) {
      return refuse('TWILIO_AUTH_TOKEN or PUBLIC_BASE_URL is not set: webhooks cannot be verified');
    }
    const signature = request.headers['x-twilio-signature'];
    if (typeof signature !== 'string' || signature === '') return refuse('unsigned');
    const url = `${this.publicBaseUrl}${request.originalUrl}`;
    if (!twilio.validateRequest(this.authToken, signature, url, paramsOf(request.body))) {
      return refuse('signature does not match');
    }
    return true;
  }
}

// Twilio posts string fields only: nothing else can be part of what it signed.
function paramsOf(body: unknown): TwilioParams {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(
    Object.entries(body).filter(
      (entry): entry is [string, string | string[]] =>
        typeof entry[1] === 'string' ||
        (Array.isArray(entry[1]) && entry[1].every((v) => typeof v === 'string')),
    ),
  );
}
