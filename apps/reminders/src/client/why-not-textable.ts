import type { ReminderClient } from './reminder-client.entity';

/** Why a registered client may not be texted at all, whatever the text. */
export type NotTextableReason = 'no_sms_consent' | 'no_mobile' | 'mobile_not_safe_to_text' | 'opted_out';

/**
 * The first reason a client may not be texted, or null when they may: consent to SMS, their own
 * mobile on record, safe to text, and no carrier opt-out since. Reminders and offers alike.
 */
export function whyNotTextable(
  client: Pick<ReminderClient, 'smsConsent' | 'mobile' | 'mobileSafeToText' | 'optedOutAt'>,
): NotTextableReason | null {
  if (!client.smsConsent) return 'no_sms_consent';
  if (!client.mobile) return 'no_mobile';
  if (!client.mobileSafeToText) return 'mobile_not_safe_to_text';
  if (client.optedOutAt) return 'opted_out';
  return null;
}
