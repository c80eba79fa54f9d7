/** Why a template or location text cannot be saved (or, for warnings, what the author should know). */
export type WordingProblemCode =
  | 'EMPTY'
  | 'UNKNOWN_PLACEHOLDER'
  | 'PLACEHOLDER_NOT_FOR_STEP'
  | 'OFFER_WITHOUT_DEADLINE'
  | 'STRAY_BRACE'
  | 'REVEALS_SERVICE'
  | 'OPT_OUT_INSTRUCTION'
  | 'TOO_MANY_SEGMENTS';

export type WordingWarningCode =
  'MORE_THAN_ONE_SEGMENT' | 'NOT_GSM_7' | 'MAY_PROMPT_OPT_OUT' | 'NAMES_NOTHING';

export interface WordingIssue<TCode extends string> {
  code: TCode;
  message: string;
  /** Where in the text, as UTF-16 offsets (end exclusive), so an editor can highlight it; absent when it is the whole text. */
  start?: number;
  end?: number;
  /** The offending text as written. */
  text?: string;
}

export type WordingProblem = WordingIssue<WordingProblemCode>;
export type WordingWarning = WordingIssue<WordingWarningCode>;

/** The issue covering `text[start, end)`. */
export function issueAt<TCode extends string>(
  code: TCode,
  message: string,
  text: string,
  start: number,
  end: number,
): WordingIssue<TCode> {
  return { code, message, start, end, text: text.slice(start, end) };
}
