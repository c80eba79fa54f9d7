import { defineErrors } from '@careloop/http';

/** The organisation context's errors: registering a provider organisation and its sites. */
export class OrganisationError extends defineErrors('booking', {
  NOT_A_PROVIDER: {
    status: 403,
    title: 'A commissioner does not offer slots, so it cannot register as a provider',
    consumer: 'dead-letter',
  },
  ORGANISATION_NOT_REGISTERED: {
    status: 409,
    title: 'Register the organisation first (PUT /organisations/me)',
    consumer: 'dead-letter',
  },
  SITE_NOT_FOUND: {
    status: 404,
    title: "No site with that id in the caller's organisation",
    consumer: 'dead-letter',
  },
  SITE_NAME_TAKEN: {
    status: 409,
    title: 'The organisation already has a site with that name',
    consumer: 'dead-letter',
  },
}) {}
export type OrganisationErrorCode = OrganisationError['code'];
