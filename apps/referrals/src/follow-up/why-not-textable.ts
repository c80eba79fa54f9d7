import type { EntityManager } from 'typeorm';
import { currentConsents } from '../client/client-consent.dto';
import { ClientConsent } from '../client/client-consent.entity';
import { ClientContact } from '../client/client-contact.entity';
import { REFERRALS_SCHEMA } from '../referrals-schema';

/** Why the reminders service will not text a client (its own rule has the same first three reasons). */
export type NotTextableReason = 'no_sms_consent' | 'no_mobile' | 'mobile_not_safe_to_text';

/**
 * The first reason a client may not be texted, or null when they may: consent to SMS reminders given
 * and not withdrawn since (a STOP withdraws it here), and a number of their own marked safe to text.
 * A hostel, pharmacy or family phone never counts: reminders texts only the client's own mobile.
 */
export function whyNotTextable(
  smsConsentGiven: boolean,
  contacts: readonly Pick<ClientContact, 'purpose' | 'safeToText'>[],
): NotTextableReason | null {
  if (!smsConsentGiven) return 'no_sms_consent';
  const own = contacts.filter((c) => c.purpose === 'own_mobile');
  if (own.length === 0) return 'no_mobile';
  if (!own.some((c) => c.safeToText)) return 'mobile_not_safe_to_text';
  return null;
}

/**
 * whyNotTextable for a client as this service's consent and contact records have them now. Reads under
 * a share lock on the client row, which staff changing consent or contacts (and a STOP) hold for
 * update: a decision made at the same moment is seen, or waits for this transaction.
 */
export async function whyClientNotTextable(
  manager: EntityManager,
  orgId: string,
  clientId: string,
): Promise<NotTextableReason | null> {
  await manager.query(
    `SELECT 1 FROM "${REFERRALS_SCHEMA}"."client" WHERE "id" = $1 AND "org_id" = $2 FOR SHARE`,
    [clientId, orgId],
  );
  const consents = currentConsents(await manager.findBy(ClientConsent, { clientId, orgId }));
  const contacts = await manager.findBy(ClientContact, { clientId, orgId });
  return whyNotTextable(consents.sms_reminders.given, contacts);
}
