import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { clientSnapshotSchema } from './client-values';

export const clientRegisteredV1 = defineEvent({
  type: 'client.registered.v1',
  topic: TOPICS.referrals,
  description:
    'A CDAS registered a client. The data is the whole record at version 1; later changes come as client.updated.v1 snapshots.',
  data: clientSnapshotSchema,
});
