import { defineErrors } from '@careloop/http';

/** Errors of keeping in-reach's services: an event that contradicts itself can never succeed. */
export class InreachServiceError extends defineErrors('inreach-services', {
  ORGANISATION_MISMATCH: {
    status: 422,
    title: "The event's organisation is not the service's host",
    consumer: 'dead-letter',
  },
}) {}
export type InreachServiceErrorCode = InreachServiceError['code'];
