import { z } from 'zod';
import { nhsNumberSchema } from '@careloop/contracts';
import { attendancePatternSchema } from './attendance-pattern';

const personName = z.string().trim().min(1, 'must not be empty').max(100);
const userOrSiteId = z.string().trim().min(1, 'must not be empty').max(200);

const dateOfBirth = z.iso
  .date({ message: 'must be a date YYYY-MM-DD', abort: true })
  .refine((d) => d >= '1900-01-01', 'must be on or after 1900-01-01');

const gpPracticeOds = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{3,6}$/, 'must be an ODS code of 3 to 6 letters or digits, e.g. A81001');

export const clientFlagsInput = z
  .object({
    noFixedAbode: z.boolean().default(false),
    recentlyReleasedFromPrison: z.boolean().default(false),
    interpreterNeeded: z.boolean().default(false),
    interpreterLanguage: z.string().trim().min(1, 'must not be empty').max(100).nullish(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.interpreterNeeded && !f.interpreterLanguage) {
      ctx.addIssue({
        code: 'custom',
        path: ['interpreterLanguage'],
        message: 'is required when an interpreter is needed',
      });
    }
    if (!f.interpreterNeeded && f.interpreterLanguage) {
      ctx.addIssue({
        code: 'custom',
        path: ['interpreterLanguage'],
        message: 'must be left out when no interpreter is needed',
      });
    }
  })
  .transform((f) => ({ ...f, interpreterLanguage: f.interpreterLanguage ?? null }));
export type ClientFlags = z.output<typeof clientFlagsInput>;

const clientFields = {
  name: z.object({ given: personName, family: personName }).strict(),
  preferredName: personName.nullish(),
  dateOfBirth,
  /** Optional: clients may not know theirs. Spaces and dashes are accepted; stored as 10 digits. */
  nhsNumber: nhsNumberSchema.nullish(),
  /** The named worker responsible; defaults to the member of staff registering the client. */
  keyworkerId: userOrSiteId.optional(),
  /** One of the caller's CDAS sites. */
  siteId: userOrSiteId,
  gpPracticeOds: gpPracticeOds.nullish(),
  flags: clientFlagsInput.default({
    noFixedAbode: false,
    recentlyReleasedFromPrison: false,
    interpreterNeeded: false,
    interpreterLanguage: null,
  }),
  attendancePattern: attendancePatternSchema.default([]),
};

export const registerClientBody = z.object(clientFields).strict();
export type RegisterClientBody = z.output<typeof registerClientBody>;

/**
 * A partial change. `version` is the version the caller read (optimistic locking): a stale one is
 * refused with 409 CLIENT_VERSION_CONFLICT. `null` clears an optional field. `flags` and
 * `attendancePattern`, when sent, replace the whole value.
 */
export const updateClientBody = z
  .object({
    version: z.number('must be the version you read').int().positive(),
    name: clientFields.name.optional(),
    preferredName: personName.nullable().optional(),
    dateOfBirth: dateOfBirth.optional(),
    nhsNumber: nhsNumberSchema.nullable().optional(),
    keyworkerId: userOrSiteId.optional(),
    siteId: userOrSiteId.optional(),
    gpPracticeOds: gpPracticeOds.nullable().optional(),
    flags: clientFlagsInput.optional(),
    attendancePattern: attendancePatternSchema.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), {
    message: 'must change at least one field besides version',
    path: [],
  });
export type UpdateClientBody = z.output<typeof updateClientBody>;

export const clientIdParam = z.uuid('must be a client id (uuid)');
export const contactIdParam = z.uuid('must be a contact id (uuid)');
