import type { EntityManager } from 'typeorm';
import type { ClientDirectory } from '../need/client-directory';
import { REFERRALS_SCHEMA } from '../referrals-schema';
import { CareEventError } from './care-event.errors';

const S = `"${REFERRALS_SCHEMA}"`;

/** What an event names must be this organisation's and this client's, or the event is dead-lettered. */
export async function assertClientOfOrganisation(
  clients: ClientDirectory,
  manager: EntityManager,
  orgId: string,
  clientId: string,
): Promise<void> {
  if (!(await clients.exists(manager, orgId, clientId))) {
    throw new CareEventError('CLIENT_NOT_FOUND', { detail: `No client ${clientId} in ${orgId}` });
  }
}

/** The referral, when one is named, is the client's in the organisation. */
export async function assertReferralOfClient(
  manager: EntityManager,
  orgId: string,
  clientId: string,
  referralId: string | null,
): Promise<void> {
  if (!referralId) return;
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM ${S}."referral" WHERE "id" = $1 AND "org_id" = $2 AND "client_id" = $3`,
    [referralId, orgId, clientId],
  );
  if (rows.length === 0) {
    throw new CareEventError('REFERRAL_NOT_FOUND', { detail: `No referral ${referralId} for the client` });
  }
}

/**
 * The appointment, when the projection holds it, is the client's in the organisation. One it does not
 * hold (its booking not processed, or dead-lettered) is let through: the keyworker still needs to know.
 */
export async function assertAppointmentOfClient(
  manager: EntityManager,
  orgId: string,
  clientId: string,
  appointmentId: string,
): Promise<void> {
  const rows: { org_id: string; client_id: string }[] = await manager.query(
    `SELECT "org_id", "client_id"::text AS client_id FROM ${S}."client_appointment" WHERE "appointment_id" = $1`,
    [appointmentId],
  );
  const row = rows[0];
  if (row && (row.org_id !== orgId || row.client_id !== clientId)) {
    throw new CareEventError('APPOINTMENT_MISMATCH', { detail: `Appointment ${appointmentId} differs` });
  }
}
