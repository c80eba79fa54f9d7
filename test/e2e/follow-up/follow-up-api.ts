import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { isWorkingDay } from '@careloop/time';
import { eventually } from '@careloop/testing';
import { registerBookingSite } from '../support/booking-site';
import { get, post } from '../support/http';
import { readReferral } from '../support/referral-view';
import { ACROSS_KAFKA } from '../support/service-env';
import type { FollowUpEnvironment } from './follow-up-env';

/** What the follow-up journey reads over HTTP: the services' views, as much as it looks at. */
export interface AppointmentView {
  id: string;
  clientId: string;
  referralId: string | null;
  status: string;
  startsAt: string;
  attendance: { outcome: string; recordedAt: string } | null;
}

export interface TaskView {
  id: string;
  type: string;
  clientId: string;
  referralId: string | null;
  appointmentId: string | null;
  summary: string;
  detail: Record<string, unknown>;
  priority: string;
  dueAt: string;
  status: string;
  assigneeUserId: string | null;
  outcome: string | null;
  completedBy: string | null;
}

export interface TaskList {
  items: TaskView[];
  total: number;
  counts: { mine: number; team: number; overdue: number };
}

export interface TimelineEntry {
  kind: string;
  id: string;
  summary: string;
}

export interface ClientSmsView {
  kind: string;
  appointmentId: string | null;
  step: string | null;
  text: string | null;
  intent: string | null;
}

export const ZONE = 'Europe/London';
/** How far ahead a slot starts: booked and confirmed by text before it starts, "past" soon after. */
export const SLOT_LEAD_MS = 20_000;

export const HOSPITAL = 'Northgate Hospital';
export const HOSPITAL_ADDRESS = 'Northgate Hospital, Outpatients B, 1 Infirmary Road';
/** The clinics the two appointments are in (a diary's slots may not overlap: one room each). */
export const CLINICS = ['Hepatology clinic, room 1', 'Hepatology clinic, room 2'] as const;

/** The hospital registers itself in booking with its outpatients site; resolves to the site id. */
export const registerHospital = (env: FollowUpEnvironment): Promise<string> =>
  registerBookingSite(env, env.tokens.clinicAdmin, `${HOSPITAL} NHS Trust`, {
    name: HOSPITAL,
    address: HOSPITAL_ADDRESS,
  });

/** A clinic's diary of the service type at the hospital's site (one per clinic room); resolves to its id. */
export async function addClinicSchedule(
  env: FollowUpEnvironment,
  siteId: string,
  name: string,
  serviceType: string,
): Promise<string> {
  const schedule = await post<{ id: string }>(`${env.booking.url}/schedules`, {
    token: env.tokens.clinicAdmin,
    body: { siteId, kind: 'clinic', name, serviceType },
  });
  expect(schedule.status).toBe(201);
  return schedule.body.id;
}

/** The clinic publishes one 20-minute slot of one seat starting SLOT_LEAD_MS from now. */
export async function publishSlotSoon(
  env: FollowUpEnvironment,
  scheduleId: string,
): Promise<{ id: string; startsAt: string }> {
  const startsAt = new Date(Date.now() + SLOT_LEAD_MS);
  startsAt.setMilliseconds(0);
  const published = await post<{ published: number; slots: { id: string; startsAt: string }[] }>(
    `${env.booking.url}/slots`,
    {
      token: env.tokens.clinicAdmin,
      headers: { 'Idempotency-Key': randomUUID() },
      body: {
        scheduleId,
        slots: [
          {
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 20 * 60_000).toISOString(),
            capacity: 1,
          },
        ],
      },
    },
  );
  expect({ status: published.status, body: published.body }).toMatchObject({
    status: 201,
    body: { published: 1 },
  });
  return published.body.slots[0]!;
}

/** The keyworker finds the slot in booking's ranked search and books it for the client's referral. */
export async function bookForReferral(
  env: FollowUpEnvironment,
  search: { serviceType: string; clientId: string },
  slotId: string,
  referralId: string,
): Promise<AppointmentView> {
  const asKeyworker = { token: env.tokens.keyworker };
  const found = await get<{ slots: { id: string }[] }>(
    `${env.booking.url}/slots?${new URLSearchParams(search).toString()}`,
    asKeyworker,
  );
  expect(found.status).toBe(200);
  expect(found.body.slots.map((s) => s.id)).toContain(slotId);
  const booked = await post<AppointmentView>(`${env.booking.url}/appointments`, {
    ...asKeyworker,
    headers: { 'Idempotency-Key': randomUUID() },
    body: { slotId, clientId: search.clientId, referralId },
  });
  expect(booked.status).toBe(201);
  expect(booked.body).toMatchObject({ status: 'booked', clientId: search.clientId, referralId });
  return booked.body;
}

/** The clinic records what happened, as soon as the appointment has started (refused before). */
export async function recordAttendance(
  env: FollowUpEnvironment,
  appointmentId: string,
  outcome: 'attended' | 'did_not_attend',
): Promise<AppointmentView> {
  return eventually(
    async () => {
      const recorded = await post<AppointmentView>(
        `${env.booking.url}/appointments/${appointmentId}/attendance`,
        {
          token: env.tokens.clinicAdmin,
          body: { outcome },
        },
      );
      expect(recorded.status).toBe(200);
      expect(recorded.body.attendance).toMatchObject({ outcome });
      return recorded.body;
    },
    { timeoutMs: SLOT_LEAD_MS + 20_000, intervalMs: 500 },
  );
}

/** Waits until referrals shows the referral in the status (booking's events cross Kafka). */
export const referralReaches = (env: FollowUpEnvironment, id: string, status: string) =>
  eventually(async () => {
    const referral = await readReferral(env, id);
    expect(referral.status).toBe(status);
    return referral;
  }, ACROSS_KAFKA);

/** GET /tasks as the keyworker, with the query. */
export async function tasks(env: FollowUpEnvironment, query: string): Promise<TaskList> {
  const listed = await get<TaskList>(`${env.referrals.url}/tasks?${query}`, { token: env.tokens.keyworker });
  expect(listed.status).toBe(200);
  return listed.body;
}

export async function completeTask(
  env: FollowUpEnvironment,
  taskId: string,
  outcome: string,
  note?: string,
): Promise<TaskView> {
  const completed = await post<TaskView>(`${env.referrals.url}/tasks/${taskId}/complete`, {
    token: env.tokens.keyworker,
    headers: { 'Idempotency-Key': randomUUID() },
    body: { outcome, ...(note ? { note } : {}) },
  });
  expect(completed.status).toBe(200);
  return completed.body;
}

/** The client's whole timeline (newest first), as the keyworker reads it. */
export async function timelineOf(env: FollowUpEnvironment, clientId: string): Promise<TimelineEntry[]> {
  const read = await get<{ entries: TimelineEntry[]; nextBefore: string | null }>(
    `${env.referrals.url}/clients/${clientId}/timeline?limit=100`,
    { token: env.tokens.keyworker },
  );
  expect(read.status).toBe(200);
  expect(read.body.nextBefore).toBeNull();
  return read.body.entries;
}

/** The client's SMS history in referrals, as the keyworker reads it. */
export async function smsOf(env: FollowUpEnvironment, clientId: string): Promise<ClientSmsView[]> {
  const read = await get<{ items: ClientSmsView[] }>(
    `${env.referrals.url}/clients/${clientId}/sms?limit=100`,
    {
      token: env.tokens.keyworker,
    },
  );
  expect(read.status).toBe(200);
  return read.body.items;
}

/** The client's appointments as booking shows them to the keyworker. */
export async function appointmentsOf(env: FollowUpEnvironment, clientId: string): Promise<AppointmentView[]> {
  const read = await get<AppointmentView[]>(`${env.booking.url}/appointments?clientId=${clientId}`, {
    token: env.tokens.keyworker,
  });
  expect(read.status).toBe(200);
  return read.body;
}

/**
 * 17:00 London on the first working day (Monday to Friday, England and Wales bank holidays excepted)
 * after the instant's London date: when a follow-up of something that happened then is due.
 */
export function endOfNextWorkingDay(instant: string): string {
  let day = DateTime.fromISO(instant, { zone: ZONE }).startOf('day');
  do day = day.plus({ days: 1 });
  while (!isWorkingDay(day.toISODate()!));
  return day.set({ hour: 17 }).toUTC().toISO({ suppressMilliseconds: false })!;
}

/** "Tue 3 Jun at 10:30": how a text writes an instant (London wall clock). */
export const asTextWrites = (instant: string) =>
  DateTime.fromISO(instant, { zone: ZONE }).setLocale('en-US').toFormat("ccc d LLL 'at' HH:mm");
