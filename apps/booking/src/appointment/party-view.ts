import type { EntityManager } from 'typeorm';
import type { Principal } from '@careloop/auth';
import { clinicViewsOf, type ClinicAppointmentView } from '../clinic/clinic-appointment.view';
import type { Slot } from '../slot/slot.entity';
import { toAppointmentView, type AppointmentView } from './appointment.dto';
import type { Appointment } from './appointment.entity';
import type { AppointmentParty } from './appointment-parties';

/** The CDAS gets its full appointment view; the clinic of the slot only what its own list shows. */
export async function viewForParty(
  manager: EntityManager,
  party: AppointmentParty,
  principal: Principal,
  appointment: Appointment,
  slot: Slot,
): Promise<AppointmentView | ClinicAppointmentView> {
  if (party === 'cdas') return toAppointmentView(appointment, slot);
  const [view] = await clinicViewsOf(manager, [{ appointment, slot }], principal.orgId);
  return view!;
}
