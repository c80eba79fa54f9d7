import type { EntityManager } from 'typeorm';
import type { TimelineEntry } from '../timeline/timeline-entry';
import { iso, type TimelineSource, type TimelineWindow } from '../timeline/timeline-source';
import { replySummary } from './sms-summary';
import { smsRefs, smsTimelineRows } from './sms-timeline-rows';

/** Each SMS the client sent back, as received, with how it was read. */
export const smsReplySource: TimelineSource = {
  kind: 'sms_reply',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows = await smsTimelineRows(manager, window, 'sms_reply', 'reply');
    return rows.map((r) => ({
      kind: 'sms_reply',
      id: r.id,
      occurredAt: iso(r.at),
      summary: replySummary(r.intent ?? 'other', r.text ?? ''),
      refs: smsRefs(r),
    }));
  },
};
