import { randomUUID } from 'node:crypto';
import { eventually } from '@careloop/testing';
import { get, post } from '../support/http';
import {
  INREACH_ENV_START_TIMEOUT_MS,
  INREACH_ENV_STOP_TIMEOUT_MS,
  startInreachEnvironment,
  type InreachEnvironment,
} from '../support/inreach-env';
import { scenarioIn } from '../support/scenario';
import { ACROSS_KAFKA } from '../support/service-env';
import {
  asTimelineWrites,
  book,
  createRoom,
  createService,
  londonInstant,
  PROVIDER,
  publishWeeklySeries,
  registerClient,
  registerHostSite,
  searchSlots,
  sessionsOf,
  SITE_ADDRESS,
  timelineOf,
  type AppointmentView,
  type SessionView,
  type SlotView,
  type TimelineEntryView,
} from './inreach-api';

/** Who booking names as having moved an appointment out of a cancelled session. */
const CASCADE = 'system:inreach-cascade';

/**
 * The in-reach cancellation cascade across processes: booking, in-reach and referrals run separately
 * over real Kafka, Postgres and Redis, driven over HTTP only. A coordinator cancels a published
 * session in in-reach; booking withdraws its slots and, on its timer, moves each booked client to the
 * next session of the same service with room, or, when there is none, leaves the appointment booked
 * and tells the keyworker to rebook; referrals shows either on the client's timeline.
 */
describe('in-reach: a cancelled session moves its booked clients, across running services', () => {
  let env: InreachEnvironment | undefined;
  let siteId: string;

  beforeAll(async () => {
    env = await startInreachEnvironment();
    siteId = await registerHostSite(env);
  }, INREACH_ENV_START_TIMEOUT_MS);

  afterAll(async () => {
    await env?.stop();
  }, INREACH_ENV_STOP_TIMEOUT_MS);

  const scenario = scenarioIn(
    () => env,
    (e) => [e.booking, e.inreach, e.referrals],
  );

  /** A published weekly service of two sessions in its own room, and their slots once booking made them. */
  async function twoWeeklySessions(
    e: InreachEnvironment,
    service: { name: string; room: string; startTime: string; endTime: string; slotsEach: number },
  ) {
    const serviceType = `${service.name.toLowerCase().replace(/\W+/g, '_')}_${randomUUID().slice(0, 8)}`;
    const created = await createService(e, siteId, { name: service.name, serviceType });
    const roomId = await createRoom(e, siteId, service.room);
    const dates = await publishWeeklySeries(e, created.id, roomId, {
      weeks: 2,
      startTime: service.startTime,
      endTime: service.endTime,
    });
    const slots = await eventually(async () => {
      const found = await searchSlots(e, e.tokens.keyworker, serviceType);
      expect(found).toHaveLength(2 * service.slotsEach);
      return found;
    }, ACROSS_KAFKA);
    const sessions = await sessionsOf(e, created.id, dates);
    const first = sessions.find((s) => s.date === dates[0])!;
    const ofSession = (date: string): SlotView[] => slots.filter((s) => inDay(s, date));
    return { serviceType, dates, first, firstSlots: ofSession(dates[0]!), laterSlots: ofSession(dates[1]!) };
  }

  const cancel = async (e: InreachEnvironment, session: SessionView, reason: string) => {
    const cancelled = await post<SessionView>(`${e.inreach.url}/inreach/sessions/${session.id}/cancel`, {
      token: e.tokens.coordinator,
      body: { reason },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: session.id, status: 'cancelled', cancelReason: reason });
  };
  const appointment = async (e: InreachEnvironment, id: string) => {
    const read = await get<AppointmentView>(`${e.booking.url}/appointments/${id}`, {
      token: e.tokens.keyworker,
    });
    expect(read.status).toBe(200);
    return read.body;
  };
  const timelineEntry = (e: InreachEnvironment, clientId: string, kind: string) =>
    eventually(async () => {
      const found = (await timelineOf(e, clientId)).filter((entry) => entry.kind === kind);
      expect(found).toHaveLength(1);
      return found[0]!;
    }, ACROSS_KAFKA);

  scenario(
    'moves a booked client to the next weekly session and shows the move on their timeline',
    120_000,
    async (e) => {
      const room = 'Clinic room 2';
      const { serviceType, first, firstSlots, laterSlots } = await twoWeeklySessions(e, {
        name: 'Hepatitis C treatment',
        room,
        startTime: '10:00',
        endTime: '11:00',
        slotsEach: 2,
      });
      const clientId = await registerClient(e, 'Joanne', serviceType);
      const booked = await book(e, firstSlots[0]!.id, clientId);

      await cancel(e, first, 'Specialist off sick');

      // Booking moves the appointment to the earliest free slot of the next session: the same time a
      // week later, at the same CDAS site. Nothing is cancelled, and the old slot is no longer its.
      const target = laterSlots[0]!;
      const moved = await eventually(async () => {
        const read = await appointment(e, booked.id);
        expect(read.startsAt).toBe(target.startsAt);
        return read;
      }, ACROSS_KAFKA);
      expect(moved).toMatchObject({
        status: 'booked',
        clientId,
        slotId: target.id,
        location: `${room}, ${SITE_ADDRESS}`,
        slotWithdrawn: false,
      });
      // The cancelled session's slots are gone and the seat the client took is no longer free.
      expect((await searchSlots(e, e.tokens.keyworker, serviceType)).map((s) => s.id)).toEqual([
        laterSlots[1]!.id,
      ]);

      // The keyworker sees the move on the client's timeline, made by the cascade, and the appointment
      // now placed at its new time.
      const entry = await timelineEntry(e, clientId, 'appointment_rescheduled');
      expect(entry).toMatchObject<Partial<TimelineEntryView>>({
        summary:
          `Appointment with ${PROVIDER} (${serviceType}) moved from ${asTimelineWrites(booked.startsAt)} ` +
          `to ${asTimelineWrites(target.startsAt)} at ${room}, ${SITE_ADDRESS}`,
        refs: { appointmentId: booked.id },
        by: CASCADE,
      });
      const appointments = (await timelineOf(e, clientId)).filter((x) => x.kind === 'appointment');
      expect(appointments.map((x) => [x.id, x.occurredAt])).toEqual([[booked.id, target.startsAt]]);
    },
  );

  scenario(
    'leaves the client booked and tells the keyworker to rebook when the only later session is full',
    120_000,
    async (e) => {
      const { serviceType, first, firstSlots, laterSlots } = await twoWeeklySessions(e, {
        name: 'Wound care',
        room: 'Clinic room 3',
        startTime: '14:00',
        endTime: '14:30',
        slotsEach: 1,
      });
      const stranded = await registerClient(e, 'Maria', serviceType);
      const other = await registerClient(e, 'Dev', serviceType);
      const strandedBooking = await book(e, firstSlots[0]!.id, stranded);
      const otherBooking = await book(e, laterSlots[0]!.id, other);

      await cancel(e, first, 'Room flooded');

      // Nowhere to go: the keyworker is told on the client's timeline, by the cascade.
      const entry = await timelineEntry(e, stranded, 'appointment_rebook_needed');
      expect(entry).toMatchObject<Partial<TimelineEntryView>>({
        summary:
          `In-reach session with ${PROVIDER} (${serviceType}) on ${asTimelineWrites(strandedBooking.startsAt)} ` +
          'was cancelled and no other session had room: rebook',
        refs: { appointmentId: strandedBooking.id },
        by: CASCADE,
      });
      // The appointment is never cancelled by the system: it stays booked, shown in a withdrawn slot;
      // the client in the full session keeps their place.
      expect(await appointment(e, strandedBooking.id)).toMatchObject({
        status: 'booked',
        slotId: firstSlots[0]!.id,
        slotWithdrawn: true,
        slotWithdrawnReason: 'In-reach session cancelled: Room flooded',
      });
      expect(await appointment(e, otherBooking.id)).toMatchObject({
        status: 'booked',
        slotId: laterSlots[0]!.id,
        slotWithdrawn: false,
      });
      expect((await timelineOf(e, stranded)).map((x) => x.kind)).not.toContain('appointment_rescheduled');
      expect((await timelineOf(e, other)).map((x) => x.kind)).not.toContain('appointment_rebook_needed');
    },
  );
});

/** Whether the slot starts on the London date. */
function inDay(slot: SlotView, date: string): boolean {
  return slot.startsAt >= londonInstant(date, '00:00') && slot.startsAt < londonInstant(date, '23:59');
}
