import { randomUUID } from 'node:crypto';
import { londonToInstant } from '@careloop/time';
import { AvailabilityModule } from '../../src/availability/availability.module';
import { addDays, londonDateOf } from '@careloop/recurrence';
import { OrganisationModule } from '../../src/organisation/organisation.module';
import { ScheduleModule } from '../../src/schedule/schedule.module';
import { SlotModule } from '../../src/slot/slot.module';
import { aClinicAdmin, aPrincipal } from '../support/booking-fixtures';
import { useBookingOverHttp } from '../support/booking-over-http';

const PROBLEM = /^application\/problem\+json/;
const DAY = 24 * 60 * 60 * 1000;

/**
 * The supply API over HTTP with real tokens and Postgres: routes, roles, status codes and
 * problem+json errors, as a clinic admin sets up a clinic and publishes into it.
 */
describe('supply over HTTP', () => {
  const { call } = useBookingOverHttp({
    database: 'booking_supply_http',
    // Booking with only the supply modules mounted: what this file is about.
    modules: [OrganisationModule, ScheduleModule, AvailabilityModule, SlotModule],
  });
  const clinicAdmin = aClinicAdmin({ orgId: `org-hospital-${randomUUID().slice(0, 8)}` });
  const keyworker = aPrincipal();

  it('a clinic admin registers, adds a site and a schedule, then publishes, lists and withdraws', async () => {
    expect(
      (await call(clinicAdmin, 'POST', '/sites', { name: 'Outpatients B', address: 'Lower Road' })).body,
    ).toMatchObject({
      status: 409,
      code: 'ORGANISATION_NOT_REGISTERED',
    });
    const registered = await call(clinicAdmin, 'PUT', '/organisations/me', {
      name: 'St Elsewhere Hospital NHS Trust',
    });
    expect(registered).toMatchObject({ status: 200, body: { id: clinicAdmin.orgId, kind: 'hospital' } });

    const site = await call(clinicAdmin, 'POST', '/sites', { name: 'Outpatients B', address: 'Lower Road' });
    expect(site.status).toBe(201);
    const schedule = await call(clinicAdmin, 'POST', '/schedules', {
      siteId: site.body.id,
      kind: 'clinic',
      name: 'Chest clinic',
      serviceType: 'respiratory',
    });
    expect(schedule).toMatchObject({
      status: 201,
      body: { siteName: 'Outpatients B', address: 'Lower Road' },
    });
    const listed = await call(
      keyworker,
      'GET',
      `/schedules?orgId=${clinicAdmin.orgId}&serviceType=respiratory`,
    );
    expect(listed).toMatchObject({ status: 200, body: [schedule.body] });
    expect((await call(keyworker, 'GET', `/sites?orgId=${clinicAdmin.orgId}`)).body).toEqual([site.body]);

    const slots = [{ startsAt: '2030-01-08T09:00:00Z', endsAt: '2030-01-08T09:20:00Z' }];
    const key = randomUUID();
    const published = await call(
      clinicAdmin,
      'POST',
      '/slots',
      { scheduleId: schedule.body.id, slots },
      { 'Idempotency-Key': key },
    );
    expect(published).toMatchObject({ status: 201, body: { published: 1 } });
    const again = await call(
      clinicAdmin,
      'POST',
      '/slots',
      { scheduleId: schedule.body.id, slots },
      { 'Idempotency-Key': key },
    );
    expect(again.replayed).toBe('true');
    expect(again.body).toEqual(published.body);

    const slotId = (published.body.slots as { id: string }[])[0]!.id;
    const withdrawn = await call(clinicAdmin, 'POST', '/slots/withdrawal', {
      slotIds: [slotId],
      reason: 'Clinic moved',
    });
    expect(withdrawn).toMatchObject({ status: 200, body: { withdrawn: 1 } });
  });

  it("a clinic lists its schedule's slots over HTTP; staff without a supply role and other organisations are refused", async () => {
    const admin = aClinicAdmin({ orgId: `org-hospital-${randomUUID().slice(0, 8)}` });
    await call(admin, 'PUT', '/organisations/me', { name: 'Southbank Hospital' });
    const site = await call(admin, 'POST', '/sites', { name: 'Outpatients C', address: 'Southbank Road' });
    const schedule = await call(admin, 'POST', '/schedules', {
      siteId: site.body.id,
      kind: 'clinic',
      name: 'Liver clinic',
      serviceType: 'hepatology',
    });
    const id = schedule.body.id as string;
    // Tomorrow at 10:00 London: inside the default window, and in the future on the real clock.
    const tomorrow = addDays(londonDateOf(new Date()), 1);
    const startsAt = londonToInstant(tomorrow, '10:00');
    const published = await call(admin, 'POST', '/slots', {
      scheduleId: id,
      slots: [
        {
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 20 * 60_000).toISOString(),
        },
      ],
      reservation: { reservedFor: { kind: 'all_cdas' } },
    });
    expect(published.status).toBe(201);

    const listed = await call(admin, 'GET', `/schedules/${id}/slots`);
    expect(listed).toMatchObject({
      status: 200,
      body: {
        scheduleId: id,
        truncated: false,
        slots: [
          {
            startsAt: startsAt.toISOString(),
            status: 'open',
            seats: { held: 0, booked: 0 },
            reservation: { reservedFor: { kind: 'all_cdas' }, releaseAt: null, releasedAt: null },
          },
        ],
      },
    });
    const tooLong = await call(
      admin,
      'GET',
      `/schedules/${id}/slots?from=2030-01-01T00:00:00Z&to=2030-06-01T00:00:00Z`,
    );
    expect(tooLong).toMatchObject({
      status: 422,
      contentType: expect.stringMatching(PROBLEM),
      body: { code: 'WINDOW_TOO_LONG' },
    });
    expect((await call(admin, 'GET', `/schedules/${id}/slots?status=cancelled`)).status).toBe(400);
    expect((await call(keyworker, 'GET', `/schedules/${id}/slots`)).status).toBe(403);
    const stranger = aClinicAdmin({ orgId: `org-other-${randomUUID().slice(0, 8)}` });
    expect(await call(stranger, 'GET', `/schedules/${id}/slots`)).toMatchObject({
      status: 404,
      body: { code: 'SCHEDULE_NOT_FOUND' },
    });
  });

  it('recurring availability over HTTP: a rule makes slots, an exception withdraws a day of them, ending withdraws the rest', async () => {
    const admin = aClinicAdmin({ orgId: `org-hospital-${randomUUID().slice(0, 8)}` });
    await call(admin, 'PUT', '/organisations/me', { name: 'Northgate Hospital' });
    const site = await call(admin, 'POST', '/sites', { name: 'Clinic 3', address: 'Northgate Road' });
    const schedule = await call(admin, 'POST', '/schedules', {
      siteId: site.body.id,
      kind: 'practitioner',
      name: 'Dr Ada Khan',
      serviceType: 'hepatology',
    });
    const id = schedule.body.id as string;
    // A week of daily sessions starting a fortnight from today (the service runs on the real clock).
    const from = londonDateOf(new Date(Date.now() + 14 * DAY));
    const rule = await call(admin, 'POST', `/schedules/${id}/availability-rules`, {
      rrule: 'FREQ=DAILY',
      startTime: '09:00',
      endTime: '10:00',
      slotMinutes: 20,
      validFrom: from,
      validUntil: addDays(from, 6),
    });
    expect(rule).toMatchObject({
      status: 201,
      body: { published: 21, rule: { rrule: 'FREQ=DAILY', validFrom: from } },
    });
    expect((await call(admin, 'GET', `/schedules/${id}/availability-rules`)).body).toEqual([rule.body.rule]);

    const exception = await call(admin, 'POST', `/schedules/${id}/exceptions`, {
      startsAt: londonToInstant(from, '00:00').toISOString(),
      endsAt: londonToInstant(addDays(from, 1), '00:00').toISOString(),
      reason: 'Bank holiday',
    });
    expect(exception).toMatchObject({ status: 201, body: { withdrawn: 3, affectedAppointments: [] } });
    expect((await call(admin, 'GET', `/schedules/${id}/exceptions`)).body).toEqual([
      exception.body.exception,
    ]);

    const ruleId = (rule.body.rule as { id: string }).id;
    expect(await call(admin, 'POST', `/availability-rules/${ruleId}/end`)).toMatchObject({
      status: 200,
      body: { withdrawn: 18, rule: { endedAt: expect.any(String) } },
    });
    const endedAgain = await call(admin, 'POST', `/availability-rules/${ruleId}/end`);
    expect(endedAgain).toMatchObject({
      status: 409,
      contentType: expect.stringMatching(PROBLEM),
      body: { code: 'RULE_ALREADY_ENDED' },
    });
  });

  it("refuses bad bodies with the part named, staff without a supply role, and other organisations' schedules", async () => {
    const badRule = await call(clinicAdmin, 'POST', `/schedules/${randomUUID()}/availability-rules`, {
      rrule: 'FREQ=MONTHLY',
      startTime: '09:00',
      endTime: '12:00',
      slotMinutes: 20,
      validFrom: '2030-01-01',
    });
    expect(badRule).toMatchObject({ status: 400, contentType: expect.stringMatching(PROBLEM) });
    expect(JSON.stringify(badRule.body)).toContain('FREQ=MONTHLY is not supported: only DAILY or WEEKLY');

    const oldShape = await call(clinicAdmin, 'POST', '/slots', {
      serviceType: 'respiratory',
      providerName: 'Chest clinic',
      location: 'Outpatients B',
      slots: [{ startsAt: '2030-01-08T09:00:00Z', endsAt: '2030-01-08T09:20:00Z' }],
    });
    expect(oldShape.status).toBe(400);

    expect((await call(keyworker, 'PUT', '/organisations/me', { name: 'Riverside' })).status).toBe(403);
    expect(
      (await call(keyworker, 'POST', '/slots/withdrawal', { slotIds: [randomUUID()], reason: 'x' })).status,
    ).toBe(403);

    const owner = aClinicAdmin({ orgId: `org-hospital-${randomUUID().slice(0, 8)}` });
    await call(owner, 'PUT', '/organisations/me', { name: 'Eastfield Hospital' });
    const site = await call(owner, 'POST', '/sites', { name: 'Outpatients A', address: 'Eastfield Road' });
    const theirs = (
      await call(owner, 'POST', '/schedules', {
        siteId: site.body.id,
        kind: 'clinic',
        name: 'Chest',
        serviceType: 'respiratory',
      })
    ).body as { id: string };
    const stranger = aClinicAdmin({ orgId: `org-other-${randomUUID().slice(0, 8)}` });
    const refused = await call(stranger, 'POST', '/slots', {
      scheduleId: theirs.id,
      slots: [{ startsAt: '2030-01-15T09:00:00Z', endsAt: '2030-01-15T09:20:00Z' }],
    });
    expect(refused).toMatchObject({
      status: 404,
      contentType: expect.stringMatching(PROBLEM),
      body: { code: 'SCHEDULE_NOT_FOUND' },
    });
    expect((await call(stranger, 'GET', `/schedules/${theirs.id}/exceptions`)).status).toBe(404);
  });
});
