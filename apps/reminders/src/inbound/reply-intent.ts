import type { ReplyIntent } from '@careloop/contracts';

/**
 * What the reply answers: an in-reach offer's text ("Reply YES ... or NO if it does not suit"),
 * "sorry we missed you" ("Would you like a new appointment? Reply YES..."), any other text
 * (reminders: "Reply Y to confirm or N to change it"), or `unsure`: a yes or no that may be about an
 * offer other than the text answered, or come from someone else on a shared phone (replyContextOf).
 * Only an opt-out is read then; the rest is `other`, for the keyworker to decide.
 */
export type ReplyContext = 'offer' | 'missed' | 'reminder' | 'unsure';

/**
 * How a client's reply is read. The rule, in order:
 * 1. `opt_out`: the whole text is one carrier opt-out keyword (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END,
 *    QUIT), in any case, with nothing around it but spaces, punctuation or emoji. These are what the
 *    carrier and Twilio act on (they block the number), so we mirror them; "please stop texting me" is
 *    not a keyword and goes to the keyworker as `other`.
 * 2. `other`: any question mark. A question needs a person, even "yes but can I bring my dog?".
 * 3. `confirm` / `rebook`: EVERY word of the text is part of a known phrase of that one kind, give or
 *    take politeness ("thanks", "sorry", "x", a weekday...). Emoji count as words: 👍 ✅ 👌 are "ok",
 *    👎 ❌ are "no"; other emoji are ignored.
 * 4. `other`: everything else, including unknown words, a mix of yes and no, and negated confirmations
 *    ("not ok" is not a phrase, so it can never read as confirm).
 * Erring towards `other` is safe: every reply reaches the keyworker whatever its intent.
 *
 * To an offer, the same reading with a few more phrases that only make sense there: "not that day",
 * "doesn't suit" decline it (`rebook`: the seat goes to the next client), "I'll take it" takes it
 * (`confirm`). To any other text they stay `other`, as before. When `unsure`, only rule 1 applies.
 *
 * To "sorry we missed you", which asks whether they would like a new appointment, a yes and asking
 * for one ("rebook", "another day", "book me in") both read `confirm`: the client wants help to book
 * (referrals gives the keyworker a task). A no is `other`, never `rebook`: "no" there turns the new
 * appointment down, and "can't make it" answers nothing asked; the keyworker reads either.
 */
export function replyIntentOf(text: string, context: ReplyContext = 'reminder'): ReplyIntent {
  if (isCarrierOptOut(text)) return 'opt_out';
  if (context === 'unsure') return 'other';
  if (/[?？¿]/u.test(text)) return 'other';
  const words = wordsOf(text);
  if (words.length === 0 || words.length > MAX_WORDS) return 'other';
  return intentOfWords(words, VOCABULARY[context]);
}

/** The keywords carriers and Twilio treat as opt-out when sent alone. */
export const CARRIER_OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'] as const;

/** The keyword a text consists of, upper case, if it is a carrier opt-out; else undefined. */
export function carrierOptOutKeyword(text: string): string | undefined {
  const bare = text
    .normalize('NFKC')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .toUpperCase();
  return (CARRIER_OPT_OUT_KEYWORDS as readonly string[]).includes(bare) ? bare : undefined;
}

function isCarrierOptOut(text: string): boolean {
  return carrierOptOutKeyword(text) !== undefined;
}

// Longer than the longest phrase plus a few pleasantries: a message, not an answer.
const MAX_WORDS = 12;

type Kind = 'confirm' | 'rebook' | 'filler';

/** Phrases read as confirm, in the normal form of `wordsOf`. */
export const CONFIRM_PHRASES: readonly string[] = [
  'y',
  'yes',
  'yess',
  'yea',
  'yeah',
  'yeh',
  'yep',
  'yup',
  'ya',
  'aye',
  'ok',
  'okk',
  'okay',
  'okey',
  'okie',
  'k',
  'kk',
  'sure',
  'fine',
  'great',
  'perfect',
  'lovely',
  'brilliant',
  'cool',
  'alright',
  'all right',
  'good',
  'all good',
  'sounds good',
  'definitely',
  'absolutely',
  'of course',
  'confirm',
  'confirmed',
  'will do',
  'i will',
  // Not 'ill' alone: with the apostrophe dropped "I'll" reads as "ill", and "I'm ill" is no yes.
  'will be there',
  'ill be there',
  'i will be there',
  'be there',
  'ill come',
  'i will come',
  'coming',
  'im coming',
  'i am coming',
  'see you',
  'see you then',
  'see you there',
  'see u',
  'see u then',
  'see ya',
  'cya',
  'got it',
  'noted',
  'no problem',
  'no probs',
  'no worries',
  'not a problem',
];

/** Phrases read as "can't make it": the keyworker offers another appointment. */
export const REBOOK_PHRASES: readonly string[] = [
  'n',
  'no',
  'noo',
  'nope',
  'nah',
  'na',
  'cant',
  'cannot',
  'can not',
  'cant make it',
  'cannot make it',
  'can not make it',
  'cant come',
  'cannot come',
  'cant go',
  'cant do it',
  'cant make that',
  'wont make it',
  'will not make it',
  'wont be there',
  'will not be there',
  'wont be able to make it',
  'wont be able to come',
  'not able to make it',
  'not able to come',
  'unable to make it',
  'unable to come',
  'unable to attend',
  'not going to make it',
  'not gonna make it',
  'not going to be able to make it',
  'not coming',
  'not going',
  'move',
  'move it',
  'change',
  'change it',
  'rebook',
  're book',
  'reschedule',
  're schedule',
  'rearrange',
  'another time',
  'another day',
  'different time',
  'different day',
  'new time',
  'new date',
];

// Politeness and filler that changes nothing about the answer.
const FILLER = [
  'hi',
  'hiya',
  'hello',
  'hey',
  'thanks',
  'thank you',
  'thankyou',
  'thanks very much',
  'thanks a lot',
  'many thanks',
  'thx',
  'ty',
  'ta',
  'cheers',
  'please',
  'pls',
  'plz',
  'sorry',
  'soz',
  'mate',
  'love',
  'x',
  'xx',
  'xxx',
  'i',
  'im',
  'it',
  'that',
  'thats',
  'is',
  'then',
  'the',
  'appointment',
  'appt',
  'today',
  'tomorrow',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

/** To an offer only, also read as taking it. */
export const OFFER_TAKE_PHRASES: readonly string[] = [
  'take it',
  'ill take it',
  'i will take it',
  'i want it',
  'i would like it',
  'id like it',
  'accept',
  'i accept',
  'accepted',
  'book it',
  'book me in',
  'suits me',
  'that suits',
  'that suits me',
];

/**
 * To "sorry we missed you" only, also read as yes: asking for the new appointment it offers. Not
 * "help": a carrier keyword at some networks, and a cry for help is no booking request.
 */
export const MISSED_YES_PHRASES: readonly string[] = [
  'rebook',
  're book',
  'reschedule',
  're schedule',
  'rearrange',
  'another time',
  'another day',
  'another one',
  'another appointment',
  'new one',
  'a new one',
  'new appointment',
  'a new appointment',
  'new time',
  'new date',
  'different time',
  'different day',
  'book me in',
  'book me',
  'book another',
  'book one',
  'i would',
  'i would like',
  'id like',
  'i would like one',
  'id like one',
  'i would like that',
  'id like that',
  'i would love',
  'id love',
  'i want',
  'i want one',
  'please do',
];

/**
 * To an offer only, also read as declining it ("not that day" to a reminder is a question for a person).
 * Not "not interested", "not for me", "I don't want it": they may turn down the service, not this
 * seat, so they go to the keyworker as `other`.
 */
export const OFFER_DECLINE_PHRASES: readonly string[] = [
  'not that day',
  'not that time',
  'not then',
  'not suitable',
  'doesnt suit',
  'doesnt suit me',
  'does not suit',
  'does not suit me',
  'cant do',
  'cannot do',
  'cant do that',
  'cant do that day',
  'cannot do that day',
  'busy',
  'im busy',
  'not available',
  'unavailable',
  'pass',
  'ill pass',
  'i will pass',
  'decline',
  'i decline',
];

interface Vocabulary {
  phrases: ReadonlyMap<string, Kind>;
  longest: number;
}

function vocabulary(...lists: [readonly string[], Kind][]): Vocabulary {
  const phrases = new Map<string, Kind>();
  for (const [list, kind] of lists) for (const phrase of list) phrases.set(phrase, kind);
  return { phrases, longest: Math.max(...[...phrases.keys()].map((p) => p.split(' ').length)) };
}

const REMINDER_LISTS: [readonly string[], Kind][] = [
  [FILLER, 'filler'],
  [CONFIRM_PHRASES, 'confirm'],
  [REBOOK_PHRASES, 'rebook'],
];
const VOCABULARY: Record<Exclude<ReplyContext, 'unsure'>, Vocabulary> = {
  reminder: vocabulary(...REMINDER_LISTS),
  offer: vocabulary(...REMINDER_LISTS, [OFFER_TAKE_PHRASES, 'confirm'], [OFFER_DECLINE_PHRASES, 'rebook']),
  // No REBOOK_PHRASES: their "no" would read as wanting another appointment, the opposite.
  missed: vocabulary([FILLER, 'filler'], [CONFIRM_PHRASES, 'confirm'], [MISSED_YES_PHRASES, 'confirm']),
};

const CONFIRM_EMOJI = new Set(['👍', '👌', '✅', '✔', '☑', '🆗', '🙆']);
const REBOOK_EMOJI = new Set(['👎', '❌', '✖', '🙅']);

/** Lower-case words; apostrophes dropped (can't -> cant), emoji turned into ok / no or dropped. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{Extended_Pictographic}/gu, (emoji) =>
      CONFIRM_EMOJI.has(emoji) ? ' ok ' : REBOOK_EMOJI.has(emoji) ? ' no ' : ' ',
    )
    .replace(/['’‘`´]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
    .map((w) => w.replace(/(\p{L})\1{2,}/gu, '$1'));
}

const CONFIRM_BIT = 1;
const REBOOK_BIT = 2;

/**
 * Tries every way to cut the words into known phrases; each way gives the set of answer kinds it
 * used. The intent is the one kind some cut achieves alone, and only if no cut achieves the other.
 */
function intentOfWords(words: string[], { phrases, longest }: Vocabulary): ReplyIntent {
  // reachable[i]: the kind-sets (bit masks) of the ways to cover words[0..i).
  const reachable: Set<number>[] = words.map(() => new Set<number>());
  reachable.push(new Set<number>());
  reachable[0]!.add(0);
  for (let start = 0; start < words.length; start++) {
    const before = reachable[start]!;
    if (before.size === 0) continue;
    for (let length = 1; length <= longest && start + length <= words.length; length++) {
      const kind = phrases.get(words.slice(start, start + length).join(' '));
      if (!kind) continue;
      const bit = kind === 'confirm' ? CONFIRM_BIT : kind === 'rebook' ? REBOOK_BIT : 0;
      for (const mask of before) reachable[start + length]!.add(mask | bit);
    }
  }
  const covered = reachable[words.length]!;
  const confirm = covered.has(CONFIRM_BIT);
  const rebook = covered.has(REBOOK_BIT);
  if (confirm && !rebook) return 'confirm';
  if (rebook && !confirm) return 'rebook';
  return 'other';
}
