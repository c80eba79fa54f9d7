import { In, type EntityManager } from 'typeorm';
import type { Accompaniment, AttendanceOutcome } from '@careloop/contracts';
import { isOutcomeOverdue, slotWithdrawalOf } from '../appointment/appointment.dto';
import type { Appointment, AppointmentStatus } from '../appointment/appointment.entity';
import { BookingClient } from '../client/booking-client.entity';
import { Organisation } from '../organisation/organisation.entity';
import type { Slot } from '../slot/slot.entity';

/**
 * What a clinic sees of an appointment in one of its slots: when and where, who is coming (name, date
 * of birth, NHS number, to find them in its own records), how they come and what it should know.
 * Never the referral, the client's needs or anything else of the CDAS record.
 */
export interface ClinicAppointmentView {
  id: string;
  status: AppointmentStatus;
  slotId: string;
  scheduleId: string;
  providerName: string;
  serviceType: string;
  location: string;
  startsAt: string;
  endsAt: string;
  /** The clinic withdrew the slot (an exception) with this appointment still in it: cancel or move it. */
  slotWithdrawn: boolean;
  slotWithdrawnReason: string | null;
  /** Null only for appointments booked before booking kept client details. */
  client: {
    name: string;
    preferredName: string | null;
    dateOfBirth: string;
    nhsNumber: string | null;
  } | null;
  accompaniment: Accompaniment | null;
  notesForClinic: string | null;
  doNotDischarge: boolean;
  /** The CDAS that booked it: its registered name, or its id when it has not registered one. */
  bookingOrganisation: { id: string; name: string };
  /** The note only when the clinic itself wrote it: a CDAS note may carry its own record. */
  attendance: {
    outcome: AttendanceOutcome;
    recordedAt: string;
    recordedByOrganisation: string;
    note: string | null;
  } | null;
  outcomeOverdue: boolean;
}

export function toClinicAppointmentView(
  a: Appointment,
  slot: Slot,
  client: BookingClient | null,
  bookingOrganisationName: string | null,
  viewerOrgId: string,
): ClinicAppointmentView {
  return {
    id: a.id,
    status: a.status,
    slotId: slot.id,
    scheduleId: slot.scheduleId,
    providerName: slot.providerName,
    serviceType: slot.serviceType,
    location: slot.location,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    ...slotWithdrawalOf(slot),
    client: client
      ? {
          name: `${client.givenName} ${client.familyName}`,
          preferredName: client.preferredName,
          dateOfBirth: client.dateOfBirth,
          nhsNumber: client.nhsNumber,
        }
      : null,
    accompaniment: a.accompaniment,
    notesForClinic: a.notesForClinic,
    doNotDischarge: a.doNotDischarge,
    bookingOrganisation: { id: a.orgId, name: bookingOrganisationName ?? a.orgId },
    attendance:
      a.attendance && a.attendanceRecordedAt && a.attendanceRecordedByOrg
        ? {
            outcome: a.attendance,
            recordedAt: a.attendanceRecordedAt.toISOString(),
            recordedByOrganisation: a.attendanceRecordedByOrg,
            note: a.attendanceRecordedByOrg === viewerOrgId ? a.attendanceNote : null,
          }
        : null,
    outcomeOverdue: isOutcomeOverdue(a),
  };
}

/** Clinic views of appointments with their slots, reading their clients and booking organisations. */
export async function clinicViewsOf(
  manager: EntityManager,
  rows: readonly { appointment: Appointment; slot: Slot }[],
  viewerOrgId: string,
): Promise<ClinicAppointmentView[]> {
  const clientIds = [...new Set(rows.map((r) => r.appointment.clientId))];
  const orgIds = [...new Set(rows.map((r) => r.appointment.orgId))];
  const clients = clientIds.length ? await manager.findBy(BookingClient, { clientId: In(clientIds) }) : [];
  const organisations = orgIds.length ? await manager.findBy(Organisation, { id: In(orgIds) }) : [];
  const clientById = new Map(clients.map((c) => [c.clientId, c]));
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  return rows.map(({ appointment, slot }) =>
    toClinicAppointmentView(
      appointment,
      slot,
      clientById.get(appointment.clientId) ?? null,
      orgName.get(appointment.orgId) ?? null,
      viewerOrgId,
    ),
  );
}
