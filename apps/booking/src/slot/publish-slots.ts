import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { CLOCK, type Clock } from '@careloop/time';
import { BOOKING_SCHEMA } from '../booking-schema';
import { toSlotView, type PublishedSlotsView, type PublishSlotsBody } from './slot.dto';
import { Slot } from './slot.entity';
import { SlotError } from './slot.errors';
import { slotsNotInFuture } from './slot-rules';

/**
 * A provider publishes slots for its own organisation, all or none; a retried request with the same
 * Idempotency-Key returns the first result instead of publishing twice. Slots carry no client data, so
 * nothing is audited here.
 */
@Injectable()
export class PublishSlots {
  constructor(
    private readonly dataSource: DataSource,
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
    const past = slotsNotInFuture(body.slots, now);
    if (past.length > 0) {
      throw new SlotError('SLOT_IN_THE_PAST', {
        detail: `${past.length} slot(s) do not start in the future`,
        extensions: {
          errors: past.map((i) => ({ path: `slots.${i}.startsAt`, message: 'must be in the future' })),
        },
      });
    }
    const slots = body.slots.map((s) =>
      manager.create(Slot, {
        id: randomUUID(),
        orgId: principal.orgId,
        serviceType: body.serviceType,
        providerName: body.providerName,
        location: body.location,
        startsAt: new Date(s.startsAt),
        endsAt: new Date(s.endsAt),
        capacity: s.capacity,
        booked: 0,
        publishedBy: principal.userId,
        publishedAt: now,
      }),
    );
    await manager.insert(Slot, slots);
    return { published: slots.length, slots: slots.map(toSlotView) };
  }
}
