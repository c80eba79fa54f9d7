/**
 * Words a carrier or Twilio treats as "stop texting me" when a client sends them: the number is then
 * blocked for every later text (error 21610), not just this appointment. A text must never ask for
 * one of them, e.g. "reply CANCEL to cancel".
 */
export const OPT_OUT_WORDS = [
  'STOP',
  'STOPALL',
  'STOP ALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'OPT OUT',
  'OPT-OUT',
  'REVOKE',
] as const;

export interface OptOutMatch {
  word: string;
  start: number;
  end: number;
  /** An instruction to send it (refused), or a mention a client might answer with (a warning). */
  use: 'instruction' | 'mention';
}

const WORDS = [...OPT_OUT_WORDS]
  .sort((a, b) => b.length - a.length)
  .map((word) => word.replace(/[ -]/g, '[ -]?'))
  .join('|');
const NOT_ALNUM_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_ALNUM_AFTER = '(?![\\p{L}\\p{N}])';
const QUOTE = `["'\u2018\u2019\u201C\u201D]`;

/** "reply STOP", "text the word cancel", "send back 'end'", "respond with QUIT". */
const INSTRUCTION = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:reply|replying|text|txt|texting|send|sending|respond|message|sms|type|write)` +
    `(?:[^\\p{L}\\p{N}]+(?:with|the|word|back|us|in|just))*[^\\p{L}\\p{N}]+${QUOTE}?(${WORDS})${NOT_ALNUM_AFTER}`,
  'giu',
);
/** "STOP" in capitals or "'cancel'" in quotes reads as a keyword to send, whatever comes before. */
const KEYWORD = new RegExp(`${NOT_ALNUM_BEFORE}(?:${WORDS})${NOT_ALNUM_AFTER}`, 'gu');
const QUOTED = new RegExp(`${QUOTE}(${WORDS})${QUOTE}`, 'giu');
/** "if you need to cancel": not an instruction, but a client may well reply with the word. */
const PROMPTING = /(?<![\p{L}\p{N}])(cancel|stop|unsubscribe|opt[ -]?out)(?![\p{L}\p{N}])/giu;

/**
 * Where `text` asks a client to send an opt-out word (`instruction`), and where it merely uses one
 * that a client could echo back (`mention`). With `keywordsInCapitals` (templates), a word in capitals
 * or quotes is an instruction too; place names ("WEST END") are checked without it.
 */
export function findOptOutWords(text: string, options: { keywordsInCapitals: boolean }): OptOutMatch[] {
  const found: OptOutMatch[] = [];
  const add = (start: number, word: string, use: OptOutMatch['use']) => {
    const end = start + word.length;
    if (found.some((f) => start < f.end && f.start < end)) return;
    found.push({ word, start, end, use });
  };
  for (const match of text.matchAll(INSTRUCTION)) {
    const word = match[1]!;
    add(match.index + match[0].length - word.length, word, 'instruction');
  }
  if (options.keywordsInCapitals) {
    for (const match of text.matchAll(KEYWORD)) add(match.index, match[0], 'instruction');
    for (const match of text.matchAll(QUOTED)) add(match.index + 1, match[1]!, 'instruction');
  }
  for (const match of text.matchAll(PROMPTING)) add(match.index, match[0], 'mention');
  return found.sort((a, b) => a.start - b.start);
}
