import type { EntityManager } from 'typeorm';
import type { TimelineEntry } from '../timeline/timeline-entry';
import { iso, type TimelineSource, type TimelineWindow } from '../timeline/timeline-source';
import { deliveryFailedSummary } from './sms-summary';
import { smsRefs, smsTimelineRows } from './sms-timeline-rows';

/** Each SMS that did not reach the client (undelivered, failed) or whose fate is unknown. */
export const smsDeliveryFailedSource: TimelineSource = {
  kind: 'sms_delivery_failed',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows = await smsTimelineRows(manager, window, 'sms_delivery_failed', 'delivery_failed');
    return rows.map((r) => ({
      kind: 'sms_delivery_failed',
      id: r.id,
      occurredAt: iso(r.at),
      summary: deliveryFailedSummary(r.outcome ?? 'unknown', r.error_code, r.sent_text),
      refs: smsRefs(r),
    }));
  },
};
