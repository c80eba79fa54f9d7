import { defineErrors } from '@careloop/http';

/** The site context's errors: where in-reach may be hosted. */
export class SiteError extends defineErrors('inreach', {
  SITE_NOT_HOSTABLE: {
    status: 422,
    title: "In-reach is hosted only at one of the caller's own drug and alcohol service sites",
    consumer: 'dead-letter',
  },
}) {}
export type SiteErrorCode = SiteError['code'];
