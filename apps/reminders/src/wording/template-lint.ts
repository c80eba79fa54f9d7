import type { ReminderStep } from '@careloop/contracts';
import { DEFAULT_SEGMENTS } from './default-templates';
import { findOptOutWords } from './opt-out-words';
import {
  MISSED_REPLY_INSTRUCTION,
  OFFER_ONLY_PLACEHOLDERS,
  REPLY_INSTRUCTION,
  isPlaceholder,
  offerReplyInstruction,
  parseTemplate,
  plainPunctuation,
  type PlaceholderValues,
} from './render';
import { findSensitiveWords, type SensitiveKind } from './sensitive-words';
import { measureSms, nonGsmCharacters, type SmsEncoding } from './sms-segments';
import { issueAt, type WordingProblem, type WordingWarning } from './wording-problem';

/**
 * Most segments a template may cost; above its default's (DEFAULT_SEGMENTS) is allowed with a
 * warning (each costs money).
 */
export const MAX_TEMPLATE_SEGMENTS = 3;

/** The longest {expires}: "10:30 Wed 30 Sep", 16 characters. */
const SAMPLE_EXPIRES = '10:30 Wed 30 Sep';

/**
 * What a reminder template is measured with: a long but realistic name, the longest {when} ("Wed 30
 * Sep at 10:30" is 19 characters: every weekday and month is three letters) and a typical hospital
 * location.
 */
export const SAMPLE_VALUES: PlaceholderValues = {
  name: 'Mary-Catherine',
  when: 'Wed 30 Sep at 10:30',
  where: 'Outpatients B, St Elsewhere Hospital, Lower Road',
  reply: REPLY_INSTRUCTION,
  expires: '',
};

/**
 * What a step's template is measured with: an offer's {reply} and {expires} say when it lapses, and
 * {reply} in "sorry we missed you" offers help to book again.
 */
export function sampleValues(step: ReminderStep): PlaceholderValues {
  if (step === 'missed') return { ...SAMPLE_VALUES, reply: MISSED_REPLY_INSTRUCTION };
  if (step !== 'offer') return SAMPLE_VALUES;
  return { ...SAMPLE_VALUES, reply: offerReplyInstruction(SAMPLE_EXPIRES), expires: SAMPLE_EXPIRES };
}

export interface LintResult {
  /** Empty when the text may be saved. */
  problems: WordingProblem[];
  warnings: WordingWarning[];
  /** How the text is sent when rendered with SAMPLE_VALUES. */
  encoding: SmsEncoding;
  segments: number;
}

const KIND_WORDS: Record<SensitiveKind, string> = {
  service: 'the service',
  substance: 'a substance',
  treatment: 'a treatment',
  specialty: 'a specialty',
  condition: 'a condition',
};

/**
 * Checks a step's template before it is saved: placeholders known (and {expires} only in the offer),
 * no carrier opt-out word asked for, at most three segments, and (unless saved as naming the service,
 * for consenting clients only) no word that tells whoever else reads the phone about the service, a
 * substance, treatment, specialty or condition.
 */
export function lintTemplate(
  body: string,
  options: { namesService: boolean; step: ReminderStep },
): LintResult {
  const problems: WordingProblem[] = [];
  const warnings: WordingWarning[] = [];
  if (body.trim() === '') problems.push({ code: 'EMPTY', message: 'The template is empty' });
  problems.push(...parseTemplate(body).problems);
  if (options.step !== 'offer') problems.push(...offerOnlyPlaceholders(body));
  else if (!/\{(reply|expires)\}/.test(body)) {
    problems.push({
      code: 'OFFER_WITHOUT_DEADLINE',
      message:
        'An offer text must say by when to answer: use {reply} ("Reply YES by <time> to take it, or NO ' +
        'if it does not suit") or {expires}',
    });
  }

  // Placeholders are blanked (same length, so positions hold) before looking for words.
  const words = body.replace(/\{[^{}]*\}/g, (placeholder) => ' '.repeat(placeholder.length));
  const sensitive = findSensitiveWords(words);
  if (!options.namesService) {
    problems.push(
      ...sensitive.map((match) =>
        issueAt(
          'REVEALS_SERVICE' as const,
          `"${body.slice(match.start, match.end)}" names ${KIND_WORDS[match.kind]}: whoever else reads ` +
            "the client's phone would learn it. Remove it, or save the template as naming the service " +
            '(then it goes only to clients who agreed to that; others get the default)',
          body,
          match.start,
          match.end,
        ),
      ),
    );
  } else if (sensitive.length === 0) {
    warnings.push({
      code: 'NAMES_NOTHING',
      message:
        'Saved as naming the service but names nothing sensitive: clients who did not agree to naming ' +
        'the service still get the default; save it without namesService to send it to everyone',
    });
  }
  checkOptOutWords(body, words, { keywordsInCapitals: true }, problems, warnings);

  const samples = sampleValues(options.step);
  const rendered = plainPunctuation(
    body.replace(/\{([^{}]*)\}/g, (placeholder, name: string) =>
      isPlaceholder(name) ? samples[name] : placeholder,
    ),
  );
  const size = measureSms(rendered);
  const usual = DEFAULT_SEGMENTS[options.step];
  if (size.segments > MAX_TEMPLATE_SEGMENTS) {
    problems.push({
      code: 'TOO_MANY_SEGMENTS',
      message: `With a typical name and location the text takes ${size.segments} ${size.encoding} segments; at most ${MAX_TEMPLATE_SEGMENTS} are allowed`,
    });
  } else if (size.segments > usual) {
    warnings.push({
      code: 'MORE_THAN_ONE_SEGMENT',
      message: `With a typical name and location the text takes ${size.segments} ${size.encoding} segments (each is charged); the default takes ${usual === 1 ? 'one' : usual}`,
    });
  }
  const foreign = nonGsmCharacters(plainPunctuation(words));
  if (foreign.length > 0) {
    warnings.push({
      code: 'NOT_GSM_7',
      message: `${foreign.map((c) => `"${c}"`).join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not in the GSM-7 alphabet: every text is sent as UCS-2, 70 characters a segment instead of 160`,
    });
  }
  return {
    problems: byPosition(problems),
    warnings: byPosition(warnings),
    encoding: size.encoding,
    segments: size.segments,
  };
}

/**
 * Checks an organisation's location text for a provider: it replaces {where} for every client, so it
 * may never name the service, and must be short enough to leave room for the rest of the text.
 */
export function lintLocationText(text: string): Omit<LintResult, 'encoding' | 'segments'> {
  const problems: WordingProblem[] = [];
  const warnings: WordingWarning[] = [];
  if (text.trim() === '') problems.push({ code: 'EMPTY', message: 'The location text is empty' });
  problems.push(
    ...findSensitiveWords(text).map((match) =>
      issueAt(
        'REVEALS_SERVICE' as const,
        `"${text.slice(match.start, match.end)}" names ${KIND_WORDS[match.kind]}: whoever else reads ` +
          "the client's phone would learn it. Describe the place plainly (building, street)",
        text,
        match.start,
        match.end,
      ),
    ),
  );
  checkOptOutWords(text, text, { keywordsInCapitals: false }, problems, warnings);
  const foreign = nonGsmCharacters(plainPunctuation(text));
  if (foreign.length > 0) {
    warnings.push({
      code: 'NOT_GSM_7',
      message: `${foreign.map((c) => `"${c}"`).join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not in the GSM-7 alphabet: texts with this location are sent as UCS-2, 70 characters a segment instead of 160`,
    });
  }
  return { problems: byPosition(problems), warnings: byPosition(warnings) };
}

/** Segments and encoding of a saved (clean) template for a step, rendered with the sample values. */
export function measureTemplate(
  body: string,
  step: ReminderStep,
): { encoding: SmsEncoding; segments: number } {
  const { encoding, segments } = lintTemplate(body, { namesService: true, step });
  return { encoding, segments };
}

/** {expires} outside the offer's text: no other text has an offer that lapses. */
function offerOnlyPlaceholders(body: string): WordingProblem[] {
  const problems: WordingProblem[] = [];
  for (const match of body.matchAll(/\{([^{}]*)\}/g)) {
    const name = match[1];
    if (name === undefined || !isPlaceholder(name) || !OFFER_ONLY_PLACEHOLDERS.includes(name)) continue;
    problems.push(
      issueAt(
        'PLACEHOLDER_NOT_FOR_STEP',
        `${match[0]} is only for the offer text: this step's text has no offer that lapses`,
        body,
        match.index,
        match.index + match[0].length,
      ),
    );
  }
  return problems;
}

function checkOptOutWords(
  original: string,
  searched: string,
  options: { keywordsInCapitals: boolean },
  problems: WordingProblem[],
  warnings: WordingWarning[],
): void {
  for (const match of findOptOutWords(searched, options)) {
    if (match.use === 'instruction') {
      problems.push(
        issueAt(
          'OPT_OUT_INSTRUCTION',
          `Asks the client to send "${match.word.toUpperCase()}", a carrier opt-out word: the phone ` +
            'network would then block every text to the number. Ask for Y or N instead ({reply})',
          original,
          match.start,
          match.end,
        ),
      );
    } else {
      warnings.push(
        issueAt(
          'MAY_PROMPT_OPT_OUT',
          `A client who replies "${match.word}" blocks every text to their number (a carrier opt-out ` +
            'word); consider other words',
          original,
          match.start,
          match.end,
        ),
      );
    }
  }
}

function byPosition<T extends { start?: number }>(issues: T[]): T[] {
  return [...issues].sort((a, b) => (a.start ?? -1) - (b.start ?? -1));
}
