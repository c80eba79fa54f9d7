import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, inreachSessionPublishedV1, ReservedFor } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import type { SlotTimes } from '@careloop/recurrence';
import { CLOCK, type Clock } from '@careloop/time';
import { exceptionsOverlapping } from '../availability/exceptions-overlapping';
import { insertNewSlots } from '../slot/insert-new-slots';
import { announcePublished, type SlotOrigin } from '../slot/publish-slots';
import { Slot } from '../slot/slot.entity';
import { extentOf, firstOverlap } from '../slot/slot-rules';
import { hostSite, lockServiceSchedule } from './session-host';
import { sessionLocation, sessionSlotTimes } from './session-slots';

type SessionPublished = EventEnvelope<EventData<typeof inreachSessionPublishedV1>>;

/**
 * Makes the bookable slots of a session in-reach published, at most once per session and start
 * whatever the redelivery or re-publication: INSERT ... ON CONFLICT DO NOTHING on UNIQUE
 * (inreach_session_id, starts_at), and slots.published.v1 names only the slots made here, in the
 * consumer's transaction. The slots are on the service's schedule at the host CDAS's site, reserved for
 * the host with no release time, so only its staff see and book them (the reservation rules of search
 * and booking); they are not a clinic's reserved capacity, so no slots.reserved.v1 is sent. Slots are
 * made for the future only and, as for an availability rule, not in an exception of the schedule.
 * Several sessions of one service at once (two rooms) are allowed to overlap on the schedule.
 */
@Injectable()
export class MakeSessionSlots {
  constructor(
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, event: SessionPublished): Promise<Slot[]> {
    const session = event.data;
    const now = this.clock.now();
    const times = sessionSlotTimes(session).filter((t) => t.startsAt > now);
    const site = await hostSite(manager, session);
    if (times.length === 0) return [];
    const onSchedule = await lockServiceSchedule(manager, session, site, event.actor.id, now);
    const clear = await outsideExceptions(manager, onSchedule.schedule.id, times);

    const origin: SlotOrigin = {
      ...onSchedule,
      ruleId: null,
      reservation: null,
      publishedBy: event.actor.id,
      publishedAt: now,
    };
    const made = await insertSessionSlots(manager, origin, event.data, clear);
    await announcePublished(manager, this.outbox, origin, made, event.actor);
    return made;
  }
}

async function outsideExceptions(
  manager: EntityManager,
  scheduleId: string,
  times: readonly SlotTimes[],
): Promise<SlotTimes[]> {
  if (times.length === 0) return [];
  const extent = extentOf(times);
  const exceptions = await exceptionsOverlapping(manager, scheduleId, extent.startsAt, extent.endsAt);
  return times.filter((t) => !firstOverlap(t, exceptions));
}

/** Inserts the session's slots (insertNewSlots); returns those inserted (not there already). */
async function insertSessionSlots(
  manager: EntityManager,
  origin: SlotOrigin,
  session: SessionPublished['data'],
  times: readonly SlotTimes[],
): Promise<Slot[]> {
  if (times.length === 0) return [];
  const { schedule, site } = origin;
  const reservedFor: ReservedFor = { kind: 'organisation', orgId: session.hostOrgId };
  const slots = times.map((t) =>
    manager.create(Slot, {
      id: randomUUID(),
      orgId: schedule.orgId,
      scheduleId: schedule.id,
      siteId: site.id,
      ruleId: null,
      serviceType: session.serviceType,
      providerName: session.providerName,
      location: sessionLocation(site.address, session.roomName),
      startsAt: t.startsAt,
      endsAt: t.endsAt,
      capacity: session.seatsPerSlot,
      taken: 0,
      status: 'open',
      withdrawnReason: null,
      withdrawnAt: null,
      reservedFor,
      releaseAt: null,
      releasedAt: null,
      inreachSessionId: session.sessionId,
      publishedBy: origin.publishedBy,
      publishedAt: origin.publishedAt,
    }),
  );
  return insertNewSlots(manager, slots, 'slot_once_per_inreach_session');
}
