import type { EntityManager } from 'typeorm';
import type { TaskPriority } from '../task/open-task';
import { REFERRALS_SCHEMA } from '../referrals-schema';

const S = `"${REFERRALS_SCHEMA}"`;

/** What this service's copy of a booking appointment says, for a task's line and its rebook detail. */
export interface AppointmentFacts {
  appointmentId: string;
  orgId: string;
  clientId: string;
  referralId: string | null;
  serviceType: string;
  providerName: string;
  startsAt: Date;
}

/**
 * The query for booking's ranked slot search (`GET /slots?serviceType=...&clientId=...`): slots of the
 * same service, ranked for the client (short lead times on their usual CDAS days first). Without
 * `from` and `to` the search starts now and covers booking's default window.
 */
export interface RebookSearch {
  serviceType: string;
  clientId: string;
}

/** What a worker needs to rebook a missed or lost appointment, shown on the task. */
export interface RebookDetail {
  serviceType: string;
  providerName: string;
  appointmentStartsAt: string;
  rebookSearch: RebookSearch;
}

/**
 * The appointment in this service's projection of booking's appointments, if it has it and it is the
 * client's in the organisation (anything else is not this client's appointment to follow up).
 */
export async function appointmentOfClient(
  manager: EntityManager,
  ids: { orgId: string; clientId: string; appointmentId: string | null },
): Promise<AppointmentFacts | null> {
  // A reply or a failed text need not be about an appointment.
  if (!ids.appointmentId) return null;
  const rows: {
    referral_id: string | null;
    service_type: string;
    provider_name: string;
    starts_at: Date;
  }[] = await manager.query(
    `SELECT "referral_id"::text AS referral_id, "service_type", "provider_name", "starts_at"
       FROM ${S}."client_appointment" WHERE "appointment_id" = $1 AND "org_id" = $2 AND "client_id" = $3`,
    [ids.appointmentId, ids.orgId, ids.clientId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    appointmentId: ids.appointmentId,
    orgId: ids.orgId,
    clientId: ids.clientId,
    referralId: row.referral_id,
    serviceType: row.service_type,
    providerName: row.provider_name,
    startsAt: new Date(row.starts_at),
  };
}

export function rebookDetail(
  appointment: Pick<AppointmentFacts, 'serviceType' | 'providerName' | 'startsAt' | 'clientId'>,
): RebookDetail {
  return {
    serviceType: appointment.serviceType,
    providerName: appointment.providerName,
    appointmentStartsAt: appointment.startsAt.toISOString(),
    rebookSearch: { serviceType: appointment.serviceType, clientId: appointment.clientId },
  };
}

/**
 * A missed or unaccounted-for appointment of an urgent referral is followed up first (high); anything
 * else is routine. No referral: routine.
 */
export async function priorityForReferral(
  manager: EntityManager,
  referralId: string | null,
): Promise<TaskPriority> {
  if (!referralId) return 'routine';
  const rows: { urgency: string }[] = await manager.query(
    `SELECT "urgency" FROM ${S}."referral" WHERE "id" = $1`,
    [referralId],
  );
  return rows[0]?.urgency === 'urgent' ? 'high' : 'routine';
}
