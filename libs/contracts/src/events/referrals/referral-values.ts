import { z } from 'zod';

export const destinationKindSchema = z.enum(['gp', 'outpatient', 'inreach', 'other']);
export const urgencySchema = z.enum(['routine', 'soon', 'urgent']);

/** Where a referral is on its way to an outcome (the referrals service owns the rules). */
export const REFERRAL_STATUSES = [
  'draft',
  'sent',
  'accepted',
  'rejected',
  'booked',
  'attended',
  'did_not_attend',
  'outcome_unknown',
  'completed',
  'closed',
] as const;
export const referralStatusSchema = z.enum(REFERRAL_STATUSES);
export type ReferralStatusValue = z.infer<typeof referralStatusSchema>;

/** What moved a referral: a member of staff's action, or one following booking's events. */
export const REFERRAL_ACTION_TYPES = [
  'send',
  'record-acceptance',
  'record-rejection',
  'resend',
  'appointment-booked',
  'appointment-cancelled',
  'attended',
  'did-not-attend',
  'outcome-overdue',
  'complete',
  'close',
] as const;
export const referralActionTypeSchema = z.enum(REFERRAL_ACTION_TYPES);

/** Whether someone goes with the client, and how they get there. */
export const accompanimentSchema = z
  .object({
    needed: z.boolean(),
    by: z.enum(['peer_supporter', 'worker']).nullable(),
    transportArranged: z.boolean(),
  })
  .strict();
export type Accompaniment = z.infer<typeof accompanimentSchema>;
