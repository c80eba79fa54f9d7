/** What a word would tell whoever else reads the client's phone. */
export type SensitiveKind = 'service' | 'substance' | 'treatment' | 'specialty' | 'condition';

interface SensitiveTerm {
  /** Words separated by spaces; each may take a plural "s"/"es", and "and" may be written "&" or "+". */
  words: string;
  kind: SensitiveKind;
  /** Only in capitals: acronyms that are also everyday words ("gum", "oat", "aids"). */
  capitalsOnly?: boolean;
}

/**
 * Curated for clients of community drug and alcohol services: the services and their well-known UK
 * providers, substances, treatments, and the specialties and conditions they are referred on for
 * (see docs/domain.md). Extend it when a near miss is found; a longer phrase wins over its words.
 */
const TERMS: readonly SensitiveTerm[] = [
  // Services and settings.
  ...[
    'drug',
    'drug service',
    'drug and alcohol',
    'alcohol',
    'alcoholic',
    'alcoholism',
    'substance',
    'substance misuse',
    'CDAS',
    'addict',
    'addicted',
    'addiction',
    'recovery',
    'detox',
    'detoxification',
    'rehab',
    'rehabilitation',
    'harm reduction',
    'needle',
    'needle exchange',
    'syringe',
    'injecting',
    'narcotic',
    'sober',
    'sobriety',
    'dependence',
    'dependency',
    'overdose',
    'withdrawal',
    'Turning Point',
    'Change Grow Live',
    'CGL',
    'Humankind',
    'Addaction',
    'WDP',
    'Forward Trust',
    'Phoenix Futures',
    'Cranstoun',
    // Any case: a location is typed as "We are with you, 12 High St" as often as in title case.
    'We Are With You',
    'Drugline',
    'chemsex',
  ].map((words): SensitiveTerm => ({ words, kind: 'service' })),
  // Substances.
  ...[
    'heroin',
    'opiate',
    'opioid',
    'cocaine',
    'crack',
    'cannabis',
    'ketamine',
    'amphetamine',
    'benzo',
    'benzodiazepine',
    'diazepam',
  ].map((words): SensitiveTerm => ({ words, kind: 'substance' })),
  // Treatments.
  ...[
    'methadone',
    'physeptone',
    'buprenorphine',
    'subutex',
    'suboxone',
    'espranor',
    'buvidal',
    'naloxone',
    'naltrexone',
    'acamprosate',
    'disulfiram',
    'antabuse',
    'chlordiazepoxide',
    'script',
    'opioid substitution',
  ].map((words): SensitiveTerm => ({ words, kind: 'treatment' })),
  { words: 'OST', kind: 'treatment', capitalsOnly: true },
  { words: 'OAT', kind: 'treatment', capitalsOnly: true },
  // Specialties and clinics.
  ...[
    'hepatology',
    'gastroenterology',
    'gastro',
    'respiratory',
    'pulmonary',
    'chest clinic',
    'chest unit',
    'tissue viability',
    'GU medicine',
    'GU clinic',
    'gum clinic',
    'sexual health',
    'genitourinary',
    'genito urinary',
    'mental health',
    'psychiatry',
    'psychiatric',
    'psychiatrist',
    'infectious disease',
    'wound clinic',
    'wound care',
    'fibroscan',
  ].map((words): SensitiveTerm => ({ words, kind: 'specialty' })),
  { words: 'GUM', kind: 'specialty', capitalsOnly: true },
  // HIV prevention; "prep" in lower case is everyday ("meal prep").
  { words: 'PrEP', kind: 'treatment', capitalsOnly: true },
  { words: 'PREP', kind: 'treatment', capitalsOnly: true },
  // Conditions.
  ...[
    'hepatitis',
    'hep b',
    'hep c',
    'HBV',
    'HCV',
    'HIV',
    'blood borne virus',
    'BBV',
    'liver',
    'cirrhosis',
    'COPD',
    'emphysema',
    'lung',
    'tuberculosis',
    'TB',
    'endocarditis',
    'DVT',
    'thrombosis',
    'ulcer',
    'abscess',
    'STI',
    'STD',
  ].map((words): SensitiveTerm => ({ words, kind: 'condition' })),
  { words: 'AIDS', kind: 'condition', capitalsOnly: true },
];

export interface SensitiveMatch {
  kind: SensitiveKind;
  /** The term matched, as listed ("drug service"), whatever spelling the text used. */
  term: string;
  start: number;
  end: number;
}

/** Characters written in place of a letter to dodge a filter ("her0in", "@lcohol"). */
const LOOKALIKES: Record<string, string> = {
  a: 'a@4',
  e: 'e3',
  i: 'i1!|',
  l: 'l1|',
  o: 'o0',
  s: 's5$',
  t: 't7',
};

const NOT_ALNUM_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_ALNUM_AFTER = '(?![\\p{L}\\p{N}])';

function escapeForClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}

function wordPattern(word: string, exact: boolean): string {
  if (word.toLowerCase() === 'and') return '(?:and|&|\\+)';
  // Acronyms ("HIV", "TB") may be dotted ("H.I.V."); look-alike digits would match addresses ("Flat 7b").
  if (word.length < 4 || exact) {
    const dotted = word.length > 1 ? `|${[...word].join('\\.')}\\.?` : '';
    return `(?:${word}${dotted})(?:e?s)?`;
  }
  const letters = [...word].map((letter) => {
    const lookalikes = LOOKALIKES[letter.toLowerCase()];
    return lookalikes ? `[${escapeForClass(letter + lookalikes)}]` : letter;
  });
  // Long words tolerate one hyphen, dot, asterisk or underscore between letters ("m-e-t-h-a-d-o-n-e").
  // Never a space: "the hero in" must not read as "heroin".
  return `${letters.join('[-.*_]?')}(?:e?s)?`;
}

function termPattern(term: SensitiveTerm): RegExp {
  const exact = term.capitalsOnly === true;
  // Words may be joined by up to three spaces, hyphens, slashes..., or written as one word.
  const body = term.words
    .split(' ')
    .map((word) => wordPattern(word, exact))
    .join('[^\\p{L}\\p{N}]{0,3}');
  return new RegExp(`${NOT_ALNUM_BEFORE}${body}${NOT_ALNUM_AFTER}`, exact ? 'gu' : 'giu');
}

const MATCHERS = TERMS.map((term) => ({ term, pattern: termPattern(term) }));

/**
 * Every place `text` names a service, substance, treatment, specialty or condition. Overlapping
 * matches keep the longest ("drug service", not also "drug"); in order of position.
 */
export function findSensitiveWords(text: string): SensitiveMatch[] {
  const all: SensitiveMatch[] = [];
  for (const { term, pattern } of MATCHERS) {
    for (const match of text.matchAll(pattern)) {
      all.push({ kind: term.kind, term: term.words, start: match.index, end: match.index + match[0].length });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SensitiveMatch[] = [];
  for (const match of all) {
    const previous = kept[kept.length - 1];
    if (previous && match.start < previous.end) continue;
    kept.push(match);
  }
  return kept;
}
