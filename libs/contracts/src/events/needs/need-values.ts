import { z } from 'zod';

/** What kind of physical (or mental) health need a CDAS worker identified. */
export const NEED_CATEGORIES = [
  'respiratory_copd',
  'hepatitis_c',
  'hepatitis_b',
  'hiv',
  'wound_or_leg_ulcer',
  'dvt',
  'liver',
  'cardiovascular',
  'dental',
  'mental_health',
  'other',
] as const;
export const needCategorySchema = z.enum(NEED_CATEGORIES);
export type NeedCategory = z.infer<typeof needCategorySchema>;

/** Where a need stands: identified, referred on, being treated, or resolved (it may recur). */
export const NEED_STATUSES = ['open', 'referred', 'being_treated', 'resolved'] as const;
export const needStatusSchema = z.enum(NEED_STATUSES);
export type NeedStatus = z.infer<typeof needStatusSchema>;
