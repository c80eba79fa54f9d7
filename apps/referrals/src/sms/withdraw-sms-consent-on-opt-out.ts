import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { clientSmsOptedOutV1, EventData, EventEnvelope } from '@careloop/contracts';
import { currentConsents } from '../client/client-consent.dto';
import { ClientConsent } from '../client/client-consent.entity';
import { ClientRecords } from '../client/client-records';
import { ConsentLedger } from '../client/consent-ledger';
import { remindersPrincipal } from './reminders-actor';

type OptOutEvent = EventEnvelope<EventData<typeof clientSmsOptedOutV1>>;

/**
 * A client texted a carrier opt-out word (STOP ...): recorded as the client withdrawing consent to SMS
 * reminders, through the consent ledger staff use (so the record is audited and every service gets
 * client.consent-changed.v1), by `system:reminders`, in the consumer's transaction. Nothing changes
 * when there is no consent to withdraw, or when consent was recorded after the word was received (the
 * client's later decision stands). An unknown client is an error that dead-letters the event.
 */
@Injectable()
export class WithdrawSmsConsentOnOptOut {
  private readonly logger = new Logger(WithdrawSmsConsentOnOptOut.name);

  constructor(
    private readonly records: ClientRecords,
    private readonly ledger: ConsentLedger,
  ) {}

  async execute(manager: EntityManager, event: OptOutEvent): Promise<void> {
    const { clientId, keyword, receivedAt } = event.data;
    const principal = remindersPrincipal(event.orgId);
    // Locks the client row: serialised with staff recording consent at the same moment.
    const client = await this.records.find(manager, principal, clientId, { forUpdate: true });
    const current = currentConsents(await manager.findBy(ClientConsent, { clientId: client.id }));
    const sms = current.sms_reminders;
    const decidedLater = sms.recordedAt !== null && Date.parse(sms.recordedAt) > Date.parse(receivedAt);
    if (!sms.given || decidedLater) {
      this.logger.log(
        { eventId: event.id, clientId, given: sms.given, recordedAt: sms.recordedAt },
        'SMS opt-out leaves consent as it is',
      );
      return;
    }
    await this.ledger.append(manager, principal, client, 'sms_reminders', false);
    // The ledger's own audit entry says what changed; this one says where the decision came from.
    await this.records.record(manager, principal, {
      action: 'create',
      clientId: client.id,
      subjectType: 'sms_opt_out',
      subjectId: event.id,
      reason: `The client texted the opt-out word ${keyword}`,
      details: { purpose: 'sms_reminders', given: false, source: 'sms_reply_keyword', keyword, receivedAt },
    });
  }
}
