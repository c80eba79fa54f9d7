import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { eventually } from '@careloop/testing';
import { get, post, put, PROBLEM_JSON, type HttpResponse, type Problem } from '../support/http';
import type { InreachEnvironment } from '../support/inreach-env';

/** What the in-reach specs read over HTTP: the services' views, as much as the specs look at. */
export interface ServiceView {
  id: string;
  hostOrgId: string;
  siteId: string;
  siteName: string;
  serviceType: string;
  providerName: string;
  series?: { id: string }[];
}

export interface SessionView {
  id: string;
  seriesId: string | null;
  date: string;
  status: string;
  cancelledBecause: string | null;
  cancelReason: string | null;
}

export interface SlotView {
  id: string;
  orgId: string;
  serviceType: string;
  providerName: string;
  location: string;
  startsAt: string;
  endsAt: string;
  free: number;
}

export interface AppointmentView {
  id: string;
  clientId: string;
  status: string;
  slotId: string;
  location: string;
  startsAt: string;
  slotWithdrawn: boolean;
  slotWithdrawnReason: string | null;
}

export interface TimelineEntryView {
  kind: string;
  id: string;
  occurredAt: string;
  summary: string;
  refs: Record<string, string>;
  by?: string;
}

export const ZONE = 'Europe/London';
export const ACROSS_KAFKA = { timeoutMs: 30_000, intervalMs: 200 };
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export const SITE_NAME = 'Riverside Recovery Hub';
export const SITE_ADDRESS = '14 Mill Lane, Exampletown';
export const ROOM_NAME = 'Clinic room 2';
export const PROVIDER = 'St Elsewhere Hepatology';

/** The instant a London wall-clock time on a London date is, as booking writes it. */
export function londonInstant(date: string, time: string): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toUTC().toJSDate().toISOString();
}

/** Booking's free slots of the service type that `token`'s holder may book, soonest first. */
export async function searchSlots(
  env: InreachEnvironment,
  token: string,
  serviceType: string,
): Promise<SlotView[]> {
  const found = await get<{ slots: SlotView[] }>(`${env.booking.url}/slots?serviceType=${serviceType}`, {
    token,
  });
  expect(found.status).toBe(200);
  return found.body.slots;
}

/** In-reach's sessions of a service from the first date to the last, as its coordinator sees them. */
export async function sessionsOf(
  env: InreachEnvironment,
  serviceId: string,
  dates: readonly string[],
): Promise<SessionView[]> {
  const listed = await get<SessionView[]>(
    `${env.inreach.url}/inreach/sessions?serviceId=${serviceId}&from=${dates[0]}&to=${dates[dates.length - 1]}`,
    { token: env.tokens.coordinator },
  );
  expect(listed.status).toBe(200);
  return listed.body;
}

export function expectProblem(response: HttpResponse, status: number, code?: string): Problem {
  expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
  const problem = response.body as Problem;
  expect({ status: response.status, problemStatus: problem.status }).toEqual({
    status,
    problemStatus: status,
  });
  if (code) expect(problem.code).toBe(code);
  return problem;
}

/** The coordinator's CDAS registered in booking with one site; resolves to the site's id. */
export async function registerHostSite(env: InreachEnvironment): Promise<string> {
  const asCoordinator = { token: env.tokens.coordinator };
  const organisation = await put(`${env.booking.url}/organisations/me`, {
    ...asCoordinator,
    body: { name: 'Riverside Recovery Service' },
  });
  expect(organisation.status).toBe(200);
  const site = await post<{ id: string }>(`${env.booking.url}/sites`, {
    ...asCoordinator,
    headers: { 'Idempotency-Key': randomUUID() },
    body: { name: SITE_NAME, address: SITE_ADDRESS },
  });
  expect(site.status).toBe(201);
  return site.body.id;
}

/** A visiting service at the site, once in-reach has heard of the site from booking. */
export async function createService(
  env: InreachEnvironment,
  siteId: string,
  service: { name: string; serviceType: string },
): Promise<ServiceView> {
  const key = randomUUID();
  return eventually(async () => {
    const created = await post<ServiceView>(`${env.inreach.url}/inreach/services`, {
      token: env.tokens.coordinator,
      headers: { 'Idempotency-Key': key },
      body: { siteId, ...service, providerName: PROVIDER },
    });
    expect(created.status).toBe(201);
    return created.body;
  }, ACROSS_KAFKA);
}

export async function createRoom(env: InreachEnvironment, siteId: string, name: string): Promise<string> {
  const room = await post<{ id: string }>(`${env.inreach.url}/inreach/rooms`, {
    token: env.tokens.coordinator,
    headers: { 'Idempotency-Key': randomUUID() },
    body: { siteId, name },
  });
  expect(room.status).toBe(201);
  return room.body.id;
}

/**
 * A weekly series of `weeks` sessions from two days ahead (always in the future, whatever the hour), in
 * 30-minute slots of one seat, published; resolves to its sessions' London dates.
 */
export async function publishWeeklySeries(
  env: InreachEnvironment,
  serviceId: string,
  roomId: string,
  times: { weeks: number; startTime: string; endTime: string },
): Promise<string[]> {
  const asCoordinator = { token: env.tokens.coordinator };
  const firstDay = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 2 });
  const dates = Array.from({ length: times.weeks }, (_, week) => firstDay.plus({ weeks: week }).toISODate()!);
  const created = await post<{ series: { id: string } }>(
    `${env.inreach.url}/inreach/services/${serviceId}/series`,
    {
      ...asCoordinator,
      headers: { 'Idempotency-Key': randomUUID() },
      body: {
        roomId,
        rrule: `FREQ=WEEKLY;BYDAY=${WEEKDAYS[firstDay.weekday - 1]};COUNT=${times.weeks}`,
        startTime: times.startTime,
        endTime: times.endTime,
        validFrom: dates[0],
        slotMinutes: 30,
        seatsPerSlot: 1,
        walkInAllowance: 2,
      },
    },
  );
  expect(created.status).toBe(201);
  const published = await post<{ sessionsPublished: number }>(
    `${env.inreach.url}/inreach/series/${created.body.series.id}/publish`,
    asCoordinator,
  );
  expect(published.status).toBe(200);
  expect(published.body.sessionsPublished).toBe(times.weeks);
  return dates;
}

/** A client registered by the keyworker in referrals, once booking has heard of them. */
export async function registerClient(
  env: InreachEnvironment,
  given: string,
  serviceType: string,
): Promise<string> {
  const client = await post<{ id: string }>(`${env.referrals.url}/clients`, {
    token: env.tokens.keyworker,
    body: { name: { given, family: 'Smith' }, dateOfBirth: '1978-04-02', siteId: env.keyworker.siteIds[0] },
  });
  expect(client.status).toBe(201);
  await eventually(async () => {
    const ranked = await get(
      `${env.booking.url}/slots?serviceType=${serviceType}&clientId=${client.body.id}`,
      {
        token: env.tokens.keyworker,
      },
    );
    expect(ranked.status).toBe(200);
  }, ACROSS_KAFKA);
  return client.body.id;
}

/** The keyworker holds the slot for the client and confirms it: a booked appointment. */
export async function book(
  env: InreachEnvironment,
  slotId: string,
  clientId: string,
): Promise<AppointmentView> {
  const asKeyworker = { token: env.tokens.keyworker };
  const held = await post<AppointmentView>(`${env.booking.url}/appointments/holds`, {
    ...asKeyworker,
    headers: { 'Idempotency-Key': randomUUID() },
    body: { slotId, clientId },
  });
  expect(held.status).toBe(201);
  const confirmed = await post<AppointmentView>(
    `${env.booking.url}/appointments/${held.body.id}/confirmation`,
    {
      ...asKeyworker,
      headers: { 'Idempotency-Key': randomUUID() },
      body: {},
    },
  );
  expect(confirmed.status).toBe(200);
  expect(confirmed.body).toMatchObject({ status: 'booked', slotId, clientId });
  return confirmed.body;
}

/** The client's timeline in referrals, as the keyworker reads it (newest first). */
export async function timelineOf(env: InreachEnvironment, clientId: string): Promise<TimelineEntryView[]> {
  const read = await get<{ entries: TimelineEntryView[] }>(
    `${env.referrals.url}/clients/${clientId}/timeline?limit=100`,
    { token: env.tokens.keyworker },
  );
  expect(read.status).toBe(200);
  return read.body.entries;
}

/** `Thu 4 Jun 2026, 10:00`: how the timeline writes an instant (London wall-clock time). */
export function asTimelineWrites(instant: string): string {
  return DateTime.fromISO(instant, { zone: ZONE }).setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm');
}
