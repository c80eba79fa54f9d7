import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
  type OnModuleInit,
} from '@nestjs/common';
import type { Logger } from '@careloop/observability';
import { APP_LOGGER, RUNTIME_CONFIG, type RuntimeConfig } from '@careloop/runtime';
import { DeliveryReceiptError } from './receipts.errors';

interface CallbackRequest {
  headers: Record<string, string | string[] | undefined>;
  originalUrl: string;
}

const BEARER = /^Bearer (\S+)$/;

/**
 * Lets a Notify callback through only if it carries `Authorization: Bearer <NOTIFY_CALLBACK_TOKEN>`,
 * the token we gave Notify's callback settings. Compared in constant time (as digests, so not even
 * the length leaks). Without a token nothing can be verified, so everything is refused.
 */
@Injectable()
export class NotifyCallbackGuard implements CanActivate, OnModuleInit {
  private readonly expected: Buffer | undefined;

  constructor(
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    this.expected = config.NOTIFY_CALLBACK_TOKEN ? digest(config.NOTIFY_CALLBACK_TOKEN) : undefined;
  }

  onModuleInit(): void {
    if (this.config.SMS_GATEWAY === 'notify' && !this.expected) {
      this.logger.warn(
        'NOTIFY_CALLBACK_TOKEN is not set: Notify delivery receipts will be refused, so texts stay queued',
      );
    }
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<CallbackRequest>();
    const refuse = (reason: string): never => {
      this.logger.warn({ path: request.originalUrl.split('?')[0], reason }, 'notify callback refused');
      throw new DeliveryReceiptError('NOTIFY_CALLBACK_TOKEN_INVALID');
    };
    if (!this.expected) return refuse('NOTIFY_CALLBACK_TOKEN is not set: callbacks cannot be verified');
    const header = request.headers['authorization'];
    const presented = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (!presented) return refuse('no bearer token');
    if (!timingSafeEqual(digest(presented), this.expected)) return refuse('wrong bearer token');
    return true;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
