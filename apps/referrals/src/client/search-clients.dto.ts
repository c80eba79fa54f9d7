import { z } from 'zod';
import { nhsNumberSchema } from '@careloop/contracts';

/**
 * Search within the caller's organisation. `name` matches given, family and preferred names, ignoring
 * case; every word typed must appear in one of them ("jo smi" finds Joanne Smith). `nhsNumber` is
 * exact (spaces allowed); `dateOfBirth` is exact. Criteria combine with AND; at least one is needed.
 */
export const searchClientsQuery = z
  .object({
    name: z.string().trim().min(2, 'must be at least 2 characters').max(100).optional(),
    nhsNumber: nhsNumberSchema.optional(),
    dateOfBirth: z.iso.date('must be a date YYYY-MM-DD').optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict()
  .refine((q) => q.name !== undefined || q.nhsNumber !== undefined || q.dateOfBirth !== undefined, {
    message: 'give at least one of name, nhsNumber, dateOfBirth',
    path: ['name'],
  });
export type SearchClientsQuery = z.output<typeof searchClientsQuery>;

/** The words of a name search, each escaped for use inside ILIKE '%...%'. */
export function nameSearchPatterns(name: string): string[] {
  return name
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 5)
    .map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
