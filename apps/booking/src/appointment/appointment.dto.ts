import { z } from 'zod';
import { accompanimentSchema, cancelledBySchema, type Accompaniment } from '@careloop/contracts';
import type { Slot } from '../slot/slot.entity';
import type { Appointment, AppointmentStatus, CancelledBy } from './appointment.entity';

export const appointmentIdParam = z.uuid();

export const bookAppointmentBody = z
  .object({
    slotId: z.uuid(),
    clientId: z.uuid(),
    referralId: z.uuid().nullable().optional(),
    /** What the clinic should know (shown to the provider): practical, never the CDAS record. */
    notesForClinic: z.string().trim().min(1).max(1000).nullable().optional(),
    accompaniment: accompanimentSchema.nullable().optional(),
  })
  .strict();
export type BookAppointmentBody = z.output<typeof bookAppointmentBody>;

export const cancelAppointmentBody = z
  .object({
    cancelledBy: cancelledBySchema,
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type CancelAppointmentBody = z.output<typeof cancelAppointmentBody>;

export interface AppointmentView {
  id: string;
  clientId: string;
  referralId: string | null;
  status: AppointmentStatus;
  slotId: string;
  serviceType: string;
  providerName: string;
  location: string;
  startsAt: string;
  endsAt: string;
  notesForClinic: string | null;
  accompaniment: Accompaniment | null;
  bookedBy: string;
  bookedAt: string;
  cancellation: { cancelledBy: CancelledBy; reason: string; cancelledAt: string } | null;
}

export function toAppointmentView(a: Appointment, slot: Slot): AppointmentView {
  return {
    id: a.id,
    clientId: a.clientId,
    referralId: a.referralId,
    status: a.status,
    slotId: slot.id,
    serviceType: slot.serviceType,
    providerName: slot.providerName,
    location: slot.location,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    notesForClinic: a.notesForClinic,
    accompaniment: a.accompaniment,
    bookedBy: a.bookedBy,
    bookedAt: a.bookedAt.toISOString(),
    cancellation:
      a.cancelledBy && a.cancellationReason && a.cancelledAt
        ? {
            cancelledBy: a.cancelledBy,
            reason: a.cancellationReason,
            cancelledAt: a.cancelledAt.toISOString(),
          }
        : null,
  };
}
