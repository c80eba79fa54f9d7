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
}) {}
export type WordingErrorCode = WordingError['code'];
