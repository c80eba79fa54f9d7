import { z } from 'zod';

/** Why a phone number is on a client's record; only `own_mobile` is the client's own phone. */
export const CONTACT_PURPOSES = ['own_mobile', 'hostel', 'pharmacy', 'family', 'other'] as const;
export const contactPurposeSchema = z.enum(CONTACT_PURPOSES);
export type ContactPurpose = z.infer<typeof contactPurposeSchema>;

/** What a client may consent to; each is recorded, and withdrawn, on its own. */
export const CONSENT_PURPOSES = ['sms_reminders', 'name_service_in_sms', 'share_outcome_with_gp'] as const;
export const consentPurposeSchema = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof consentPurposeSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const weekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof weekdaySchema>;

/** 24-hour wall-clock time in Europe/London, e.g. `09:30`. */
export const wallClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm');

/** When a client usually attends the CDAS (booking suggests slots around it). */
export const attendanceWindowSchema = z.object({
  day: weekdaySchema,
  from: wallClockTimeSchema,
  to: wallClockTimeSchema,
});

export const clientFlagsSchema = z.object({
  noFixedAbode: z.boolean(),
  recentlyReleasedFromPrison: z.boolean(),
  interpreterNeeded: z.boolean(),
  interpreterLanguage: z.string().min(1).max(100).nullable(),
});

/** The whole client record as of `version`: consumers keep the latest and drop older ones. */
export const clientSnapshotSchema = z.object({
  clientId: z.uuid(),
  version: z.number().int().positive(),
  name: z.object({ given: z.string().min(1).max(100), family: z.string().min(1).max(100) }),
  preferredName: z.string().min(1).max(100).nullable(),
  dateOfBirth: z.iso.date(),
  nhsNumber: z
    .string()
    .regex(/^\d{10}$/)
    .nullable(),
  keyworkerId: z.string().min(1).max(200),
  siteId: z.string().min(1).max(200),
  gpPracticeOds: z
    .string()
    .regex(/^[A-Z0-9]{3,6}$/)
    .nullable(),
  flags: clientFlagsSchema,
  attendancePattern: z.array(attendanceWindowSchema).max(21),
});

export type AttendanceWindow = z.infer<typeof attendanceWindowSchema>;
export type ClientFlags = z.infer<typeof clientFlagsSchema>;
export type ClientSnapshot = z.infer<typeof clientSnapshotSchema>;
