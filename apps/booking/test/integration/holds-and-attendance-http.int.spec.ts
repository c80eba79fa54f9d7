import { Global, Module } from '@nestjs/common';
import type { Principal } from '@careloop/auth';
import { MessagingModule } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import {
  loadRuntimeConfig,
  startServices,
  type RunningServices,
  type ServiceDefinition,
} from '@careloop/runtime';
import {
  createTestDatabase,
  startTestIdentityProvider,
  type TestDatabase,
  type TestIdentityProvider,
} from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { AppointmentModule } from '../../src/appointment/appointment.module';
import { BOOKING_POLICY, DEFAULT_BOOKING_POLICY } from '../../src/booking-policy';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { bookingService } from '../../src/booking.service';
import { ClinicModule } from '../../src/clinic/clinic.module';
import type { Slot } from '../../src/slot/slot.entity';
import { aBookingClient, aClinicAdmin, aPrincipal, aSchedule, aSlotOn } from '../support/booking-fixtures';

@Global()
@Module({
  providers: [{ provide: BOOKING_POLICY, useValue: DEFAULT_BOOKING_POLICY }],
  exports: [BOOKING_POLICY],
})
class TestPolicy {}

/** Booking's service with the appointment and clinic routes mounted: what this file is about. */
@Module({
  imports: [MessagingModule.forService(BOOKING_SCHEMA), TestPolicy, AppointmentModule, ClinicModule],
})
class AppointmentsAndClinic {}

/** The appointment and clinic routes over HTTP: who may call which, and what the answers look like. */
describe('appointment and clinic routes', () => {
  let testDb: TestDatabase;
  let idp: TestIdentityProvider;
  let running: RunningServices;
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  const keyworker = aPrincipal();
  const serviceManager = aPrincipal({ roles: ['service_manager'] });
  const clinicAdmin = aClinicAdmin();
  let slot: Slot;
  let clientId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase('booking_appointment_http');
    idp = await startTestIdentityProvider({ issuer: 'https://idp.careloop.test/' });
    const config = loadRuntimeConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDb.url,
      AUTH_ISSUER: idp.issuer,
      AUTH_JWKS_URL: idp.jwksUrl,
      OUTBOX_POLL_MS: '50',
    });
    const service: ServiceDefinition = {
      ...bookingService,
      module: AppointmentsAndClinic,
      usesScheduler: false,
    };
    running = await startServices([service], config, { clock });
    const manager = running.app.get(Database).dataSource.manager;
    const schedule = await aSchedule(manager);
    slot = await aSlotOn(manager, schedule, { startsAt: '2026-11-30T10:00:00Z' });
    clientId = (await aBookingClient(manager)).clientId;
  }, 60_000);

  afterAll(async () => {
    await running?.close();
    await idp?.close();
    await testDb?.drop();
  });

  async function call(
    principal: Principal,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await idp.tokenFor(principal)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      replayed: response.headers.get('idempotent-replayed'),
      body: (text ? JSON.parse(text) : null) as Record<string, unknown>,
    };
  }

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
