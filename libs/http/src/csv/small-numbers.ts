/** Counts of people from 1 to 4 could identify someone, so exports show them as this. */
export const SUPPRESSED_COUNT = '<5';
/** A figure that would give a suppressed count away (and is not itself a count of 1 to 4). */
export const SUPPRESSED_FIGURE = 'suppressed';

/** A count of people small enough to identify someone: suppressed in every export. */
export const isSmall = (n: number): boolean => n >= 1 && n <= 4;
