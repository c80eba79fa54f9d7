import type { AttendanceOutcome } from '@careloop/contracts';
import type { SessionStatus } from '../session/session.entity';

/** Who the client is, as much as the specialist needs to see the right person: no reasons, no flags. */
export interface DaySheetClient {
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: string;
  nhsNumber: string | null;
  keyworkerId: string;
}

export interface DaySheetAppointment {
  appointmentId: string;
  clientId: string;
  startsAt: string;
  endsAt: string;
  /** Null while in-reach has not yet received the client's record. */
  client: DaySheetClient | null;
  /** As recorded in booking; null until then. */
  attendance: AttendanceOutcome | null;
}

export interface DaySheetWalkIn {
  walkInId: string;
  clientId: string;
  seenAt: string;
  client: DaySheetClient | null;
  note: string | null;
}

/**
 * One session's day sheet: where and when, the booked clients in time order (cancelled ones left out)
 * and the walk-ins. Booking's appointment events carry no notes for the clinic, so there are none.
 */
export interface DaySheetView {
  session: {
    id: string;
    date: string;
    startsAt: string;
    endsAt: string;
    status: SessionStatus;
    cancelReason: string | null;
    slotMinutes: number;
    walkInAllowance: number;
  };
  service: { id: string; name: string; serviceType: string; providerName: string };
  site: { id: string; name: string; address: string };
  room: { id: string; name: string };
  booked: DaySheetAppointment[];
  walkIns: DaySheetWalkIn[];
  generatedAt: string;
}
