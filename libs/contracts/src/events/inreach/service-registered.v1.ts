import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';

export const inreachServiceRegisteredV1 = defineEvent({
  type: 'inreach.service-registered.v1',
  topic: TOPICS.inreach,
  description:
    "A drug and alcohol service set up an in-reach service (a visiting organisation's clinic at one of its sites): its workers can refer clients to it, and the referral puts them on its waiting list.",
  data: z.object({
    serviceId: z.uuid(),
    /** The drug and alcohol service whose site hosts it (only its workers refer to it). */
    hostOrgId: z.string().min(1).max(200),
    siteId: z.uuid(),
    /** What the clinic is called for staff, e.g. "Hepatitis C treatment clinic". */
    name: z.string().min(1).max(200),
    serviceType: z.string().min(1).max(100),
    providerName: z.string().min(1).max(200),
    registeredAt: z.iso.datetime({ offset: true }),
  }),
});
