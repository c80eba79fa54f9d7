import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, clientConsentChangedV1 } from '@careloop/contracts';
import { EndScheduledReminders } from '../plan/end-scheduled-reminders';
import { REMINDERS_SCHEMA } from '../reminders-schema';
import { lockClientRow } from './client-row';

/**
 * Records the client's consent to reminders and to texts naming the service. When consent to
 * reminders is withdrawn, every reminder of the client still scheduled is cancelled; consent given
 * again applies to plans made from then on (the next booking or reschedule). Only a withdrawal
 * cancels: an event that merely repeats "not given" (another purpose changed) leaves plans alone, so
 * a plan made before consent was first recorded still goes once it is.
 * A carrier opt-out (STOP) makes the service withdraw consent; when staff record it as given again
 * after the opt-out, the client has said yes since, so the opt-out is cleared too. Consent merely
 * repeated as given, or recorded before the STOP, leaves the opt-out standing.
 */
@Injectable()
export class RecordClientConsent {
  constructor(private readonly endReminders: EndScheduledReminders) {}

  async execute(
    manager: EntityManager,
    event: EventEnvelope<EventData<typeof clientConsentChangedV1>>,
  ): Promise<void> {
    const { clientId, consents } = event.data;
    const at = new Date(event.occurredAt);
    const before = await lockClientRow(manager, clientId, event.orgId, at);
    const smsConsent = consents.sms_reminders.given;
    const recordedAt = consents.sms_reminders.recordedAt;
    const givenAgainAt = !before.smsConsent && smsConsent && recordedAt ? new Date(recordedAt) : null;
    await manager.query(
      `UPDATE "${REMINDERS_SCHEMA}"."client" SET "sms_consent" = $2, "name_service_consent" = $3,
         "updated_at" = GREATEST("updated_at", $4),
         "opted_out_at" = CASE WHEN "opted_out_at" < $5::timestamptz THEN NULL ELSE "opted_out_at" END
       WHERE "client_id" = $1`,
      [clientId, smsConsent, consents.name_service_in_sms.given, at, givenAgainAt],
    );
    if (before.smsConsent && !smsConsent)
      await this.endReminders.forClient(manager, clientId, 'consent_withdrawn');
  }
}
