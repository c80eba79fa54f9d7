import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import type { AttendanceOutcome } from '@careloop/contracts';
import { CLOCK, type Clock } from '@careloop/time';
import { auditEntryBy } from '../audit-entry-by';
import { INREACH_SCHEMA } from '../inreach-schema';
import type { DaySheetClient, DaySheetView } from './day-sheet.view';
import { visibleSession, type VisibleSession } from './visible-session';

export type DaySheetFormat = 'json' | 'html';

interface ClientColumns {
  client_id: string;
  given_name: string | null;
  family_name: string | null;
  preferred_name: string | null;
  date_of_birth: string | null;
  nhs_number: string | null;
  keyworker_id: string | null;
}

/** What every day sheet shows of a client, named in its audit entries. */
const CLIENT_FIELDS = ['name', 'preferredName', 'dateOfBirth', 'nhsNumber', 'keyworkerId'];

/**
 * One session's day sheet, for the host CDAS's staff and the visiting organisation's. Every read is
 * audited in the same transaction: one entry per client it shows (so "who saw this client" finds it),
 * or one for the session when it shows nobody.
 */
@Injectable()
export class ReadDaySheet {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(principal: Principal, sessionId: string, format: DaySheetFormat): Promise<DaySheetView> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const visible = await visibleSession(manager, principal, sessionId);
      const view: DaySheetView = {
        session: visible.session,
        service: visible.service,
        site: visible.site,
        room: visible.room,
        booked: await this.booked(manager, sessionId, visible.hostOrgId),
        walkIns: await this.walkIns(manager, sessionId, visible.hostOrgId),
        generatedAt: now.toISOString(),
      };
      await this.recordRead(manager, principal, visible, view, format, now);
      return view;
    });
  }

  private async booked(
    manager: EntityManager,
    sessionId: string,
    hostOrgId: string,
  ): Promise<DaySheetView['booked']> {
    const rows = (await manager.query(
      `SELECT a."appointment_id", a."client_id", a."starts_at", a."ends_at", a."attendance",
              ${CLIENT_SELECT}
         FROM "inreach"."session_appointment" a
         LEFT JOIN "inreach"."client" c ON c."client_id" = a."client_id" AND c."org_id" = $2
        WHERE a."session_id" = $1 AND a."org_id" = $2 AND a."status" = 'booked'
        ORDER BY a."starts_at", c."family_name", a."appointment_id"`,
      [sessionId, hostOrgId],
    )) as (ClientColumns & {
      appointment_id: string;
      starts_at: Date;
      ends_at: Date;
      attendance: AttendanceOutcome | null;
    })[];
    return rows.map((r) => ({
      appointmentId: r.appointment_id,
      clientId: r.client_id,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      client: clientOf(r),
      attendance: r.attendance,
    }));
  }

  private async walkIns(
    manager: EntityManager,
    sessionId: string,
    hostOrgId: string,
  ): Promise<DaySheetView['walkIns']> {
    const rows = (await manager.query(
      `SELECT w."id", w."client_id", w."seen_at", w."note", ${CLIENT_SELECT}
         FROM "inreach"."walk_in" w
         LEFT JOIN "inreach"."client" c ON c."client_id" = w."client_id" AND c."org_id" = $2
        WHERE w."session_id" = $1
        ORDER BY w."seen_at", w."id"`,
      [sessionId, hostOrgId],
    )) as (ClientColumns & { id: string; seen_at: Date; note: string | null })[];
    return rows.map((r) => ({
      walkInId: r.id,
      clientId: r.client_id,
      seenAt: r.seen_at.toISOString(),
      client: clientOf(r),
      note: r.note,
    }));
  }

  private async recordRead(
    manager: EntityManager,
    principal: Principal,
    visible: VisibleSession,
    view: DaySheetView,
    format: DaySheetFormat,
    now: Date,
  ): Promise<void> {
    // The host is named so that a CDAS can find the reads of its clients by a visiting organisation.
    const entry = auditEntryBy(principal, {
      action: 'read',
      subjectType: 'inreach_session',
      subjectId: view.session.id,
      details: {
        purpose: 'day-sheet',
        as: visible.party,
        hostOrgId: visible.hostOrgId,
        format,
        fields: CLIENT_FIELDS,
      },
      occurredAt: now,
    });
    const clientIds = [...new Set([...view.booked, ...view.walkIns].map((c) => c.clientId))];
    await this.audit.recordMany(
      manager,
      INREACH_SCHEMA,
      clientIds.length === 0
        ? [{ ...entry, details: { ...entry.details, fields: [] } }]
        : clientIds.map((clientId) => ({ ...entry, clientId })),
    );
  }
}

const CLIENT_SELECT = `c."given_name", c."family_name", c."preferred_name", c."date_of_birth"::text AS "date_of_birth",
              c."nhs_number", c."keyworker_id"`;

function clientOf(r: ClientColumns): DaySheetClient | null {
  if (
    r.given_name === null ||
    r.family_name === null ||
    r.date_of_birth === null ||
    r.keyworker_id === null
  ) {
    return null;
  }
  return {
    givenName: r.given_name,
    familyName: r.family_name,
    preferredName: r.preferred_name,
    dateOfBirth: r.date_of_birth,
    nhsNumber: r.nhs_number,
    keyworkerId: r.keyworker_id,
  };
}
