import type { EntityManager } from 'typeorm';
import type { TimelineEntry } from '../timeline/timeline-entry';
import { iso, type TimelineSource, type TimelineWindow } from '../timeline/timeline-source';
import { careEventRefs, careEventTimelineRows } from './care-event-timeline-rows';
import { walkInSummary } from './care-event-summary';

/** A visit to an in-reach session without a booking, placed when the client was seen. */
export const walkInSource: TimelineSource = {
  kind: 'walk_in',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows = await careEventTimelineRows(manager, window, 'walk_in', 'walk_in');
    return rows.map((r) => ({
      kind: 'walk_in',
      id: r.id,
      occurredAt: iso(r.at),
      summary: walkInSummary(r.service_name!),
      refs: careEventRefs(r),
      by: r.by,
    }));
  },
};
