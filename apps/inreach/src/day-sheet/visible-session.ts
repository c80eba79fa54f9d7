import type { EntityManager } from 'typeorm';
import type { OrganisationKind, Principal, Role } from '@careloop/auth';
import { SessionError } from '../session/session.errors';
import type { DaySheetView } from './day-sheet.view';

/** Whose staff is reading: the CDAS hosting the session, or the organisation visiting to run it. */
export type DaySheetParty = 'host' | 'provider';

export type VisibleSession = Pick<DaySheetView, 'session' | 'service' | 'site' | 'room'> & {
  party: DaySheetParty;
  /** The CDAS whose clients the session sees. */
  hostOrgId: string;
};

interface SessionRow {
  id: string;
  session_date: string;
  starts_at: Date;
  ends_at: Date;
  status: DaySheetView['session']['status'];
  cancel_reason: string | null;
  slot_minutes: number;
  walk_in_allowance: number;
  service_id: string;
  service_name: string;
  service_type: string;
  provider_name: string;
  host_org_id: string;
  site_id: string;
  site_name: string;
  site_address: string;
  room_id: string;
  room_name: string;
}

/** Kinds of organisation that visit a CDAS to run a clinic. */
const PROVIDER_ORG_KINDS: readonly OrganisationKind[] = ['hospital', 'specialist_service', 'gp_practice'];
/** The visiting organisation's staff who run the clinic, and so need its list of clients. */
const PROVIDER_ROLES: readonly Role[] = ['clinician', 'nurse', 'clinic_admin'];

/** Whether the caller may read day sheets as staff of the organisation visiting to run a clinic. */
function mayReadAsProvider(principal: Pick<Principal, 'orgKind' | 'roles'>): boolean {
  return (
    PROVIDER_ORG_KINDS.includes(principal.orgKind) &&
    PROVIDER_ROLES.some((role) => principal.roles.includes(role))
  );
}

/**
 * The session with its service, site and room, when the caller's organisation hosts it, or is the
 * service's visiting organisation and the caller runs its clinics (mayReadAsProvider). Anyone else
 * gets the same 404 as for a session that does not exist.
 */
export async function visibleSession(
  manager: EntityManager,
  principal: Pick<Principal, 'orgId' | 'orgKind' | 'roles'>,
  id: string,
): Promise<VisibleSession> {
  const [row] = (await manager.query(
    `SELECT se."id", se."session_date"::text AS "session_date", se."starts_at", se."ends_at", se."status",
            se."cancel_reason", se."slot_minutes", se."walk_in_allowance",
            sv."id" AS "service_id", sv."name" AS "service_name", sv."service_type", sv."provider_name",
            sv."host_org_id", si."site_id", si."name" AS "site_name", si."address" AS "site_address",
            r."id" AS "room_id", r."name" AS "room_name"
       FROM "inreach"."session" se
       JOIN "inreach"."inreach_service" sv ON sv."id" = se."service_id"
       JOIN "inreach"."site" si ON si."site_id" = sv."site_id"
       JOIN "inreach"."room" r ON r."id" = se."room_id"
      WHERE se."id" = $1 AND (sv."host_org_id" = $2 OR sv."provider_org_id" = $3)`,
    [id, principal.orgId, mayReadAsProvider(principal) ? principal.orgId : null],
  )) as SessionRow[];
  if (!row) throw new SessionError('SESSION_NOT_FOUND', { detail: `No in-reach session ${id}` });
  return {
    party: row.host_org_id === principal.orgId ? 'host' : 'provider',
    hostOrgId: row.host_org_id,
    session: {
      id: row.id,
      date: row.session_date,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      status: row.status,
      cancelReason: row.cancel_reason,
      slotMinutes: row.slot_minutes,
      walkInAllowance: row.walk_in_allowance,
    },
    service: {
      id: row.service_id,
      name: row.service_name,
      serviceType: row.service_type,
      providerName: row.provider_name,
    },
    site: { id: row.site_id, name: row.site_name, address: row.site_address },
    room: { id: row.room_id, name: row.room_name },
  };
}
