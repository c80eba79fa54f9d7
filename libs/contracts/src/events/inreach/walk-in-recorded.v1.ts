import { z } from 'zod';
import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';

export const inreachWalkInRecordedV1 = defineEvent({
  type: 'inreach.walk-in-recorded.v1',
  topic: TOPICS.inreach,
  description:
    'A client of the host drug and alcohol service was seen at an in-reach session without a booking (came in for dispensing or keywork and was seen the same day).',
  data: z.object({
    walkInId: z.uuid(),
    sessionId: z.uuid(),
    serviceId: z.uuid(),
    serviceType: z.string().min(1).max(100),
    serviceName: z.string().min(1).max(200),
    clientId: z.uuid(),
    hostOrgId: z.string().min(1).max(200),
    seenAt: z.iso.datetime({ offset: true }),
    recordedBy: z.string().min(1),
  }),
});
