import type { EntityManager } from 'typeorm';
import type { ReminderStep, ReplyIntent } from '@careloop/contracts';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import type { TimelineKind, TimelineRefs } from '../timeline/timeline-entry';
import { pageSql, windowParams, type TimelineWindow } from '../timeline/timeline-source';
import type { ClientSmsKind, DeliveryFailure } from './client-sms.entity';

export interface SmsTimelineRow {
  id: string;
  at: Date;
  appointment_id: string | null;
  step: ReminderStep | null;
  text: string | null;
  intent: ReplyIntent | null;
  outcome: DeliveryFailure | null;
  error_code: string | null;
  /** For a delivery failure: the text of the message that failed, when its sending was reported. */
  sent_text: string | null;
}

const S = `"${REFERRALS_SCHEMA}"`;

/**
 * One page of the client's SMS facts of one kind, in the timeline's order after the cursor, scoped to
 * the caller's organisation (the window's). Shared by the three SMS timeline sources.
 */
export async function smsTimelineRows(
  manager: EntityManager,
  window: TimelineWindow,
  timelineKind: TimelineKind,
  smsKind: ClientSmsKind,
): Promise<SmsTimelineRow[]> {
  const page = pageSql(timelineKind, 's."at"', 's."id"');
  return manager.query(
    `SELECT s."id"::text AS id, s."at", s."appointment_id"::text AS appointment_id, s."step", s."text",
            s."intent", s."outcome", s."error_code", sent."text" AS sent_text
       FROM ${S}."client_sms" s
       LEFT JOIN ${S}."client_sms" sent
         ON sent."kind" = 'sent' AND sent."message_id" = s."message_id" AND sent."client_id" = s."client_id"
        AND s."kind" = 'delivery_failed'
      WHERE s."org_id" = $1 AND s."client_id" = $2 AND s."kind" = $7 AND ${page.after}
      ORDER BY ${page.order}`,
    [...windowParams(window), smsKind],
  );
}

export function smsRefs(row: SmsTimelineRow): TimelineRefs {
  return row.appointment_id ? { appointmentId: row.appointment_id } : {};
}
