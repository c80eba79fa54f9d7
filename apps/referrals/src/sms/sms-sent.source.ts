import type { EntityManager } from 'typeorm';
import type { TimelineEntry } from '../timeline/timeline-entry';
import { iso, type TimelineSource, type TimelineWindow } from '../timeline/timeline-source';
import { REMINDERS_SYSTEM_USER } from './reminders-actor';
import { sentSummary } from './sms-summary';
import { smsRefs, smsTimelineRows } from './sms-timeline-rows';

/** Each SMS the reminders service sent the client, with its exact text, when it was sent. */
export const smsSentSource: TimelineSource = {
  kind: 'sms_sent',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows = await smsTimelineRows(manager, window, 'sms_sent', 'sent');
    return rows.map((r) => ({
      kind: 'sms_sent',
      id: r.id,
      occurredAt: iso(r.at),
      summary: sentSummary(r.step, r.text ?? ''),
      refs: smsRefs(r),
      by: REMINDERS_SYSTEM_USER,
    }));
  },
};
