import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';

/** The latest decision for one purpose; `recordedBy`/`recordedAt` are null when none was ever recorded. */
export const consentStateSchema = z.object({
  given: z.boolean(),
  recordedBy: z.string().min(1).max(200).nullable(),
  recordedAt: z.iso.datetime({ offset: true }).nullable(),
});

export const clientConsentChangedV1 = defineEvent({
  type: 'client.consent-changed.v1',
  topic: TOPICS.referrals,
  description:
    'A client gave or withdrew consent for a purpose. The data is the current state of every purpose; no consent recorded means not given.',
  data: z.object({
    clientId: z.uuid(),
    consents: z.object({
      sms_reminders: consentStateSchema,
      name_service_in_sms: consentStateSchema,
      share_outcome_with_gp: consentStateSchema,
    }),
  }),
});
