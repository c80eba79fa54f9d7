import type { EventDefinition } from './define-event';
import { needRecordedV1 } from './events/needs/need-recorded.v1';
import { needStatusChangedV1 } from './events/needs/need-status-changed.v1';
import { referralCreatedV1, referralStatusChangedV1 } from './events/referrals';
import {
  clientConsentChangedV1,
  clientContactChangedV1,
  clientContactDataErasedV1,
  clientRegisteredV1,
  clientUpdatedV1,
} from './events/clients';
import {
  appointmentAttendanceRecordedV1,
  appointmentBookedV1,
  appointmentCancelledV1,
  appointmentHeldV1,
  appointmentHoldEndedV1,
  appointmentOfferUnplacedV1,
  appointmentOutcomeOverdueV1,
  appointmentRebookNeededV1,
  appointmentRescheduledV1,
} from './events/booking';
import { slotsPublishedV1, slotsReleasedV1, slotsReservedV1, slotsWithdrawnV1 } from './events/slots';
import {
  clientSmsOptedOutV1,
  reminderDeliveredV1,
  reminderDeliveryFailedV1,
  reminderSentV1,
  smsReplyReceivedV1,
} from './events/reminders';
import { siteRegisteredV1 } from './events/sites';
import {
  inreachOfferMadeV1,
  inreachServiceRegisteredV1,
  inreachSessionPublishedV1,
  inreachSessionWithdrawnV1,
  inreachWalkInRecordedV1,
} from './events/inreach';

/** Every event contract in the platform. Producers and consumers both validate against these. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  referralCreatedV1,
  referralStatusChangedV1,
  needRecordedV1,
  needStatusChangedV1,
  clientRegisteredV1,
  clientUpdatedV1,
  clientContactChangedV1,
  clientConsentChangedV1,
  clientContactDataErasedV1,
  slotsPublishedV1,
  slotsWithdrawnV1,
  slotsReservedV1,
  slotsReleasedV1,
  appointmentHeldV1,
  appointmentHoldEndedV1,
  appointmentBookedV1,
  appointmentRescheduledV1,
  appointmentCancelledV1,
  appointmentAttendanceRecordedV1,
  appointmentOutcomeOverdueV1,
  reminderSentV1,
  reminderDeliveryFailedV1,
  smsReplyReceivedV1,
  clientSmsOptedOutV1,
  siteRegisteredV1,
  inreachSessionPublishedV1,
  inreachSessionWithdrawnV1,
  inreachWalkInRecordedV1,
  appointmentRebookNeededV1,
  inreachServiceRegisteredV1,
  inreachOfferMadeV1,
  appointmentOfferUnplacedV1,
  reminderDeliveredV1,
];

const byType = new Map<string, EventDefinition>(EVENT_CATALOGUE.map((d) => [d.type, d]));
if (byType.size !== EVENT_CATALOGUE.length) throw new Error('Duplicate event type in the catalogue');

export function findEventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}
