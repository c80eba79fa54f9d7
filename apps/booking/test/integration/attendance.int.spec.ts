import { AuditTrail } from '@careloop/auth';
import {
  appointmentAttendanceRecordedV1,
  appointmentCancelledV1,
  appointmentOutcomeOverdueV1,
} from '@careloop/contracts';
import { aReferralCreatedEvent } from '@careloop/testing';
import { bookAppointmentBody, type AppointmentView } from '../../src/appointment/appointment.dto';
import { RecordReferralAwaitingBooking } from '../../src/awaiting-booking/record-referral-awaiting-booking';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import type { ClinicAppointmentView } from '../../src/clinic/clinic-appointment.view';
import type { Schedule } from '../../src/schedule/schedule.entity';
import type { Slot } from '../../src/slot/slot.entity';
import { appointmentsAt } from '../support/appointment-use-cases';
import { useBookingDatabase } from '../support/booking-database';
import {
  aBookingClient,
  aClinicAdmin,
  aPrincipal,
  aSchedule,
  aSlotOn,
  RIVERSIDE_CDAS,
} from '../support/booking-fixtures';
import { eventsInOutbox } from '../support/events-in-outbox';

const HOUR = 60 * 60_000;

/** Recording what happened at an appointment, and chasing the ones nobody recorded, on real Postgres. */
describe('attendance and overdue outcomes', () => {
  const db = useBookingDatabase('booking_attendance', { poolSize: 20 });
  let schedule: Schedule;
  const keyworker = aPrincipal();
  const clinicAdmin = aClinicAdmin();
  const bookedAt = '2026-11-30T09:00:00Z';

  beforeAll(async () => {
    schedule = await aSchedule(db.dataSource.manager);
  });

  /** The use cases at one instant. */
  const at = (instant: string) => appointmentsAt(db.dataSource, instant);

  const m = () => db.dataSource.manager;
  let next = Date.parse('2026-12-01T09:00:00Z');
  /** A booked appointment in a 20-minute slot of its own (slots follow one another). */
  async function anAppointment(): Promise<{ appointment: AppointmentView; slot: Slot }> {
    next += 30 * 60_000;
    const slot = await aSlotOn(m(), schedule, { startsAt: new Date(next).toISOString() });
    const { result } = await at(bookedAt).book.execute(
      keyworker,
      bookAppointmentBody.parse({ slotId: slot.id, clientId: (await aBookingClient(m())).clientId }),
      undefined,
    );
    return { appointment: result, slot };
  }
  const after = (slot: Slot, ms: number) => new Date(slot.startsAt.getTime() + ms).toISOString();

  const eventsOf = (appointmentId: string, type: string) =>
    eventsInOutbox(db.dataSource, { key: appointmentId, type });
  const takenOf = async (slotId: string) =>
    (
      (await db.dataSource.query(`SELECT taken FROM booking.slot WHERE id = $1`, [slotId])) as {
        taken: number;
      }[]
    )[0]!.taken;
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ok',
      (e: { code?: string }) => e.code,
    );

  it('the CDAS records attendance once the appointment has started: shown, audited, emitted', async () => {
    const { appointment, slot } = await anAppointment();
    const early = at(after(slot, -1));
    expect(await codeOf(early.record.execute(keyworker, appointment.id, { outcome: 'attended' }))).toBe(
      'ATTENDANCE_TOO_EARLY',
    );

    const now = at(after(slot, 15 * 60_000));
    const recorded = (await now.record.execute(keyworker, appointment.id, {
      outcome: 'attended',
      note: 'Seen by the respiratory nurse',
    })) as AppointmentView;
    expect(recorded.attendance).toEqual({
      outcome: 'attended',
      recordedBy: keyworker.userId,
      recordedAt: after(slot, 15 * 60_000),
      note: 'Seen by the respiratory nurse',
    });
    expect((await now.get.execute(keyworker, appointment.id)).attendance?.outcome).toBe('attended');

    const [event, ...more] = await eventsOf(appointment.id, 'appointment.attendance-recorded.v1');
    expect(more).toEqual([]);
    expect(event).toMatchObject({ orgId: RIVERSIDE_CDAS, actor: { kind: 'user', id: keyworker.userId } });
    expect(appointmentAttendanceRecordedV1.data.parse(event!.data)).toEqual({
      appointmentId: appointment.id,
      clientId: appointment.clientId,
      referralId: null,
      outcome: 'attended',
      startsAt: slot.startsAt.toISOString(),
      recordedBy: keyworker.userId,
    });
    const audit = await new AuditTrail().forClient(m(), BOOKING_SCHEMA, appointment.clientId);
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'update',
        details: { attendance: 'attended', as: 'cdas', fields: ['note'] },
      }),
    );
  });

  it('the same outcome again is the same answer; a different outcome is refused', async () => {
    const { appointment, slot } = await anAppointment();
    const now = at(after(slot, 2 * HOUR));
    const first = await now.record.execute(keyworker, appointment.id, { outcome: 'did_not_attend' });
    now.clock.advance(HOUR);
    expect(await now.record.execute(keyworker, appointment.id, { outcome: 'did_not_attend' })).toEqual(first);
    expect(await codeOf(now.record.execute(clinicAdmin, appointment.id, { outcome: 'attended' }))).toBe(
      'ATTENDANCE_ALREADY_RECORDED',
    );
    expect(await eventsOf(appointment.id, 'appointment.attendance-recorded.v1')).toHaveLength(1);
    expect((await now.get.execute(keyworker, appointment.id)).attendance?.outcome).toBe('did_not_attend');
    // With an outcome, the appointment is past cancelling.
    expect(
      await codeOf(
        now.cancel.execute(keyworker, appointment.id, { cancelledBy: 'client', reason: 'x' }, undefined),
      ),
    ).toBe('ATTENDANCE_ALREADY_RECORDED');
  });

  it('a late cancellation can be recorded from 48 hours before the start, not earlier', async () => {
    const { appointment, slot } = await anAppointment();
    expect(
      await codeOf(
        at(after(slot, -49 * HOUR)).record.execute(keyworker, appointment.id, { outcome: 'cancelled_late' }),
      ),
    ).toBe('ATTENDANCE_TOO_EARLY');
    expect(
      await codeOf(
        at(after(slot, -48 * HOUR)).record.execute(keyworker, appointment.id, {
          outcome: 'left_before_seen',
        }),
      ),
    ).toBe('ATTENDANCE_TOO_EARLY');
    const recorded = (await at(after(slot, -47 * HOUR)).record.execute(keyworker, appointment.id, {
      outcome: 'cancelled_late',
    })) as AppointmentView;
    expect(recorded.attendance?.outcome).toBe('cancelled_late');
  });

  it('a late cancellation before the start cancels the appointment and frees its seat: outcome first, then cancelled', async () => {
    const referral = aReferralCreatedEvent({ orgId: RIVERSIDE_CDAS, data: { status: 'sent' } });
    const recordReferral = new RecordReferralAwaitingBooking(at(bookedAt).clock);
    await db.transaction((tx) => recordReferral.execute(tx, referral));
    await aBookingClient(m(), { clientId: referral.data.clientId });
    next += 30 * 60_000;
    const slot = await aSlotOn(m(), schedule, { startsAt: new Date(next).toISOString() });
    const { result: appointment } = await at(bookedAt).book.execute(
      keyworker,
      bookAppointmentBody.parse({
        slotId: slot.id,
        clientId: referral.data.clientId,
        referralId: referral.data.referralId,
      }),
      undefined,
    );
    const now = at(after(slot, -2 * HOUR));

    // The clinic takes the client's call: the client cancels, late.
    const view = (await now.record.execute(clinicAdmin, appointment.id, {
      outcome: 'cancelled_late',
      note: 'Rang at 7am, no bus fare',
    })) as ClinicAppointmentView;
    expect(view).toMatchObject({ status: 'cancelled', attendance: { outcome: 'cancelled_late' } });
    expect(await takenOf(slot.id)).toBe(0);
    const read = await now.get.execute(keyworker, appointment.id);
    expect(read).toMatchObject({
      status: 'cancelled',
      cancellation: { cancelledBy: 'client', reason: 'cancelled late', cancelledAt: after(slot, -2 * HOUR) },
      attendance: { outcome: 'cancelled_late', recordedBy: clinicAdmin.userId },
      outcomeOverdue: false,
    });

    // Referrals takes the outcome (a missed appointment) while the appointment is still booked there;
    // the cancellation after it frees the appointment and leaves the referral as it is (ADR 16).
    const events = await eventsInOutbox(db.dataSource, { key: appointment.id });
    expect(events.map((e) => e.type)).toEqual([
      'appointment.booked.v1',
      'appointment.attendance-recorded.v1',
      'appointment.cancelled.v1',
    ]);
    const ref = {
      appointmentId: appointment.id,
      clientId: referral.data.clientId,
      referralId: referral.data.referralId,
    };
    expect(appointmentAttendanceRecordedV1.data.parse(events[1]!.data)).toEqual({
      ...ref,
      outcome: 'cancelled_late',
      startsAt: slot.startsAt.toISOString(),
      recordedBy: clinicAdmin.userId,
    });
    expect(appointmentCancelledV1.data.parse(events[2]!.data)).toEqual({
      ...ref,
      cancelledBy: 'client',
      reason: 'cancelled late',
      startsAt: slot.startsAt.toISOString(),
    });
    for (const event of events.slice(1)) {
      expect(event).toMatchObject({ orgId: RIVERSIDE_CDAS, actor: { kind: 'user', id: clinicAdmin.userId } });
    }
    const audit = await new AuditTrail().forClient(m(), BOOKING_SCHEMA, referral.data.clientId);
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'update',
        details: {
          attendance: 'cancelled_late',
          status: 'cancelled',
          cancelledBy: 'client',
          as: 'clinic',
          fields: ['note'],
        },
      }),
    );

    // Recording it again is the same answer; nothing else can be recorded or cancelled now.
    expect(await now.record.execute(clinicAdmin, appointment.id, { outcome: 'cancelled_late' })).toEqual(
      view,
    );
    expect(
      await codeOf(at(after(slot, HOUR)).record.execute(keyworker, appointment.id, { outcome: 'attended' })),
    ).toBe('ATTENDANCE_ALREADY_RECORDED');
    expect(
      await codeOf(
        now.cancel.execute(keyworker, appointment.id, { cancelledBy: 'client', reason: 'x' }, undefined),
      ),
    ).toBe('APPOINTMENT_NOT_BOOKED');
    expect(await eventsInOutbox(db.dataSource, { key: appointment.id })).toHaveLength(3);
    expect(await takenOf(slot.id)).toBe(0);

    // The seat is someone else's to take.
    const { result: rebooked } = await now.book.execute(
      keyworker,
      bookAppointmentBody.parse({ slotId: slot.id, clientId: (await aBookingClient(m())).clientId }),
      undefined,
    );
    expect(rebooked.status).toBe('booked');
    expect(await takenOf(slot.id)).toBe(1);
  });

  it('a late cancellation recorded after the start keeps the seat: the time has passed anyway', async () => {
    const { appointment, slot } = await anAppointment();
    const now = at(after(slot, 5 * 60_000));
    const recorded = (await now.record.execute(keyworker, appointment.id, {
      outcome: 'cancelled_late',
    })) as AppointmentView;
    expect(recorded).toMatchObject({
      status: 'booked',
      cancellation: null,
      attendance: { outcome: 'cancelled_late' },
    });
    expect(await takenOf(slot.id)).toBe(1);
    expect((await eventsInOutbox(db.dataSource, { key: appointment.id })).map((e) => e.type)).toEqual([
      'appointment.booked.v1',
      'appointment.attendance-recorded.v1',
    ]);
  });

  it("the slot's clinic records attendance and gets its own view back; other organisations cannot", async () => {
    const { appointment, slot } = await anAppointment();
    const now = at(after(slot, HOUR));
    for (const stranger of [
      aClinicAdmin({ orgId: 'org-other-hospital' }),
      aPrincipal({ orgId: 'org-other-cdas' }),
    ]) {
      expect(await codeOf(now.record.execute(stranger, appointment.id, { outcome: 'attended' }))).toBe(
        'APPOINTMENT_NOT_FOUND',
      );
    }
    const view = (await now.record.execute(clinicAdmin, appointment.id, {
      outcome: 'left_before_seen',
      note: 'Left after 40 minutes in the waiting room',
    })) as ClinicAppointmentView;
    expect(view).toMatchObject({
      id: appointment.id,
      attendance: {
        outcome: 'left_before_seen',
        recordedByOrganisation: clinicAdmin.orgId,
        note: 'Left after 40 minutes in the waiting room',
      },
    });
    expect(view).not.toHaveProperty('referralId');
    const [event] = await eventsOf(appointment.id, 'appointment.attendance-recorded.v1');
    expect(event).toMatchObject({
      orgId: RIVERSIDE_CDAS,
      actor: { kind: 'user', id: clinicAdmin.userId },
      data: { outcome: 'left_before_seen', recordedBy: clinicAdmin.userId },
    });
    // The CDAS sees who recorded it.
    expect((await now.get.execute(keyworker, appointment.id)).attendance).toMatchObject({
      outcome: 'left_before_seen',
      recordedBy: clinicAdmin.userId,
    });
  });

  it('only a booked appointment has an outcome: not a hold, not a cancelled one', async () => {
    const { appointment, slot } = await anAppointment();
    const now = at(after(slot, -3 * HOUR));
    await now.cancel.execute(
      keyworker,
      appointment.id,
      { cancelledBy: 'client', reason: 'Unwell' },
      undefined,
    );
    expect(
      await codeOf(
        at(after(slot, HOUR)).record.execute(keyworker, appointment.id, { outcome: 'did_not_attend' }),
      ),
    ).toBe('APPOINTMENT_NOT_BOOKED');

    const holdSlot = await aSlotOn(m(), schedule, { startsAt: '2026-11-30T09:30:00Z' });
    const { result: held } = await at('2026-11-30T09:25:00Z').hold.execute(
      keyworker,
      bookAppointmentBody.parse({ slotId: holdSlot.id, clientId: (await aBookingClient(m())).clientId }),
      undefined,
    );
    expect(
      await codeOf(
        at('2026-11-30T09:29:00Z').record.execute(keyworker, held.id, { outcome: 'cancelled_late' }),
      ),
    ).toBe('APPOINTMENT_NOT_BOOKED');
  });

  it('FlagOverdueOutcomes flags booked appointments with nothing recorded once the grace period has passed', async () => {
    // Earlier tests' appointments are flagged first, so this test's counts are its own.
    const earlier = at('2026-12-20T00:00:00Z');
    await earlier.flag.run(earlier.clock.now());

    const unrecorded = await anAppointment();
    const recorded = await anAppointment();
    const cancelled = await anAppointment();
    const later = await anAppointment();
    const endOf = (slot: Slot) => slot.endsAt.getTime();
    await at(after(recorded.slot, HOUR)).record.execute(keyworker, recorded.appointment.id, {
      outcome: 'attended',
    });
    await at(after(cancelled.slot, -HOUR)).cancel.execute(
      keyworker,
      cancelled.appointment.id,
      { cancelledBy: 'provider', reason: 'Clinic cancelled' },
      undefined,
    );

    // 24 hours after the first one ended: still within its grace period.
    const grace = at(new Date(endOf(unrecorded.slot) + 24 * HOUR).toISOString());
    expect(await grace.flag.run(grace.clock.now())).toBe(0);

    const due = at(new Date(endOf(unrecorded.slot) + 24 * HOUR + 1).toISOString());
    expect(await due.flag.run(due.clock.now())).toBe(1);
    expect(await due.flag.run(due.clock.now())).toBe(0);
    expect((await due.get.execute(keyworker, unrecorded.appointment.id)).outcomeOverdue).toBe(true);
    for (const other of [recorded, cancelled, later]) {
      expect((await due.get.execute(keyworker, other.appointment.id)).outcomeOverdue).toBe(false);
    }
    const [event, ...more] = await eventsOf(unrecorded.appointment.id, 'appointment.outcome-overdue.v1');
    expect(more).toEqual([]);
    expect(event).toMatchObject({ orgId: RIVERSIDE_CDAS, actor: { kind: 'system', id: 'system:booking' } });
    expect(appointmentOutcomeOverdueV1.data.parse(event!.data)).toEqual({
      appointmentId: unrecorded.appointment.id,
      clientId: unrecorded.appointment.clientId,
      referralId: null,
      startsAt: unrecorded.slot.startsAt.toISOString(),
      endedAt: unrecorded.slot.endsAt.toISOString(),
    });

    // Chasing works: the outcome can still be recorded, and the appointment is no longer overdue.
    const chased = (await due.record.execute(clinicAdmin, unrecorded.appointment.id, {
      outcome: 'did_not_attend',
    })) as ClinicAppointmentView;
    expect(chased.outcomeOverdue).toBe(false);
    expect((await due.get.execute(keyworker, unrecorded.appointment.id)).outcomeOverdue).toBe(false);
    const afterwards = at(new Date(endOf(later.slot) + 25 * HOUR).toISOString());
    expect(await afterwards.flag.run(afterwards.clock.now())).toBe(1);
    expect(await eventsOf(unrecorded.appointment.id, 'appointment.outcome-overdue.v1')).toHaveLength(1);
  });

  it('concurrent FlagOverdueOutcomes runs flag each appointment once, with one event each', async () => {
    const earlier = at('2026-12-25T00:00:00Z');
    await earlier.flag.run(earlier.clock.now());
    const appointments = [];
    for (let i = 0; i < 25; i += 1) appointments.push(await anAppointment());
    const now = at('2027-01-10T00:00:00Z');
    const runs = await Promise.all(Array.from({ length: 5 }, () => now.flag.run(now.clock.now())));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(25);
    const events: { n: string }[] = await db.dataSource.query(
      `SELECT count(*) AS n FROM booking.outbox
        WHERE event_type = 'appointment.outcome-overdue.v1' AND message_key = ANY($1::text[])`,
      [appointments.map((a) => a.appointment.id)],
    );
    expect(Number(events[0]!.n)).toBe(25);
  });
});
