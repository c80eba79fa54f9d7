import { Inject, Injectable } from '@nestjs/common';
import { MoreThan, type EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, inreachSessionWithdrawnV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { lockSlots } from '../slot/lock-slots';
import { markWithdrawn } from '../slot/withdraw-slots';
import { sessionWithdrawalReason } from './session-slots';

type SessionWithdrawn = EventEnvelope<EventData<typeof inreachSessionWithdrawnV1>>;

/**
 * Withdraws the open slots of a session in-reach withdrew that have not ended, taken or not, as an
 * availability exception does: no seat in them is offered or booked again, and the held and booked
 * appointments stay, shown as in a withdrawn slot, until they are moved or cancelled. The slots are
 * locked in id order, as booking locks them, so a booking either committed first or finds its slot
 * withdrawn. slots.withdrawn.v1 goes out for the slots withdrawn here only: a repeat, or a session
 * booking never made slots for, finds none open and changes nothing. Returns how many it withdrew.
 */
@Injectable()
export class WithdrawSessionSlots {
  constructor(
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, event: SessionWithdrawn): Promise<number> {
    const { sessionId, hostOrgId, reason, note } = event.data;
    const now = this.clock.now();
    const open = await lockSlots(manager, {
      inreachSessionId: sessionId,
      orgId: hostOrgId,
      status: 'open',
      endsAt: MoreThan(now),
    });
    return markWithdrawn(manager, this.outbox, open, {
      reason: sessionWithdrawalReason(reason, note),
      exceptionId: null,
      actor: event.actor,
      now,
      includingTaken: true,
    });
  }
}
