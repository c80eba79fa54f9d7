import type { ReminderStep, ReplyIntent } from '@careloop/contracts';
import type { DeliveryFailure } from './client-sms.entity';

const STEPS: Record<ReminderStep, string> = {
  offer: 'in-reach offer',
  confirmation: 'booking confirmation',
  three_days_before: 'reminder 3 days before',
  evening_before: 'reminder the evening before',
  two_hours_before: 'reminder 2 hours before',
  missed: 'sorry we missed you',
};

const INTENTS: Record<ReplyIntent, string> = {
  confirm: 'confirms',
  rebook: "can't make it, wants to rebook",
  opt_out: 'opts out of texts',
  other: 'for the keyworker to read',
};

const quoted = (text: string) => `"${text}"`;

/** `SMS sent (reminder the evening before): "Hi Jo, ..."`: the exact text the client was sent. */
export function sentSummary(step: ReminderStep | null, text: string): string {
  return `SMS sent${step ? ` (${STEPS[step]})` : ''}: ${quoted(text)}`;
}

/**
 * A text that did not reach the client, with the text when this service has it. An unknown fate
 * (the send was interrupted) asks for a different check than a refused number.
 */
export function deliveryFailedSummary(
  outcome: DeliveryFailure,
  errorCode: string | null,
  text: string | null,
): string {
  const which = text ? `: ${quoted(text)}` : '';
  if (outcome === 'unknown') {
    return `SMS may not have been sent (interrupted while sending)${which}. Check with the client whether it arrived`;
  }
  const why = errorCode ? `${outcome}, error ${errorCode}` : outcome;
  return `SMS not delivered (${why})${which}. Check the client's number`;
}

/** `SMS reply (can't make it, wants to rebook): "no sorry"`: what the client wrote and how it was read. */
export function replySummary(intent: ReplyIntent, text: string): string {
  return `SMS reply (${INTENTS[intent]}): ${text.length > 0 ? quoted(text) : 'no text'}`;
}
