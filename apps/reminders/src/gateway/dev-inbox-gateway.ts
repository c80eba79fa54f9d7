import { randomBytes } from 'node:crypto';
import { normaliseUkMobile } from '@careloop/contracts';
import type { Clock } from '@careloop/time';
import { SmsRejectedError, type OutgoingSms, type SmsAccepted, type SmsGateway } from './sms-gateway';

/** A text the development inbox took instead of sending it. */
export interface DevInboxMessage {
  gatewayMessageId: string;
  to: string;
  body: string;
  statusCallbackUrl: string | null;
  reference: string | null;
  /** ISO 8601, UTC. */
  receivedAt: string;
}

/** How many texts the inbox keeps; the oldest go first. */
export const DEV_INBOX_CAPACITY = 1000;

/**
 * The gateway of embedded mode and development: nothing leaves the process. It keeps the latest texts
 * in memory (bounded, oldest dropped first) for GET /dev/sms-inbox and for tests. No delivery receipt
 * will ever come, so it answers `delivered` at once (the sender raises reminder.delivered.v1 on that
 * answer). Like a real gateway it refuses a recipient that is not a UK mobile in E.164.
 */
export class DevInboxGateway implements SmsGateway {
  readonly name = 'dev_inbox';
  private readonly kept: DevInboxMessage[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly capacity = DEV_INBOX_CAPACITY,
  ) {}

  async send(message: OutgoingSms): Promise<SmsAccepted> {
    const number = normaliseUkMobile(message.to);
    if (!number.ok || number.e164 !== message.to) {
      throw new SmsRejectedError(this.name, 'invalid_number', 'invalid_number');
    }
    const gatewayMessageId = `DEV${randomBytes(16).toString('hex')}`;
    this.kept.push({
      gatewayMessageId,
      to: message.to,
      body: message.body,
      statusCallbackUrl: message.statusCallbackUrl ?? null,
      reference: message.reference ?? null,
      receivedAt: this.clock.now().toISOString(),
    });
    if (this.kept.length > this.capacity) this.kept.splice(0, this.kept.length - this.capacity);
    return { gatewayMessageId, status: 'delivered' };
  }

  /** Every text kept, oldest first. */
  messages(): DevInboxMessage[] {
    return this.kept.map((m) => ({ ...m }));
  }

  /** The texts to one number, oldest first; the number as typed (07700 900123) or in E.164. */
  messagesTo(number: string): DevInboxMessage[] {
    const parsed = normaliseUkMobile(number);
    const to = parsed.ok ? parsed.e164 : number.trim();
    return this.messages().filter((m) => m.to === to);
  }
}
