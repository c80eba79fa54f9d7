import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { inreachWalkInRecordedV1 } from '@careloop/contracts';
import { createOnce, type IdempotentOutcome } from '@careloop/http';
import { Outbox } from '@careloop/messaging';
import { CLOCK, type Clock } from '@careloop/time';
import { auditEntryBy } from '../audit-entry-by';
import { InreachClient } from '../client/inreach-client.entity';
import { INREACH_SCHEMA } from '../inreach-schema';
import { InreachService } from '../service/inreach-service.entity';
import { lockOwnSession } from '../session/load-session';
import type { Session } from '../session/session.entity';
import { toWalkInView, type RecordWalkInBody, type WalkInView } from './walk-in.dto';
import { WalkIn } from './walk-in.entity';
import { WalkInError } from './walk-in.errors';
import { seenAtFor, walkInRefusal } from './walk-in-window';

/**
 * Records a client of the host CDAS seen at a session without a booking, and announces it
 * (inreach.walk-in-recorded.v1, through the outbox). The session's row stays locked from the first
 * read to the commit, so of two requests for the last place the second counts the first's walk-in and
 * is refused: the allowance is never exceeded.
 */
@Injectable()
export class RecordWalkIn {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(
    principal: Principal,
    sessionId: string,
    body: RecordWalkInBody,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentOutcome<WalkInView>> {
    return this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        INREACH_SCHEMA,
        { caller: principal, operation: `record-walk-in:${sessionId}`, key: idempotencyKey, body },
        () => this.record(manager, principal, sessionId, body),
        (replayed) => this.auditRead(manager, principal, replayed),
      ),
    );
  }

  private async record(
    manager: EntityManager,
    principal: Principal,
    sessionId: string,
    body: RecordWalkInBody,
  ): Promise<WalkInView> {
    const now = this.clock.now();
    const session = await lockOwnSession(manager, principal, sessionId);
    const seenAt = this.seenAt(session, now, body);
    const client = await manager.findOneBy(InreachClient, {
      clientId: body.clientId,
      orgId: principal.orgId,
    });
    if (!client) {
      throw new WalkInError('CLIENT_NOT_FOUND', {
        detail: `No client ${body.clientId} of your organisation known to in-reach`,
        extensions: { clientId: body.clientId },
      });
    }
    const walkInsRecorded = await this.checkPlaceFor(manager, session, body.clientId);

    const walkIn = manager.create(WalkIn, {
      id: randomUUID(),
      sessionId: session.id,
      clientId: body.clientId,
      seenAt,
      note: body.note ?? null,
      recordedBy: principal.userId,
      recordedAt: now,
    });
    await manager.insert(WalkIn, walkIn);
    const service = await manager.findOneByOrFail(InreachService, { id: session.serviceId });
    await this.outbox.add(manager, inreachWalkInRecordedV1, {
      subjectId: walkIn.id,
      orgId: service.hostOrgId,
      actor: { kind: 'user', id: principal.userId },
      occurredAt: now,
      data: {
        walkInId: walkIn.id,
        sessionId: session.id,
        serviceId: service.id,
        serviceType: service.serviceType,
        serviceName: service.name,
        clientId: walkIn.clientId,
        hostOrgId: service.hostOrgId,
        seenAt: seenAt.toISOString(),
        recordedBy: principal.userId,
      },
    });
    await this.audit.record(
      manager,
      INREACH_SCHEMA,
      auditEntryBy(principal, {
        action: 'create',
        subjectType: 'walk_in',
        subjectId: walkIn.id,
        clientId: walkIn.clientId,
        details: { sessionId: session.id, fields: body.note ? ['seenAt', 'note'] : ['seenAt'] },
        occurredAt: now,
      }),
    );
    return toWalkInView(walkIn, {
      walkInsRecorded: walkInsRecorded + 1,
      walkInAllowance: session.walkInAllowance,
    });
  }

  /** The session must be published, not cancelled, and on its day; the time seen, as given or now, on that day. */
  private seenAt(session: Session, now: Date, body: RecordWalkInBody): Date {
    const refusal = walkInRefusal(session, now);
    if (refusal === 'session_cancelled') {
      throw new WalkInError('WALK_IN_SESSION_CANCELLED', { detail: `Session ${session.id} was cancelled` });
    }
    if (refusal === 'session_not_published') {
      throw new WalkInError('WALK_IN_SESSION_NOT_PUBLISHED', {
        detail: `Session ${session.id} is planned but was never published`,
      });
    }
    if (refusal === 'not_on_session_day') {
      throw new WalkInError('WALK_IN_NOT_ON_SESSION_DAY', {
        detail: `Session ${session.id} is on ${session.sessionDate}; walk-ins are recorded that day or within a day of its end`,
        extensions: { sessionDate: session.sessionDate },
      });
    }
    const seen = seenAtFor(session, now, body.seenAt === undefined ? undefined : new Date(body.seenAt));
    if (seen.problem !== undefined) {
      throw new WalkInError('WALK_IN_SEEN_AT_INVALID', {
        detail: `seenAt ${seen.problem}`,
        extensions: { errors: [{ path: 'seenAt', message: seen.problem, in: 'body' }] },
      });
    }
    return seen.seenAt;
  }

  /**
   * Under the session's lock: the client is not already a walk-in or booked here, and a place is left.
   * A booking whose outcome is recorded as anything but attended (did not attend, left before being
   * seen, cancelled late) does not count: the client may still turn up later that day. Returns the
   * walk-ins recorded so far.
   */
  private async checkPlaceFor(manager: EntityManager, session: Session, clientId: string): Promise<number> {
    const [counts] = (await manager.query(
      `SELECT
         (SELECT count(*)::int FROM "inreach"."walk_in" WHERE "session_id" = $1) AS "recorded",
         EXISTS (SELECT 1 FROM "inreach"."walk_in" WHERE "session_id" = $1 AND "client_id" = $2) AS "already",
         EXISTS (SELECT 1 FROM "inreach"."session_appointment"
                  WHERE "session_id" = $1 AND "client_id" = $2 AND "status" = 'booked'
                    AND "attendance" IS NULL) AS "booked",
         EXISTS (SELECT 1 FROM "inreach"."session_appointment"
                  WHERE "session_id" = $1 AND "client_id" = $2 AND "status" = 'booked'
                    AND "attendance" = 'attended') AS "attended"`,
      [session.id, clientId],
    )) as { recorded: number; already: boolean; booked: boolean; attended: boolean }[];
    const { recorded, already, booked, attended } = counts!;
    if (already) {
      throw new WalkInError('WALK_IN_ALREADY_RECORDED', {
        detail: `Client ${clientId} is already recorded as a walk-in at session ${session.id}`,
      });
    }
    if (booked) {
      throw new WalkInError('CLIENT_BOOKED_IN_SESSION', {
        detail: `Client ${clientId} is booked into session ${session.id}: record their attendance in booking instead`,
      });
    }
    if (attended) {
      throw new WalkInError('CLIENT_BOOKED_IN_SESSION', {
        detail: `Client ${clientId} was seen at their appointment in session ${session.id}`,
      });
    }
    if (recorded >= session.walkInAllowance) {
      throw new WalkInError('WALK_INS_FULL', {
        detail: `Session ${session.id} allows ${session.walkInAllowance} walk-ins and has ${recorded}`,
        extensions: { walkInAllowance: session.walkInAllowance, walkInsRecorded: recorded },
      });
    }
    return recorded;
  }

  /** A replayed answer shows the walk-in again: a read of the client's record. */
  private async auditRead(manager: EntityManager, principal: Principal, view: WalkInView): Promise<void> {
    await this.audit.record(
      manager,
      INREACH_SCHEMA,
      auditEntryBy(principal, {
        action: 'read',
        subjectType: 'walk_in',
        subjectId: view.id,
        clientId: view.clientId,
        reason: 'Idempotency-Key replay',
        occurredAt: this.clock.now(),
      }),
    );
  }
}
