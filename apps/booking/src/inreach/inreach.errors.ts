import { defineErrors } from '@careloop/http';

/**
 * The in-reach context's errors: turning a session in-reach published into slots, and holding a seat
 * for an offer. Each contradicts what booking knows (who hosts, where, when) or the event itself, so
 * trying the event again cannot help: it goes to the dead-letter topic with the code and changes
 * nothing. (An offer booking cannot hold a seat for, its client not known yet included, is no error:
 * it is answered appointment.offer-unplaced.v1.)
 */
export class InreachError extends defineErrors('booking', {
  HOST_NOT_REGISTERED: {
    status: 409,
    title: "The session's host organisation is not registered with booking",
    consumer: 'dead-letter',
  },
  HOST_NOT_A_CDAS: {
    status: 422,
    title: 'Only a drug and alcohol service (CDAS) hosts in-reach sessions',
    consumer: 'dead-letter',
  },
  SITE_NOT_HOSTS: {
    status: 422,
    title: "The session's site is not one of its host organisation's sites",
    consumer: 'dead-letter',
  },
  SERVICE_HOSTED_ELSEWHERE: {
    status: 409,
    title: "The session's in-reach service already has its slots at another organisation",
    consumer: 'dead-letter',
  },
  SESSION_TIMES_INVALID: {
    status: 422,
    title:
      'The session cannot be cut into slots: it must start and end on whole minutes of one London day and hold at least one slot',
    consumer: 'dead-letter',
  },
  OFFER_NOT_FROM_HOST: {
    status: 422,
    title: "The offer was sent for another organisation than the session's host",
    consumer: 'dead-letter',
  },
}) {}
export type InreachErrorCode = InreachError['code'];
