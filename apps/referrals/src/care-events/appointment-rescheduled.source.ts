import type { EntityManager } from 'typeorm';
import type { TimelineEntry } from '../timeline/timeline-entry';
import { iso, type TimelineSource, type TimelineWindow } from '../timeline/timeline-source';
import { careEventRefs, careEventTimelineRows } from './care-event-timeline-rows';
import { rescheduledSummary } from './care-event-summary';

/** Each move of an appointment to another time, when it was moved and by whom (staff or the cascade). */
export const appointmentRescheduledSource: TimelineSource = {
  kind: 'appointment_rescheduled',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows = await careEventTimelineRows(
      manager,
      window,
      'appointment_rescheduled',
      'appointment_rescheduled',
    );
    return rows.map((r) => ({
      kind: 'appointment_rescheduled',
      id: r.id,
      occurredAt: iso(r.at),
      summary: rescheduledSummary({
        providerName: r.provider_name ?? 'the provider',
        serviceType: r.service_type ?? 'appointment',
        previousStartsAt: new Date(r.previous_starts_at!),
        startsAt: new Date(r.starts_at!),
        location: r.location!,
      }),
      refs: careEventRefs(r),
      by: r.by,
    }));
  },
};
