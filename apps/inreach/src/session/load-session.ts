import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { InreachService } from '../service/inreach-service.entity';
import { Session } from './session.entity';
import { SessionError } from './session.errors';

/**
 * A session of one of the caller's organisation's services, held FOR UPDATE until commit so a
 * publication and a cancellation of it run one after the other. Another organisation's session is
 * answered as missing and never locked.
 */
export async function lockOwnSession(
  manager: EntityManager,
  principal: Pick<Principal, 'orgId'>,
  id: string,
): Promise<Session> {
  const session = await manager
    .getRepository(Session)
    .createQueryBuilder('session')
    .innerJoin(InreachService, 'service', 'service.id = session.serviceId AND service.hostOrgId = :orgId', {
      orgId: principal.orgId,
    })
    .where('session.id = :id', { id })
    .setLock('pessimistic_write', undefined, ['session'])
    .getOne();
  if (!session) throw new SessionError('SESSION_NOT_FOUND', { detail: `No in-reach session ${id}` });
  return session;
}

/** Refuses a change to a session that has started (past sessions never change) or is cancelled. */
export function assertChangeable(session: Session, now: Date): void {
  if (session.status === 'cancelled') {
    throw new SessionError('SESSION_CANCELLED', {
      detail: `Session ${session.id} was cancelled at ${session.cancelledAt?.toISOString()}`,
    });
  }
  if (session.startsAt.getTime() <= now.getTime()) {
    throw new SessionError('SESSION_STARTED', {
      detail: `Session ${session.id} started at ${session.startsAt.toISOString()}`,
    });
  }
}
