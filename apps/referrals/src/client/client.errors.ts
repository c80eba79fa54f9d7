import { defineErrors } from '@careloop/http';

/** The client context's closed set of errors. Consumers never call these use cases today; the decisions are for when they do. */
export class ClientError extends defineErrors('clients', {
  CLIENT_NOT_FOUND: { status: 404, title: 'Client not found', consumer: 'dead-letter' },
  CLIENT_CONTACT_NOT_FOUND: { status: 404, title: 'Contact not found', consumer: 'ignore' },
  CLIENT_NHS_NUMBER_IN_USE: {
    status: 409,
    title: 'Another client of this service has this NHS number',
    consumer: 'dead-letter',
  },
  CLIENT_VERSION_CONFLICT: {
    status: 409,
    title: 'The client was changed by someone else since you read it',
    consumer: 'retry',
  },
  CLIENT_CONTACT_VERSION_CONFLICT: {
    status: 409,
    title: 'The contact was changed by someone else since you read it',
    consumer: 'retry',
  },
  CLIENT_CONSENT_NOT_GIVEN: {
    status: 409,
    title: 'There is no consent to withdraw for this purpose',
    consumer: 'ignore',
  },
  CLIENT_SITE_NOT_ALLOWED: {
    status: 422,
    title: 'The site is not one of your sites',
    consumer: 'dead-letter',
  },
  CLIENT_DATE_OF_BIRTH_IN_FUTURE: {
    status: 422,
    title: 'The date of birth is in the future',
    consumer: 'dead-letter',
  },
  CLIENT_TOO_MANY_CONTACTS: {
    status: 422,
    title: 'A client can have at most 10 contacts',
    consumer: 'dead-letter',
  },
}) {}
export type ClientErrorCode = ClientError['code'];
