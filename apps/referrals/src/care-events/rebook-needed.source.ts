import type { EntityManager } from 'typeorm';
import type { TimelineEntry } from '../timeline/timeline-entry';
import { iso, type TimelineSource, type TimelineWindow } from '../timeline/timeline-source';
import { careEventRefs, careEventTimelineRows } from './care-event-timeline-rows';
import { rebookNeededSummary } from './care-event-summary';

/** An appointment left in a cancelled in-reach session with nowhere to move it: the keyworker rebooks. */
export const rebookNeededSource: TimelineSource = {
  kind: 'appointment_rebook_needed',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows = await careEventTimelineRows(manager, window, 'appointment_rebook_needed', 'rebook_needed');
    return rows.map((r) => ({
      kind: 'appointment_rebook_needed',
      id: r.id,
      occurredAt: iso(r.at),
      summary: rebookNeededSummary({
        providerName: r.provider_name!,
        serviceType: r.service_type!,
        startsAt: new Date(r.starts_at!),
      }),
      refs: careEventRefs(r),
      by: r.by,
    }));
  },
};
