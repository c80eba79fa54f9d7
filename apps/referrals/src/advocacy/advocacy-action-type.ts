import { z } from 'zod';

/** What staff did for the client. */
export const ADVOCACY_ACTION_TYPES = [
  'phoned_surgery',
  'phoned_hospital',
  'booked_on_behalf',
  'read_letter',
  'answered_letter',
  'arranged_transport',
  'accompanied',
  'chased_provider',
  'other',
] as const;
export const advocacyActionTypeSchema = z.enum(ADVOCACY_ACTION_TYPES);
export type AdvocacyActionType = z.infer<typeof advocacyActionTypeSchema>;

/** Who went with the client to an appointment. */
export const ACCOMPANIED_BY = ['peer_supporter', 'worker'] as const;
export const accompaniedBySchema = z.enum(ACCOMPANIED_BY);
export type AccompaniedBy = z.infer<typeof accompaniedBySchema>;

/** Plain words for each type, for lists and the client timeline. */
export const ADVOCACY_ACTION_LABELS: Record<AdvocacyActionType, string> = {
  phoned_surgery: 'Phoned the GP surgery',
  phoned_hospital: 'Phoned the hospital',
  booked_on_behalf: "Booked an appointment on the client's behalf",
  read_letter: 'Read a letter with the client',
  answered_letter: 'Answered a letter for the client',
  arranged_transport: 'Arranged transport',
  accompanied: 'Accompanied the client',
  chased_provider: 'Chased the provider',
  other: 'Other advocacy',
};
