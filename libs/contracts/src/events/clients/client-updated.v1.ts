import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { clientSnapshotSchema } from './client-values';

export const clientUpdatedV1 = defineEvent({
  type: 'client.updated.v1',
  topic: TOPICS.referrals,
  description:
    "A client's record changed. The data is the whole record at its new version: keep the highest version, ignore older ones.",
  data: clientSnapshotSchema,
});
