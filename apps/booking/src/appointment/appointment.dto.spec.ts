import { randomUUID } from 'node:crypto';
import {
  bookAppointmentBody,
  cancelAppointmentBody,
  confirmHoldBody,
  recordAttendanceBody,
  rescheduleAppointmentBody,
} from './appointment.dto';
import { isSeatConflict } from './seat-conflict';

describe('booking an appointment: the request body', () => {
  it('needs a slot and a client; referral, notes and accompaniment are optional', () => {
    const body = { slotId: randomUUID(), clientId: randomUUID() };
    expect(bookAppointmentBody.parse(body)).toEqual({ ...body, doNotDischarge: true });
    const full = {
      ...body,
      referralId: randomUUID(),
      notesForClinic: 'Prefers the first slot of the morning',
      accompaniment: { needed: true, by: 'peer_supporter', transportArranged: true },
      doNotDischarge: false,
    };
    expect(bookAppointmentBody.parse(full)).toEqual(full);
  });

  it('asks the provider not to discharge on non-attendance unless the worker says otherwise', () => {
    const body = { slotId: randomUUID(), clientId: randomUUID() };
    expect(bookAppointmentBody.parse(body).doNotDischarge).toBe(true);
    expect(bookAppointmentBody.parse({ ...body, doNotDischarge: false }).doNotDischarge).toBe(false);
    expect(bookAppointmentBody.safeParse({ ...body, doNotDischarge: 'no' }).success).toBe(false);
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

describe('the other appointment requests', () => {
  it('confirms a hold with nothing, or with what the clinic should now be told', () => {
    expect(confirmHoldBody.parse({})).toEqual({});
    expect(confirmHoldBody.parse({ notesForClinic: null, doNotDischarge: false })).toEqual({
      notesForClinic: null,
      doNotDischarge: false,
    });
    expect(confirmHoldBody.safeParse({ slotId: randomUUID() }).success).toBe(false);
  });

  it('reschedules to a slot id, with an optional reason', () => {
    const slotId = randomUUID();
    expect(rescheduleAppointmentBody.parse({ slotId })).toEqual({ slotId });
    expect(rescheduleAppointmentBody.safeParse({ slotId: 'tomorrow' }).success).toBe(false);
    expect(rescheduleAppointmentBody.safeParse({ slotId, reason: '' }).success).toBe(false);
  });

  it('records attendance only as one of the four outcomes', () => {
    expect(recordAttendanceBody.parse({ outcome: 'did_not_attend', note: ' Rang, no answer ' })).toEqual({
      outcome: 'did_not_attend',
      note: 'Rang, no answer',
    });
    expect(recordAttendanceBody.safeParse({ outcome: 'was_not_brought' }).success).toBe(false);
    expect(recordAttendanceBody.safeParse({}).success).toBe(false);
  });
});

describe('a seat conflict from the database', () => {
  it('is a capacity CHECK (of the count or of the seat) or the one-appointment-per-seat index, nothing else', () => {
    expect(isSeatConflict({ driverError: { code: '23514', constraint: 'slot_taken_within_capacity' } })).toBe(
      true,
    );
    expect(isSeatConflict({ code: '23505', constraint: 'appointment_one_per_seat' })).toBe(true);
    expect(isSeatConflict({ code: '23514', constraint: 'appointment_seat_within_capacity' })).toBe(true);
    expect(isSeatConflict({ code: '23514', constraint: 'appointment_hold_expiry' })).toBe(false);
    expect(isSeatConflict({ code: '23505', constraint: 'idempotency_key_pkey' })).toBe(false);
    expect(isSeatConflict(new Error('boom'))).toBe(false);
  });
});
