import { defineEvent } from '../../define-event';
import { TOPICS } from '../../topics';
import { inreachSessionSchema } from './session-values';

export const inreachSessionPublishedV1 = defineEvent({
  type: 'inreach.session-published.v1',
  topic: TOPICS.inreach,
  description:
    'An in-reach session was published: booking makes its bookable slots (once per session, however often this arrives), visible only to the host drug and alcohol service.',
  data: inreachSessionSchema,
});
