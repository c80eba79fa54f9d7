import type { EntityManager } from 'typeorm';
import type { ReminderStep } from '@careloop/contracts';
import { appointmentsSummaryBy, everyGroup } from './attendance-summary';
import type { ReminderGroups } from './referrals-report.dto';
import type { ReportScope } from './report-scope';

/** The texts that remind a client of an appointment before it (not an offer, not "sorry we missed you"). */
export const PRE_APPOINTMENT_STEPS = [
  'confirmation',
  'three_days_before',
  'evening_before',
  'two_hours_before',
] as const satisfies readonly ReminderStep[];

const GROUPS = [
  'delivered',
  'sentNotConfirmed',
  'notSent',
] as const satisfies readonly (keyof ReminderGroups)[];

const STEPS = `(${PRE_APPOINTMENT_STEPS.map((step) => `'${step}'`).join(', ')})`;

// A pre-appointment text of the appointment reached the phone (reminder.delivered.v1 says which step
// it was), whether or not its sending was recorded: a text whose send outcome was unknown may still
// arrive.
const DELIVERED = `EXISTS (SELECT 1 FROM "referrals"."client_sms_delivery" d
   WHERE d."appointment_id" = a."appointment_id" AND d."org_id" = a."org_id" AND d."client_id" = a."client_id"
     AND d."step" IN ${STEPS})`;

// A pre-appointment text of the appointment was sent, by the client's SMS history (kind `sent`),
// found through the history's (org, client, kind) index.
const SENT = `EXISTS (SELECT 1 FROM "referrals"."client_sms" s
   WHERE s."org_id" = a."org_id" AND s."client_id" = a."client_id" AND s."kind" = 'sent'
     AND s."appointment_id" = a."appointment_id" AND s."step" IN ${STEPS})`;

/**
 * Each appointment in one group: a pre-appointment text reached the phone, texts were sent and none is
 * known to have arrived, or none was sent and none arrived.
 */
const REMINDER_GROUP = `CASE WHEN ${DELIVERED} THEN 'delivered' WHEN ${SENT} THEN 'sentNotConfirmed' ELSE 'notSent' END`;

/** The period's appointments by their pre-appointment reminders: does attendance follow a text that arrived? */
export async function reminderGroups(manager: EntityManager, scope: ReportScope): Promise<ReminderGroups> {
  return everyGroup(GROUPS, await appointmentsSummaryBy(manager, scope, REMINDER_GROUP));
}
