import { randomUUID } from 'node:crypto';
import { bookAppointmentBody, cancelAppointmentBody } from './appointment.dto';
import { isSeatConflict } from './seat-conflict';

describe('booking an appointment: the request body', () => {
  it('needs a slot and a client; referral, notes and accompaniment are optional', () => {
    const body = { slotId: randomUUID(), clientId: randomUUID() };
    expect(bookAppointmentBody.parse(body)).toEqual(body);
    const full = {
      ...body,
      referralId: randomUUID(),
      notesForClinic: 'Prefers the first slot of the morning',
      accompaniment: { needed: true, by: 'peer_supporter', transportArranged: true },
    };
    expect(bookAppointmentBody.parse(full)).toEqual(full);
  });

  it('refuses ids that are not uuids and an unknown accompaniment', () => {
    const parsed = bookAppointmentBody.safeParse({
      slotId: 'slot-1',
      clientId: randomUUID(),
      accompaniment: { needed: true, by: 'taxi', transportArranged: false },
    });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'accompaniment.by',
      'slotId',
    ]);
  });

  it('cancels only with who cancelled, from the closed list, and a reason', () => {
    expect(
      cancelAppointmentBody.safeParse({ cancelledBy: 'cdas', reason: 'Client in hospital' }).success,
    ).toBe(true);
    expect(cancelAppointmentBody.safeParse({ cancelledBy: 'keyworker', reason: 'x' }).success).toBe(false);
    expect(cancelAppointmentBody.safeParse({ cancelledBy: 'client', reason: ' ' }).success).toBe(false);
  });
});

describe('a seat conflict from the database', () => {
  it('is the capacity CHECK or the one-appointment-per-seat index, nothing else', () => {
    expect(
      isSeatConflict({ driverError: { code: '23514', constraint: 'slot_booked_within_capacity' } }),
    ).toBe(true);
    expect(isSeatConflict({ code: '23505', constraint: 'appointment_one_per_seat' })).toBe(true);
    expect(isSeatConflict({ code: '23505', constraint: 'idempotency_key_pkey' })).toBe(false);
    expect(isSeatConflict(new Error('boom'))).toBe(false);
  });
});
