import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';

/** The kinds of organisation booking registers (a CDAS hosts in-reach clinics at its sites). */
export const registeredOrganisationKindSchema = z.enum([
  'cdas',
  'gp_practice',
  'hospital',
  'specialist_service',
]);
export type RegisteredOrganisationKind = z.infer<typeof registeredOrganisationKindSchema>;

export const siteRegisteredV1 = defineEvent({
  type: 'site.registered.v1',
  topic: TOPICS.booking,
  description:
    "An organisation added a site (a building where it sees clients). In-reach keeps the sites of drug and alcohol services to place visiting clinics' rooms in.",
  data: z.object({
    siteId: z.uuid(),
    orgId: z.string().min(1).max(200),
    orgName: z.string().min(1).max(200),
    orgKind: registeredOrganisationKindSchema,
    name: z.string().min(1).max(200),
    address: z.string().min(1).max(500),
  }),
});
