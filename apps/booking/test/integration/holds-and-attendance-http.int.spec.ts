import { ManualClock } from '@careloop/time';
import { AppointmentModule } from '../../src/appointment/appointment.module';
import { ClinicModule } from '../../src/clinic/clinic.module';
import type { Slot } from '../../src/slot/slot.entity';
import { aBookingClient, aClinicAdmin, aPrincipal, aSchedule, aSlotOn } from '../support/booking-fixtures';
import { useBookingOverHttp } from '../support/booking-over-http';

/** The appointment and clinic routes over HTTP: who may call which, and what the answers look like. */
describe('appointment and clinic routes', () => {
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  const booking = useBookingOverHttp({
    database: 'booking_appointment_http',
    // Booking's service with the appointment and clinic routes mounted: what this file is about.
    modules: [AppointmentModule, ClinicModule],
    clock,
    env: { OUTBOX_POLL_MS: '50' },
  });
  const { call } = booking;
  const keyworker = aPrincipal();
  const serviceManager = aPrincipal({ roles: ['service_manager'] });
  const clinicAdmin = aClinicAdmin();
  let slot: Slot;
  let clientId: string;

  beforeAll(async () => {
    const manager = booking.dataSource.manager;
    const schedule = await aSchedule(manager);
    slot = await aSlotOn(manager, schedule, { startsAt: '2026-11-30T10:00:00Z' });
    clientId = (await aBookingClient(manager)).clientId;
  });

  it('holds, confirms with a replayable key, and refuses a lapsed hold with problem+json', async () => {
    const held = await call(keyworker, 'POST', '/appointments/holds', { slotId: slot.id, clientId });
    expect(held.status).toBe(201);
    expect(held.body).toMatchObject({ status: 'held', holdExpiresAt: '2026-11-30T09:10:00.000Z' });
    const id = held.body['id'] as string;

    const headers = { 'idempotency-key': 'confirm-1' };
    const confirmed = await call(keyworker, 'POST', `/appointments/${id}/confirmation`, {}, headers);
    expect(confirmed).toMatchObject({ status: 200, body: { id, status: 'booked' } });
    const again = await call(keyworker, 'POST', `/appointments/${id}/confirmation`, {}, headers);
    expect(again).toMatchObject({ status: 200, replayed: 'true', body: confirmed.body });

    const listed = await call(serviceManager, 'GET', `/appointments?clientId=${clientId}`);
    expect(listed.status).toBe(200);
    expect((listed.body as unknown as { id: string }[]).map((a) => a.id)).toEqual([id]);

    const cancelled = await call(keyworker, 'POST', `/appointments/${id}/cancellation`, {
      cancelledBy: 'client',
      reason: 'Changed mind',
    });
    expect(cancelled.status).toBe(200);
    const second = await call(keyworker, 'POST', '/appointments/holds', { slotId: slot.id, clientId });
    clock.advance(10 * 60_000);
    const lapsed = await call(
      keyworker,
      'POST',
      `/appointments/${second.body['id'] as string}/confirmation`,
      {},
    );
    expect(lapsed.status).toBe(409);
    expect(lapsed.contentType).toContain('application/problem+json');
    expect(lapsed.body).toMatchObject({ code: 'HOLD_EXPIRED' });
  });

  it('lets the clinic list its appointments and record attendance, but not book or read the CDAS view', async () => {
    const booked = await call(keyworker, 'POST', '/appointments', { slotId: slot.id, clientId });
    expect(booked.status).toBe(201);
    const id = booked.body['id'] as string;

    const list = await call(clinicAdmin, 'GET', '/clinic/appointments?from=2026-11-30T00:00:00Z');
    expect(list.status).toBe(200);
    expect((list.body['appointments'] as { id: string }[]).map((a) => a.id)).toContain(id);
    expect((await call(keyworker, 'GET', '/clinic/appointments')).status).toBe(403);
    expect((await call(clinicAdmin, 'GET', '/clinic/appointments?from=yesterday')).status).toBe(400);

    expect((await call(clinicAdmin, 'POST', '/appointments', { slotId: slot.id, clientId })).status).toBe(
      403,
    );
    expect((await call(clinicAdmin, 'GET', `/appointments/${id}`)).status).toBe(403);

    clock.set('2026-11-30T10:30:00Z');
    const recorded = await call(clinicAdmin, 'POST', `/appointments/${id}/attendance`, {
      outcome: 'attended',
    });
    expect(recorded).toMatchObject({ status: 200, body: { id, attendance: { outcome: 'attended' } } });
    expect(recorded.body).not.toHaveProperty('clientId');
    const different = await call(keyworker, 'POST', `/appointments/${id}/attendance`, {
      outcome: 'did_not_attend',
    });
    expect(different).toMatchObject({ status: 409, body: { code: 'ATTENDANCE_ALREADY_RECORDED' } });
    const unknownOutcome = await call(keyworker, 'POST', `/appointments/${id}/attendance`, {
      outcome: 'late',
    });
    expect(unknownOutcome.status).toBe(400);
  });
});
