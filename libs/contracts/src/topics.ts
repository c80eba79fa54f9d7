/** One topic per producing service; messages are keyed by the aggregate (subject) id. */
export const TOPICS = {
  referrals: 'careloop.referrals',
  booking: 'careloop.booking',
  reminders: 'careloop.reminders',
  inreach: 'careloop.inreach',
} as const;

export type ProducingService = keyof typeof TOPICS;
export type Topic = (typeof TOPICS)[ProducingService];

/** Where a consumer parks a message it cannot process, with the error, so the partition moves on. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
