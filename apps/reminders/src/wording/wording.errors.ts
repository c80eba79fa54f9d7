import { defineErrors } from '@careloop/http';

/** The wording context's errors: templates and location texts an organisation saves. */
export class WordingError extends defineErrors('reminders', {
  TEMPLATE_REFUSED: {
    status: 422,
    title: 'The template cannot be saved: see problems',
    consumer: 'dead-letter',
  },
  LOCATION_TEXT_REFUSED: {
    status: 422,
    title: 'The location text cannot be saved: see problems',
    consumer: 'dead-letter',
  },
  /** A text by name alone applies only to appointments without an organisation; this name has none such. */
  PROVIDER_ORG_ID_NEEDED: {
    status: 422,
    title: "The provider's appointments carry an organisation: save the text with its providerOrgId",
    consumer: 'dead-letter',
  },
}) {}
export type WordingErrorCode = WordingError['code'];
