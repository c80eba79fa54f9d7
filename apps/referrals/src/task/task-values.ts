import { z } from 'zod';

/** What a task is for; each type is opened by one kind of event (see open-task.ts). */
export const TASK_TYPES = [
  'dna_follow_up',
  'mdt_review',
  'outcome_unknown',
  'sms_reply',
  'sms_delivery_failed',
  'sms_opted_out',
  'rebook_needed',
  'inreach_offer',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const TASK_PRIORITIES = ['routine', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** As stored. A snoozed task whose time has passed reads as `open` (see task-rules.ts). */
export const TASK_STATUSES = ['open', 'snoozed', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_OUTCOMES = [
  'rebooked',
  'declined',
  'unreachable',
  'safeguarding_concern',
  'other',
] as const;
export const taskOutcomeSchema = z.enum(TASK_OUTCOMES);
export type TaskOutcome = z.infer<typeof taskOutcomeSchema>;
/** Outcomes that mean nothing to the next reader without the worker's words. */
export const OUTCOMES_NEEDING_NOTE: readonly TaskOutcome[] = ['other', 'safeguarding_concern'];

export const CONTACT_METHODS = ['sms', 'phone_call', 'outreach_visit', 'via_pharmacy', 'via_hostel'] as const;
export const contactMethodSchema = z.enum(CONTACT_METHODS);
export type ContactMethod = z.infer<typeof contactMethodSchema>;

export const CONTACT_OUTCOMES = [
  'reached',
  'no_answer',
  'message_left',
  'wrong_number',
  'not_found',
  'other',
] as const;
export const contactOutcomeSchema = z.enum(CONTACT_OUTCOMES);
export type ContactOutcome = z.infer<typeof contactOutcomeSchema>;

/** Plain words for the timeline and lists. */
export const TASK_TYPE_LABELS: Record<TaskType, string> = {
  dna_follow_up: 'Follow up a missed appointment',
  mdt_review: 'Discuss repeated non-attendance at the MDT',
  outcome_unknown: 'Find out what happened at an appointment',
  sms_reply: 'Answer a text from the client',
  sms_delivery_failed: 'Check the client’s phone number',
  sms_opted_out: 'Talk to the client about stopping texts',
  rebook_needed: 'Rebook a cancelled in-reach appointment',
  inreach_offer: 'Tell the client about an in-reach seat offered to them',
};

export const TASK_OUTCOME_LABELS: Record<TaskOutcome, string> = {
  rebooked: 'rebooked',
  declined: 'declined',
  unreachable: 'unreachable',
  safeguarding_concern: 'safeguarding concern',
  other: 'other',
};

export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = {
  sms: 'Text message',
  phone_call: 'Phone call',
  outreach_visit: 'Outreach visit',
  via_pharmacy: 'Via the pharmacy',
  via_hostel: 'Via the hostel',
};

export const CONTACT_OUTCOME_LABELS: Record<ContactOutcome, string> = {
  reached: 'reached the client',
  no_answer: 'no answer',
  message_left: 'message left',
  wrong_number: 'wrong number',
  not_found: 'client not found',
  other: 'other',
};
