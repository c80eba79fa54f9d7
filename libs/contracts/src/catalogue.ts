import type { EventDefinition } from './define-event';
import { referralCreatedV1 } from './events/referrals/referral-created.v1';

/** Every event contract in the platform. Producers and consumers both validate against these. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [referralCreatedV1];

const byType = new Map<string, EventDefinition>(EVENT_CATALOGUE.map((d) => [d.type, d]));
if (byType.size !== EVENT_CATALOGUE.length) throw new Error('Duplicate event type in the catalogue');

export function findEventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}
