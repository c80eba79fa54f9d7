import type { EntityManager } from 'typeorm';
import type { TimelineEntry } from '../timeline/timeline-entry';
import { iso, type TimelineSource, type TimelineWindow } from '../timeline/timeline-source';
import { careEventRefs, careEventTimelineRows, type CareEventTimelineRow } from './care-event-timeline-rows';
import { OFFER_EVENT_KINDS } from './client-care-event.entity';
import {
  offerEndedSummary,
  offerMadeSummary,
  offerTakenSummary,
  type OfferedAppointment,
} from './offer-summary';

/**
 * An in-reach waiting-list offer, each step when it happened: a seat offered (until when), the offer
 * taken (booked), or declined, released or expired (the client waits for the next seat).
 */
export const inreachOfferSource: TimelineSource = {
  kind: 'inreach_offer',
  async entries(manager: EntityManager, window: TimelineWindow): Promise<TimelineEntry[]> {
    const rows = await careEventTimelineRows(manager, window, 'inreach_offer', OFFER_EVENT_KINDS);
    return rows.map((r) => ({
      kind: 'inreach_offer',
      id: r.id,
      occurredAt: iso(r.at),
      summary: summary(r),
      refs: careEventRefs(r),
      by: r.by,
    }));
  },
};

function offered(r: CareEventTimelineRow): OfferedAppointment | null {
  if (!r.provider_name || !r.service_type || !r.starts_at) return null;
  return { providerName: r.provider_name, serviceType: r.service_type, startsAt: new Date(r.starts_at) };
}

function summary(r: CareEventTimelineRow): string {
  switch (r.kind) {
    case 'offer_made':
      return offerMadeSummary({ ...offered(r)!, location: r.location!, expiresAt: new Date(r.expires_at!) });
    case 'offer_taken':
      return offerTakenSummary(offered(r)!);
    default:
      return offerEndedSummary(r.end_reason!, offered(r));
  }
}
