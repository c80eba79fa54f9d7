import type { ReminderStep } from '@careloop/contracts';
import { toLondonWallClock } from '@careloop/time';
import { issueAt, type WordingProblem } from './wording-problem';

/**
 * What a template may say. Nothing else about the appointment (provider, service type) is offered.
 * {expires} (when an offer lapses) belongs to the offer text alone (OFFER_ONLY_PLACEHOLDERS).
 */
export const PLACEHOLDERS = ['name', 'when', 'where', 'reply', 'expires'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;
export const OFFER_ONLY_PLACEHOLDERS: readonly Placeholder[] = ['expires'];

/**
 * What {reply} says. Y and N only: never a carrier opt-out word (CANCEL, STOP...), which would block
 * every later text to the number instead of changing the appointment.
 */
export const REPLY_INSTRUCTION = 'Reply Y to confirm or N to change it';

/**
 * What {reply} says in an offer's text, with the time the offer lapses ({expires}). YES and NO, as
 * the offer's reading of replies takes them (inbound/reply-intent.ts); no carrier opt-out word.
 */
export function offerReplyInstruction(expires: string): string {
  return `Reply YES by ${expires} to take it, or NO if it does not suit`;
}

/**
 * What {reply} says in "sorry we missed you": YES, as a reply to it is read (inbound/reply-intent.ts).
 * It promises help, not a booking: the keyworker books, with the client.
 */
export const MISSED_REPLY_INSTRUCTION = 'Reply YES and we will help you book one';

/**
 * {reply} and {expires} for a step: an offer's text asks for YES or NO by the time the offer lapses;
 * "sorry we missed you" asks for YES to a new appointment; every other text asks for Y or N. Only the
 * offer has {expires} (the lint refuses it elsewhere).
 */
export function replyValues(
  step: ReminderStep,
  offerExpiresAt: Date | null,
): Pick<PlaceholderValues, 'reply' | 'expires'> {
  if (step === 'missed') return { reply: MISSED_REPLY_INSTRUCTION, expires: '' };
  if (step !== 'offer') return { reply: REPLY_INSTRUCTION, expires: '' };
  if (!offerExpiresAt) throw new Error('An offer text needs the time the offer lapses');
  const expires = formatDeadline(offerExpiresAt);
  return { reply: offerReplyInstruction(expires), expires };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
// Fixed English names: Intl's en-GB short month for September is "Sept", and the host locale varies.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "Tue 3 Jun at 10:30": the London wall clock, 24-hour, whatever the offset on the day. */
export function formatWhen(instant: Date): string {
  const { day, time } = londonDayAndTime(instant);
  return `${day} at ${time}`;
}

/**
 * "17:00 Mon 7 Dec": when an offer lapses, on the London wall clock, time first as in "reply by".
 * Seconds are cut, not rounded, so the time said is never after the real one.
 */
export function formatDeadline(instant: Date): string {
  const { day, time } = londonDayAndTime(instant);
  return `${time} ${day}`;
}

/** "Tue 3 Jun" and "10:30" on the London wall clock. */
function londonDayAndTime(instant: Date): { day: string; time: string } {
  const { date, time } = toLondonWallClock(instant);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { day: `${WEEKDAYS[weekday]} ${day} ${MONTHS[month - 1]}`, time: time.slice(0, 5) };
}

/** How a client is greeted: the name they asked to be called, else their given name. */
export function greetingName(client: { givenName: string; preferredName?: string | null }): string {
  const preferred = client.preferredName?.trim();
  return preferred ? preferred : client.givenName.trim();
}

export type TemplatePart = { text: string } | { placeholder: Placeholder };

export interface ParsedTemplate {
  parts: TemplatePart[];
  problems: WordingProblem[];
}

const PLACEHOLDER_LIST = PLACEHOLDERS.map((p) => `{${p}}`).join(', ');

/** Splits a template into text and placeholders, naming each unknown placeholder or stray brace. */
export function parseTemplate(body: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const problems: WordingProblem[] = [];
  let last = 0;
  for (const match of body.matchAll(/\{([^{}]*)\}|[{}]/g)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start > last) parts.push({ text: body.slice(last, start) });
    last = end;
    const name = match[1];
    if (name === undefined) {
      problems.push(
        issueAt(
          'STRAY_BRACE',
          `"${match[0]}" is not part of a placeholder: placeholders are ${PLACEHOLDER_LIST}`,
          body,
          start,
          end,
        ),
      );
    } else if (isPlaceholder(name)) {
      parts.push({ placeholder: name });
    } else {
      problems.push(
        issueAt(
          'UNKNOWN_PLACEHOLDER',
          `Unknown placeholder ${match[0]}: use ${PLACEHOLDER_LIST}`,
          body,
          start,
          end,
        ),
      );
    }
  }
  if (last < body.length) parts.push({ text: body.slice(last) });
  return { parts, problems };
}

/**
 * The text of a template with its placeholders filled in, typographic punctuation made plain (a
 * curly apostrophe alone would turn the whole text into UCS-2: 70 characters a segment, not 160).
 * Only saved templates, already parsed cleanly, are rendered: anything else is a programming error.
 */
export function renderTemplate(body: string, values: PlaceholderValues): string {
  const { parts, problems } = parseTemplate(body);
  if (problems.length > 0) {
    throw new Error(`Cannot render a template with problems: ${problems.map((p) => p.message).join('; ')}`);
  }
  const text = parts.map((part) => ('text' in part ? part.text : values[part.placeholder])).join('');
  return plainPunctuation(text);
}

/** Replaces typographic punctuation and odd spaces with their GSM-7 equivalents. */
export function plainPunctuation(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
}

export function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}
