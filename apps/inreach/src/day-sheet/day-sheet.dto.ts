import { z } from 'zod';
import type { DaySheetFormat } from './read-day-sheet';

export const daySheetQuery = z
  .object({
    /** `html` for the printable page; without it, the Accept header decides (JSON unless text/html). */
    format: z.enum(['json', 'html']).optional(),
  })
  .strict();
export type DaySheetQuery = z.output<typeof daySheetQuery>;

/** The explicit `format` wins; otherwise a browser asking for text/html gets the page. */
export function daySheetFormat(query: DaySheetQuery, accept: string | undefined): DaySheetFormat {
  if (query.format) return query.format;
  return accept?.toLowerCase().includes('text/html') ? 'html' : 'json';
}
