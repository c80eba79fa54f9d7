import { z } from 'zod';
import type { ClinicAppointmentView } from './clinic-appointment.view';

/** Longest window one clinic list covers: a month of clinics. */
export const MAX_CLINIC_WINDOW_DAYS = 31;

const instant = z.iso.datetime({ offset: true });

/** Without from/to: the current London day. */
export const clinicAppointmentsQuery = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    scheduleId: z.uuid().optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.to) > Date.parse(q.from), {
    message: 'must be after from',
    path: ['to'],
  })
  .refine(
    (q) =>
      !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= MAX_CLINIC_WINDOW_DAYS * 24 * 60 * 60_000,
    { message: `at most ${MAX_CLINIC_WINDOW_DAYS} days after from`, path: ['to'] },
  );
export type ClinicAppointmentsQuery = z.output<typeof clinicAppointmentsQuery>;

export interface ClinicAppointmentsView {
  from: string;
  to: string;
  appointments: ClinicAppointmentView[];
}
