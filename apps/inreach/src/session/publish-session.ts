import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { assertChangeable, lockOwnSession } from './load-session';
import { publishSessions } from './session-publication';
import { toSessionView, type SessionView } from './session.dto';
import { SessionError } from './session.errors';

/**
 * Publishes one planned future session: booking makes its slots from the event written with it. A
 * session already published, cancelled or started is refused (409), so a repeat sends nothing twice.
 */
@Injectable()
export class PublishSession {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal, sessionId: string): Promise<SessionView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const session = await lockOwnSession(manager, principal, sessionId);
      if (session.status === 'published') {
        throw new SessionError('SESSION_ALREADY_PUBLISHED', {
          detail: `Session ${session.id} was published at ${session.publishedAt?.toISOString()}`,
        });
      }
      assertChangeable(session, now);
      await publishSessions(manager, this.outbox, [session], {
        actor: { kind: 'user', id: principal.userId },
        now,
      });
      return toSessionView(session);
    });
  }
}
