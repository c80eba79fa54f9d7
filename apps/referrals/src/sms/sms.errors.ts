import { defineErrors } from '@careloop/http';

/** The SMS history's errors; an event about an unknown client can never succeed, so it is dead-lettered. */
export class SmsError extends defineErrors('sms', {
  CLIENT_NOT_FOUND: { status: 404, title: 'Client not found', consumer: 'dead-letter' },
}) {}
export type SmsErrorCode = SmsError['code'];
