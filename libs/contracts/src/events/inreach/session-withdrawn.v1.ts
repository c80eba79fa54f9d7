import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';

export const inreachSessionWithdrawnV1 = defineEvent({
  type: 'inreach.session-withdrawn.v1',
  topic: TOPICS.inreach,
  description:
    'A published in-reach session was withdrawn (cancelled, or no longer in its series): booking withdraws its slots. Appointments already in them stay, shown as in a withdrawn slot, until they are moved or cancelled.',
  data: z.object({
    sessionId: z.uuid(),
    hostOrgId: z.string().min(1).max(200),
    reason: z.enum(['cancelled', 'series_changed']),
    /** Why, in staff's words (e.g. "specialist on leave"). */
    note: z.string().min(1).max(500).nullable(),
    withdrawnAt: z.iso.datetime({ offset: true }),
  }),
});
