import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { slotsPublishedV1, slotsReservedV1, type Actor, type ReservedFor } from '@careloop/contracts';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { exceptionsOverlapping } from '../availability/exceptions-overlapping';
import { BOOKING_SCHEMA } from '../booking-schema';
import { ReservationError } from '../reservation/reservation.errors';
import { releaseAtFor, releaseHasPassed } from '../reservation/reservation-rules';
import { assertReservationTarget } from '../reservation/reservation-target';
import { loadOwnSchedule, type ScheduleOnSite } from '../schedule/load-schedule';
import { insertNewSlots } from './insert-new-slots';
import { openSlotsOverlapping } from './open-slots-overlapping';
import { toSlotView, type PublishedSlotsView, type PublishSlotsBody } from './slot.dto';
import { Slot } from './slot.entity';
import { SlotError } from './slot.errors';
import {
  extentOf,
  firstOverlap,
  inBatches,
  overlapsWithin,
  SLOT_EVENT_BATCH,
  slotsNotInFuture,
  type TimeSpan,
} from './slot-rules';

/** Where new slots come from: a schedule (and its site), a rule if any, and who published them. */
export interface SlotOrigin extends ScheduleOnSite {
  ruleId: string | null;
  reservation: { reservedFor: ReservedFor; releaseBeforeMinutes: number | null } | null;
  publishedBy: string;
  publishedAt: Date;
}

export interface NewSlotTimes extends TimeSpan {
  capacity: number;
}

/**
 * A provider publishes slots on one of its own schedules, all or none: provider name, service type,
 * site and location are copied from the schedule and its site. Slots must be in the future, clear of
 * the schedule's exceptions, and overlap neither each other nor an open slot of the schedule (more
 * seats at one time are a slot's capacity). A reservation must name an organisation booking knows,
 * not the caller's own, and not release before now. The schedule row is held FOR UPDATE until commit,
 * so a concurrent publication or exception on the schedule waits and then sees these slots: two
 * overlapping publications cannot both succeed, and an exception never misses a slot. The slots,
 * slots.published.v1 and (when reserved) slots.reserved.v1 commit together; a retried request with the
 * same Idempotency-Key returns the first result. Slots carry no client data, so nothing is audited.
 */
@Injectable()
export class PublishSlots {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    body: PublishSlotsBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<PublishedSlotsView>> {
    return this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        BOOKING_SCHEMA,
        { caller: principal, operation: 'publish-slots', key: idempotencyKey, body },
        () => this.publish(manager, principal, body),
      ),
    );
  }

  private async publish(
    manager: EntityManager,
    principal: Principal,
    body: PublishSlotsBody,
  ): Promise<PublishedSlotsView> {
    const now = this.clock.now();
    const onSchedule = await loadOwnSchedule(manager, principal, body.scheduleId, { lock: true });
    const past = slotsNotInFuture(body.slots, now);
    if (past.length > 0) {
      throw new SlotError('SLOT_IN_THE_PAST', {
        detail: `${past.length} slot(s) do not start in the future`,
        extensions: {
          errors: past.map((i) => ({ path: `slots.${i}.startsAt`, message: 'must be in the future' })),
        },
      });
    }
    const times: NewSlotTimes[] = body.slots.map((s) => ({
      startsAt: new Date(s.startsAt),
      endsAt: new Date(s.endsAt),
      capacity: s.capacity,
    }));
    if (body.reservation) {
      await assertReservationTarget(
        manager,
        principal,
        body.reservation.reservedFor,
        'reservation.reservedFor.orgId',
      );
      assertReleaseAhead(times, body.reservation.releaseBeforeMinutes ?? null, now);
    }
    await assertClearOfExceptions(manager, onSchedule.schedule.id, times);
    await assertNoOverlaps(manager, onSchedule.schedule.id, times);

    const origin: SlotOrigin = {
      ...onSchedule,
      ruleId: null,
      reservation: body.reservation
        ? {
            reservedFor: body.reservation.reservedFor,
            releaseBeforeMinutes: body.reservation.releaseBeforeMinutes ?? null,
          }
        : null,
      publishedBy: principal.userId,
      publishedAt: now,
    };
    const slots = await insertSlots(manager, origin, times);
    await announcePublished(manager, this.outbox, origin, slots, { kind: 'user', id: principal.userId });
    return { published: slots.length, slots: slots.map(toSlotView) };
  }
}

async function assertClearOfExceptions(
  manager: EntityManager,
  scheduleId: string,
  times: readonly NewSlotTimes[],
): Promise<void> {
  const extent = extentOf(times);
  const exceptions = await exceptionsOverlapping(manager, scheduleId, extent.startsAt, extent.endsAt);
  const clashes = times.flatMap((slot, i) => {
    const exception = firstOverlap(slot, exceptions);
    return exception ? [{ path: `slots.${i}`, message: `falls in the exception "${exception.reason}"` }] : [];
  });
  if (clashes.length > 0) {
    throw new SlotError('SLOTS_IN_EXCEPTION', {
      detail: `Slot(s) ${clashes.map((c) => c.path.slice('slots.'.length)).join(', ')} fall in an exception of the schedule`,
      extensions: { errors: clashes },
    });
  }
}

/** Refuses a lead that releases some slot at once: the reservation would only hide it until the timer ran. */
function assertReleaseAhead(
  times: readonly NewSlotTimes[],
  releaseBeforeMinutes: number | null,
  now: Date,
): void {
  const passed = times.flatMap((t, i) =>
    releaseHasPassed(releaseAtFor(t.startsAt, releaseBeforeMinutes), now) ? [i] : [],
  );
  if (passed.length === 0) return;
  throw new ReservationError('RELEASE_TIME_PASSED', {
    detail: `Slot(s) ${passed.join(', ')} would be released ${releaseBeforeMinutes} minutes before their start, which has passed`,
    extensions: {
      indexes: passed,
      errors: passed.map((i) => ({ path: `slots.${i}`, message: 'its release time has already passed' })),
    },
  });
}

/** Refuses slots overlapping another of the request or an open slot of the (locked) schedule. */
async function assertNoOverlaps(
  manager: EntityManager,
  scheduleId: string,
  times: readonly NewSlotTimes[],
): Promise<void> {
  const extent = extentOf(times);
  const open = await openSlotsOverlapping(manager, scheduleId, extent.startsAt, extent.endsAt);
  const clashes = new Map<number, { message: string; slotId?: string }>();
  for (const { index, overlapsIndex } of overlapsWithin(times)) {
    clashes.set(index, { message: `overlaps slots.${overlapsIndex} of this request` });
  }
  times.forEach((slot, i) => {
    const existing = firstOverlap(slot, open);
    if (existing) clashes.set(i, { message: `overlaps the open slot ${existing.id}`, slotId: existing.id });
  });
  if (clashes.size === 0) return;
  const indexes = [...clashes.keys()].sort((a, b) => a - b);
  const slotIds = [...new Set(indexes.flatMap((i) => clashes.get(i)!.slotId ?? []))];
  throw new SlotError('SLOTS_OVERLAP', {
    detail: `Slot(s) ${indexes.join(', ')} overlap another slot of the request or of the schedule`,
    extensions: {
      indexes,
      slotIds,
      errors: indexes.map((i) => ({ path: `slots.${i}`, message: clashes.get(i)!.message })),
    },
  });
}

/**
 * Inserts slots on the origin's schedule (insertNewSlots) and returns those inserted, in the given
 * order. A rule's slot that already exists (unique rule and start) is skipped, not an error: that is
 * what makes materialising a rule twice, or from two processes at once, harmless. With a reservation,
 * a slot whose release time is already past at `publishedAt` is made open to all instead: the timer
 * would release it on its next run anyway (publishing refuses such a request before it gets here;
 * a rule's first days can fall inside its lead).
 */
export async function insertSlots(
  manager: EntityManager,
  origin: SlotOrigin,
  times: readonly NewSlotTimes[],
): Promise<Slot[]> {
  if (times.length === 0) return [];
  const { schedule, site, reservation } = origin;
  const slots = times.map((t) => {
    const releaseAt = reservation ? releaseAtFor(t.startsAt, reservation.releaseBeforeMinutes) : null;
    const reserved = reservation !== null && !releaseHasPassed(releaseAt, origin.publishedAt);
    return manager.create(Slot, {
      id: randomUUID(),
      orgId: schedule.orgId,
      scheduleId: schedule.id,
      siteId: site.id,
      ruleId: origin.ruleId,
      serviceType: schedule.serviceType,
      providerName: schedule.name,
      location: site.address,
      startsAt: t.startsAt,
      endsAt: t.endsAt,
      capacity: t.capacity,
      taken: 0,
      status: 'open',
      withdrawnReason: null,
      withdrawnAt: null,
      reservedFor: reserved ? reservation.reservedFor : null,
      releaseAt: reserved ? releaseAt : null,
      releasedAt: null,
      inreachSessionId: null,
      publishedBy: origin.publishedBy,
      publishedAt: origin.publishedAt,
    });
  });
  return insertNewSlots(manager, slots, 'slot_once_per_rule');
}

/**
 * slots.published.v1 for slots just made on one schedule, and slots.reserved.v1 for those of them
 * made reserved, in batches the contract allows; keyed by the schedule, from the provider organisation.
 */
export async function announcePublished(
  manager: EntityManager,
  outbox: Outbox,
  origin: SlotOrigin,
  slots: readonly Slot[],
  actor: Actor,
): Promise<void> {
  const { schedule, site, reservation } = origin;
  const inOrder = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const envelope = { subjectId: schedule.id, orgId: schedule.orgId, actor, occurredAt: origin.publishedAt };
  for (const batch of inBatches(inOrder, SLOT_EVENT_BATCH)) {
    await outbox.add(manager, slotsPublishedV1, {
      ...envelope,
      data: {
        scheduleId: schedule.id,
        slotIds: batch.map((s) => s.id),
        siteId: site.id,
        serviceType: schedule.serviceType,
        ruleId: origin.ruleId,
        firstStartsAt: batch[0]!.startsAt.toISOString(),
        lastStartsAt: batch[batch.length - 1]!.startsAt.toISOString(),
        seats: batch.reduce((sum, s) => sum + s.capacity, 0),
      },
    });
  }
  if (!reservation) return;
  const reserved = inOrder.filter((s) => s.reservedFor !== null);
  for (const batch of inBatches(reserved, SLOT_EVENT_BATCH)) {
    await outbox.add(manager, slotsReservedV1, {
      ...envelope,
      data: {
        scheduleId: schedule.id,
        slotIds: batch.map((s) => s.id),
        reservedFor: reservation.reservedFor,
        releaseBeforeMinutes: reservation.releaseBeforeMinutes,
      },
    });
  }
}
