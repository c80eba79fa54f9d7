import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { contactPurposeSchema } from './client-values';

export const clientContactSchema = z.object({
  contactId: z.uuid(),
  purpose: contactPurposeSchema,
  /** E.164 (+44...): a mobile for `own_mobile`, possibly a landline for the other purposes. */
  phone: z.string().regex(/^\+44\d{9,10}$/),
  label: z.string().min(1).max(200).nullable(),
  safeToText: z.boolean(),
  verifiedBy: z.string().min(1).max(200).nullable(),
  verifiedAt: z.iso.datetime({ offset: true }).nullable(),
});

export const clientContactChangedV1 = defineEvent({
  type: 'client.contact-changed.v1',
  topic: TOPICS.referrals,
  description:
    "A client's contacts were added, changed or removed. The data is the full current list: replace what you hold with it (an empty list means none).",
  data: z.object({
    clientId: z.uuid(),
    contacts: z.array(clientContactSchema).max(50),
  }),
});
