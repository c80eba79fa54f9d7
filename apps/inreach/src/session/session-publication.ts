import { In, type EntityManager } from 'typeorm';
import {
  inreachSessionPublishedV1,
  inreachSessionWithdrawnV1,
  type Actor,
  type InreachSession,
} from '@careloop/contracts';
import type { Outbox } from '@careloop/messaging';
import { markOffersDue } from '../offer/offer-due';
import { Room } from '../room/room.entity';
import { InreachService } from '../service/inreach-service.entity';
import type { CancellationCause, Session } from './session.entity';

export interface PublicationChange {
  actor: Actor;
  now: Date;
}

export interface Cancellation extends PublicationChange {
  cause: CancellationCause;
  /** In staff's words; sent to booking as the withdrawal's note when the session was published. */
  reason: string;
}

/**
 * Publishes planned sessions (held by the caller's transaction): each becomes `published` and
 * inreach.session-published.v1 goes into the outbox with it, keyed by the session, so booking makes
 * its slots once the change commits and never for a change that rolled back. Their services' offers
 * become due with it: the new seats go to the waiting clients.
 */
export async function publishSessions(
  manager: EntityManager,
  outbox: Outbox,
  sessions: readonly Session[],
  { actor, now }: PublicationChange,
): Promise<void> {
  if (sessions.length === 0) return;
  await manager.query(
    `UPDATE "inreach"."session" SET "status" = 'published', "published_at" = $2 WHERE "id" = ANY($1::uuid[])`,
    [sessions.map((s) => s.id), now],
  );
  const { services, rooms } = await settingsOf(manager, sessions);
  for (const session of sessions) {
    session.status = 'published';
    session.publishedAt = now;
    const service = services.get(session.serviceId)!;
    await outbox.add(manager, inreachSessionPublishedV1, {
      subjectId: session.id,
      orgId: service.hostOrgId,
      actor,
      occurredAt: now,
      data: publishedSession(session, service, rooms.get(session.roomId)!),
    });
  }
  await markOffersDue(
    manager,
    sessions.map((s) => s.serviceId),
    now,
  );
}

/**
 * Cancels live sessions (held by the caller's transaction). Those booking knew of are withdrawn:
 * inreach.session-withdrawn.v1 ("series_changed" when an edit replaced them, "cancelled" otherwise)
 * goes into the outbox with the change, and their services' offers become due (booking moves the
 * session's clients elsewhere; offers on it stay until booking ends their holds, which makes the
 * service due again). A planned one was in-reach's alone: nothing is sent.
 */
export async function cancelSessions(
  manager: EntityManager,
  outbox: Outbox,
  sessions: readonly Session[],
  { cause, reason, actor, now }: Cancellation,
): Promise<void> {
  if (sessions.length === 0) return;
  await manager.query(
    `UPDATE "inreach"."session" SET "status" = 'cancelled', "cancelled_because" = $2, "cancel_reason" = $3,
       "cancelled_at" = $4, "cancelled_by" = $5 WHERE "id" = ANY($1::uuid[])`,
    [sessions.map((s) => s.id), cause, reason, now, actor.id],
  );
  const published = sessions.filter((s) => s.status === 'published');
  const { services } = await settingsOf(manager, published);
  for (const session of sessions) {
    const wasPublished = session.status === 'published';
    Object.assign(session, {
      status: 'cancelled',
      cancelledBecause: cause,
      cancelReason: reason,
      cancelledAt: now,
      cancelledBy: actor.id,
    });
    if (!wasPublished) continue;
    const hostOrgId = services.get(session.serviceId)!.hostOrgId;
    await outbox.add(manager, inreachSessionWithdrawnV1, {
      subjectId: session.id,
      orgId: hostOrgId,
      actor,
      occurredAt: now,
      data: {
        sessionId: session.id,
        hostOrgId,
        reason: cause === 'series_changed' ? 'series_changed' : 'cancelled',
        note: reason,
        withdrawnAt: now.toISOString(),
      },
    });
  }
  await markOffersDue(
    manager,
    published.map((s) => s.serviceId),
    now,
  );
}

/** The session as booking needs it to make its slots. */
export function publishedSession(session: Session, service: InreachService, room: Room): InreachSession {
  return {
    sessionId: session.id,
    seriesId: session.seriesId,
    serviceId: service.id,
    serviceType: service.serviceType,
    serviceName: service.name,
    providerName: service.providerName,
    hostOrgId: service.hostOrgId,
    siteId: service.siteId,
    roomName: room.name,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    slotMinutes: session.slotMinutes,
    seatsPerSlot: session.seatsPerSlot,
    walkInAllowance: session.walkInAllowance,
  };
}

async function settingsOf(
  manager: EntityManager,
  sessions: readonly Session[],
): Promise<{ services: Map<string, InreachService>; rooms: Map<string, Room> }> {
  if (sessions.length === 0) return { services: new Map(), rooms: new Map() };
  const services = await manager.findBy(InreachService, {
    id: In([...new Set(sessions.map((s) => s.serviceId))]),
  });
  const rooms = await manager.findBy(Room, { id: In([...new Set(sessions.map((s) => s.roomId))]) });
  return {
    services: new Map(services.map((s) => [s.id, s])),
    rooms: new Map(rooms.map((r) => [r.id, r])),
  };
}
