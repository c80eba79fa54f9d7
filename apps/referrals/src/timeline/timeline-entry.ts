/**
 * The kinds of entry the client timeline shows. Adding a kind = a name here and one
 * `TimelineSource` file in `sources/` (registered in `sources/index.ts`).
 */
export const TIMELINE_KINDS = [
  'need_recorded',
  'need_status_changed',
  'referral_created',
  'referral_status_changed',
  'appointment',
  'advocacy_action',
  'recall_check',
  'sms_sent',
  'sms_delivery_failed',
  'sms_reply',
  'appointment_rescheduled',
  'appointment_rebook_needed',
  'walk_in',
  'inreach_offer',
  'task_created',
  'task_completed',
  'task_contact_attempt',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * Kinds the timeline will show once their data reaches this service. Listed in every response so the
 * screen can say so; none since follow-up tasks arrived.
 */
export const NOT_YET_AVAILABLE_KINDS: readonly string[] = [];

export interface TimelineRefs {
  referralId?: string;
  needId?: string;
  appointmentId?: string;
  taskId?: string;
}

/** One line of a client's timeline. */
export interface TimelineEntry {
  kind: TimelineKind;
  /** The id of the record the entry comes from; with `occurredAt` and `kind`, its place in the order. */
  id: string;
  /** ISO instant, millisecond precision, UTC. */
  occurredAt: string;
  /** Short plain words; free text only where staff wrote it (a reason, an advocacy outcome). */
  summary: string;
  refs: TimelineRefs;
  /** Who did it, when a person (or a `system:` actor) did. */
  by?: string;
}
