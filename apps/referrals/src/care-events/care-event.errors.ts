import { defineErrors } from '@careloop/http';

/**
 * Errors of recording another service's facts about a client. Each names something this service
 * does not have or an event that contradicts itself: it can never succeed, so it is dead-lettered.
 */
export class CareEventError extends defineErrors('care-events', {
  CLIENT_NOT_FOUND: { status: 404, title: 'Client not found', consumer: 'dead-letter' },
  REFERRAL_NOT_FOUND: { status: 404, title: 'Referral not found', consumer: 'dead-letter' },
  APPOINTMENT_MISMATCH: {
    status: 422,
    title: 'The appointment belongs to another client or organisation',
    consumer: 'dead-letter',
  },
  ORGANISATION_MISMATCH: {
    status: 422,
    title: "The event's organisation is not the one the event is about",
    consumer: 'dead-letter',
  },
}) {}
export type CareEventErrorCode = CareEventError['code'];
