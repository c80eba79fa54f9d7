import { Inject, Injectable } from '@nestjs/common';
import { MoreThan, type EntityManager } from 'typeorm';
import { AuditTrail } from '@careloop/auth';
import type { EventData, EventEnvelope, inreachSessionWithdrawnV1 } from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { INREACH_CASCADE_USER } from '../appointment/appointment-events';
import { endLapsedHolds, releaseHoldsOfSlots } from '../appointment/end-holds';
import { lockSlots } from '../slot/lock-slots';
import { markWithdrawn } from '../slot/withdraw-slots';
import { recordSessionMoves } from './record-session-moves';
import { sessionWithdrawalReason } from './session-slots';

type SessionWithdrawn = EventEnvelope<EventData<typeof inreachSessionWithdrawnV1>>;

export interface SessionWithdrawal {
  /** Slots withdrawn now: none for a repeat, or a session booking never made slots for. */
  withdrawn: number;
  /** Holds ended: never confirmed, so given back rather than moved. */
  holdsEnded: number;
  /** Booked appointments listed for the cascade to move (session_move rows added). */
  toMove: number;
}

/**
 * Withdraws the open slots of a session in-reach withdrew that have not ended, taken or not, as an
 * availability exception does: no seat in them is offered or booked again. The slots are locked in
 * id order, as booking locks them, so a booking either committed first or finds its slot withdrawn.
 * slots.withdrawn.v1 goes out for the slots withdrawn here only. In the same transaction the holds in
 * them end (lapsed ones as expired, live ones released by the cascade's system user) and every booked
 * appointment still to come is listed in session_move for the cascade
 * (MoveAppointmentsOutOfCancelledSessions), which moves it to the service's next session or asks
 * the keyworker to rebook. A repeat changes and lists nothing.
 */
@Injectable()
export class WithdrawSessionSlots {
  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, event: SessionWithdrawn): Promise<SessionWithdrawal> {
    const { sessionId, hostOrgId, reason, note } = event.data;
    const now = this.clock.now();
    const open = await lockSlots(manager, {
      inreachSessionId: sessionId,
      orgId: hostOrgId,
      status: 'open',
      endsAt: MoreThan(now),
    });
    const withdrawn = await markWithdrawn(manager, this.outbox, open, {
      reason: sessionWithdrawalReason(reason, note),
      exceptionId: null,
      actor: event.actor,
      now,
      includingTaken: true,
    });
    const slotIds = open.map((s) => s.id);
    const deps = { outbox: this.outbox, audit: this.audit };
    const lapsed = await endLapsedHolds(manager, deps, slotIds, now);
    const released = await releaseHoldsOfSlots(
      manager,
      deps,
      slotIds,
      (hold) => ({ userId: INREACH_CASCADE_USER, orgId: hold.orgId, roles: [] }),
      now,
    );
    const toMove = await recordSessionMoves(manager, { sessionId, hostOrgId }, now);
    return { withdrawn, holdsEnded: lapsed.length + released.length, toMove };
  }
}
