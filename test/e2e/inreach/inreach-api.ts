import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { eventually } from '@careloop/testing';
import { registerBookingSite } from '../support/booking-site';
import { get, post, PROBLEM_JSON, type HttpResponse, type Problem } from '../support/http';
import type { InreachEnvironment } from '../support/inreach-env';
import type { ReferralView } from '../support/referral-view';
import { ACROSS_KAFKA } from '../support/service-env';

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
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
  seatsPerSlot: number;
  /** Whole slots booking makes of the session. */
  bookableSlots: number;
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
  referralId: string | null;
  status: string;
  slotId: string;
  location: string;
  startsAt: string;
  slotWithdrawn: boolean;
  slotWithdrawnReason: string | null;
  /** For a hold: when its seat goes back unless confirmed; null once booked. */
  holdExpiresAt: string | null;
  bookedBy: string;
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

/**
 * The coordinator's CDAS registered in booking with one site; resolves to the site's id. `token`: another
 * CDAS's coordinator instead.
 */
export async function registerHostSite(
  env: InreachEnvironment,
  token: string = env.tokens.coordinator,
): Promise<string> {
  return registerBookingSite(env, token, 'Riverside Recovery Service', {
    name: SITE_NAME,
    address: SITE_ADDRESS,
  });
}

/**
 * A visiting service at the site, once in-reach has heard of the site from booking. `token`: another
 * CDAS's coordinator, at a site of theirs.
 */
export async function createService(
  env: InreachEnvironment,
  siteId: string,
  service: { name: string; serviceType: string },
  token: string = env.tokens.coordinator,
): Promise<ServiceView> {
  const key = randomUUID();
  return eventually(async () => {
    const created = await post<ServiceView>(`${env.inreach.url}/inreach/services`, {
      token,
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

/** When a weekly series' sessions run, London wall-clock time. */
export interface WeeklyTimes {
  weeks: number;
  startTime: string;
  endTime: string;
}

/**
 * A weekly series of `weeks` sessions from two days ahead (always in the future, whatever the hour), in
 * 30-minute slots of one seat, still planned (not published); resolves to its id and its sessions'
 * London dates.
 */
export async function createWeeklySeries(
  env: InreachEnvironment,
  serviceId: string,
  roomId: string,
  times: WeeklyTimes,
): Promise<{ seriesId: string; dates: string[] }> {
  const firstDay = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 2 });
  const dates = Array.from({ length: times.weeks }, (_, week) => firstDay.plus({ weeks: week }).toISODate()!);
  const created = await post<{ series: { id: string } }>(
    `${env.inreach.url}/inreach/services/${serviceId}/series`,
    {
      token: env.tokens.coordinator,
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
  return { seriesId: created.body.series.id, dates };
}

/**
 * A weekly series of `weeks` sessions from two days ahead (always in the future, whatever the hour), in
 * 30-minute slots of one seat, published; resolves to its sessions' London dates.
 */
export async function publishWeeklySeries(
  env: InreachEnvironment,
  serviceId: string,
  roomId: string,
  times: WeeklyTimes,
): Promise<string[]> {
  const { seriesId, dates } = await createWeeklySeries(env, serviceId, roomId, times);
  const published = await post<{ sessionsPublished: number }>(
    `${env.inreach.url}/inreach/series/${seriesId}/publish`,
    { token: env.tokens.coordinator },
  );
  expect(published.status).toBe(200);
  expect(published.body.sessionsPublished).toBe(times.weeks);
  return dates;
}

/** The coordinator publishes one planned session: booking makes its slots. */
export async function publishSession(env: InreachEnvironment, sessionId: string): Promise<SessionView> {
  const published = await post<SessionView>(`${env.inreach.url}/inreach/sessions/${sessionId}/publish`, {
    token: env.tokens.coordinator,
  });
  expect(published.status).toBe(200);
  expect(published.body).toMatchObject({ id: sessionId, status: 'published' });
  return published.body;
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

/** An appointment as booking shows it to the keyworker. */
export async function readAppointment(env: InreachEnvironment, id: string): Promise<AppointmentView> {
  const read = await get<AppointmentView>(`${env.booking.url}/appointments/${id}`, {
    token: env.tokens.keyworker,
  });
  expect(read.status).toBe(200);
  return read.body;
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

export type Urgency = 'urgent' | 'soon' | 'routine';

/** A referral body putting the client on the in-reach service's waiting list (sent at once). */
export const inreachReferral = (needId: string, inreachServiceId: string, urgency: Urgency) => ({
  needId,
  destinationKind: 'inreach',
  destinationName: 'Hepatitis C treatment clinic',
  inreachServiceId,
  urgency,
  reason: 'Hepatitis C antibody positive on a dried blood spot test: treatment',
});

/** The client's hepatitis C need, recorded in referrals by `token`'s holder; resolves to its id. */
export async function recordNeed(
  env: InreachEnvironment,
  clientId: string,
  token: string = env.tokens.keyworker,
): Promise<string> {
  const need = await post<{ id: string }>(`${env.referrals.url}/clients/${clientId}/needs`, {
    token,
    body: { category: 'hepatitis_c' },
  });
  expect(need.status).toBe(201);
  return need.body.id;
}

/** POST /clients/:clientId/referrals, as `token`'s holder. */
export const postReferral = (
  env: InreachEnvironment,
  clientId: string,
  body: unknown,
  token: string = env.tokens.keyworker,
): Promise<HttpResponse<ReferralView>> =>
  post<ReferralView>(`${env.referrals.url}/clients/${clientId}/referrals`, { token, body });

/**
 * The keyworker refers the client to the in-reach service (sending it if it was kept as a draft):
 * the client joins its waiting list. Resolves to the referral, sent.
 */
export async function referToInreach(
  env: InreachEnvironment,
  clientId: string,
  serviceId: string,
  urgency: Urgency,
): Promise<ReferralView> {
  const needId = await recordNeed(env, clientId);
  const created = await postReferral(env, clientId, inreachReferral(needId, serviceId, urgency));
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ clientId, destinationKind: 'inreach', urgency });
  if (created.body.status !== 'draft') {
    expect(created.body.status).toBe('sent');
    return created.body;
  }
  const sent = await post<ReferralView>(`${env.referrals.url}/referrals/${created.body.id}/actions`, {
    token: env.tokens.keyworker,
    body: { type: 'send' },
  });
  expect(sent.status).toBe(200);
  expect(sent.body.status).toBe('sent');
  return sent.body;
}

/** An offer of a seat as in-reach lists it for the keyworker, as much as the specs look at. */
export interface OfferView {
  id: string;
  status: string;
  clientId: string;
  client: { givenName: string; familyName: string; preferredName: string | null } | null;
  referralId: string;
  keyworkerId: string;
  service: { id: string; name: string; providerName: string };
  session: { id: string; startsAt: string; endsAt: string; status: string };
  place: { siteName: string; roomName: string; address: string };
  offeredAt: string;
  expiresAt: string;
  /** Booking's held (then booked) appointment; null until booking holds the seat. */
  appointmentId: string | null;
  endReason: string | null;
}

/** GET /inreach/offers with the query (e.g. `serviceId=...&status=open`), as the keyworker: newest first. */
export async function offersOf(env: InreachEnvironment, query: string): Promise<OfferView[]> {
  const listed = await get<{ items: OfferView[] }>(`${env.inreach.url}/inreach/offers?${query}`, {
    token: env.tokens.keyworker,
  });
  expect(listed.status).toBe(200);
  return listed.body.items;
}

/** A client waiting for an in-reach service, as much as the specs look at. */
export interface WaitingEntryView {
  position: number;
  referralId: string;
  clientId: string;
  urgency: string;
  /** Their live offer, if any. */
  currentOffer: { offerId: string; status: string; sessionId: string; appointmentId: string | null } | null;
}

/**
 * The clients waiting for an in-reach service (GET /inreach/services/:id/waiting-list), in the order
 * they would be offered a seat, as `token`'s holder (the coordinator) reads them.
 */
export async function waitingListOf(
  env: InreachEnvironment,
  serviceId: string,
  token: string = env.tokens.coordinator,
): Promise<WaitingEntryView[]> {
  const listed = await get<{ items: WaitingEntryView[] }>(
    `${env.inreach.url}/inreach/services/${serviceId}/waiting-list`,
    { token },
  );
  expect(listed.status).toBe(200);
  return listed.body.items;
}

/** A session's day sheet (JSON), as the coordinator reads it: its booked clients in time order. */
export interface DaySheetView {
  session: { id: string; startsAt: string };
  booked: { appointmentId: string; clientId: string; client: { givenName: string } | null }[];
}

export async function daySheetOf(env: InreachEnvironment, sessionId: string): Promise<DaySheetView> {
  const read = await get<DaySheetView>(`${env.inreach.url}/inreach/sessions/${sessionId}/day-sheet`, {
    token: env.tokens.coordinator,
  });
  expect(read.status).toBe(200);
  return read.body;
}

/** A text sent to the client, as referrals' care record shows it. */
export interface SentSmsView {
  kind: string;
  appointmentId: string | null;
  step: string | null;
  text: string | null;
}

/** The texts sent to the client, as the keyworker reads them in referrals. */
export async function smsSentTo(env: InreachEnvironment, clientId: string): Promise<SentSmsView[]> {
  const history = await get<{ items: SentSmsView[] }>(`${env.referrals.url}/clients/${clientId}/sms`, {
    token: env.tokens.keyworker,
  });
  expect(history.status).toBe(200);
  return history.body.items.filter((item) => item.kind === 'sent');
}
