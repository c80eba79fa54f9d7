import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { assertChangeable, lockOwnSession } from './load-session';
import { cancelSessions } from './session-publication';
import { bookedClientsIn } from './booked-clients-in';
import { toSessionView, type CancelledSessionView, type CancelSessionBody } from './session.dto';

/**
 * Cancels one future session with staff's reason. A published one is withdrawn from booking
 * (inreach.session-withdrawn.v1, reason "cancelled"): appointments already in its slots stay, shown as
 * in a withdrawn slot until booking moves them to another session. The answer says how many booked
 * clients that is, as far as in-reach has heard from booking. Its series makes no new session on that date.
 */
@Injectable()
export class CancelSession {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal, sessionId: string, body: CancelSessionBody): Promise<CancelledSessionView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const session = await lockOwnSession(manager, principal, sessionId);
      assertChangeable(session, now);
      await cancelSessions(manager, this.outbox, [session], {
        cause: 'cancelled',
        reason: body.reason,
        actor: { kind: 'user', id: principal.userId },
        now,
      });
      return {
        ...toSessionView(session),
        bookedClientsToMove: await bookedClientsIn(manager, session.id, principal.orgId),
      };
    });
  }
}
