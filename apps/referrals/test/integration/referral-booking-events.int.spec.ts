import { randomUUID } from 'node:crypto';
import { eventually } from '@careloop/testing';
import { CreateReferral } from '../../src/referral/create-referral';
import { GetReferral } from '../../src/referral/get-referral';
import { ApplyReferralAction } from '../../src/referral/apply-referral-action';
import { referralActionBody } from '../../src/referral/referral.dto';
import { startReferralsOverKafka, type ReferralsOverKafka } from '../support/referrals-over-kafka';
import { aPrincipal, aReferralBody, anAppointment, insertClient } from './referral-fixture';
import { RecordNeed } from '../../src/need/record-need';

/**
 * The referrals service as it runs, on real Postgres and a real Kafka broker: booking's appointment
 * events, published to booking's topic as booking publishes them, close the referral's loop.
 */
describe('booking appointment events over real Kafka move referrals', () => {
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  let env: ReferralsOverKafka;

  beforeAll(async () => {
    env = await startReferralsOverKafka({
      label: 'ref-booking-events',
      producer: 'booking',
      keyOf: (e) => (e.data as { appointmentId: string }).appointmentId,
    });
  }, 90_000);
  afterAll(() => env?.close(), 60_000);

  async function aSentReferral() {
    const clientId = await insertClient(env.db, worker.orgId);
    const need = await env.running.app
      .get(RecordNeed)
      .execute(worker, clientId, { category: 'respiratory_copd' }, undefined);
    const { result } = await env.running.app
      .get(CreateReferral)
      .execute(worker, clientId, aReferralBody(need.result.id), undefined);
    return result;
  }
  const read = (referralId: string) => env.running.app.get(GetReferral).execute(worker, referralId);
  const appointmentStatus = async (appointmentId: string) =>
    (
      (await env.db.dataSource.query(
        `SELECT status FROM referrals.client_appointment WHERE appointment_id = $1`,
        [appointmentId],
      )) as { status: string }[]
    )[0]?.status;

  it('booked -> did not attend -> booked -> attended; a redelivered event changes nothing', async () => {
    const referral = await aSentReferral();
    const first = anAppointment(worker.orgId, referral.clientId, referral.id);
    const booked = first.booked();
    const missed = first.attendance('cancelled_late');
    await env.publish(booked, missed);
    await eventually(async () => expect((await read(referral.id)).status).toBe('did_not_attend'), {
      timeoutMs: 30_000,
    });
    expect(await appointmentStatus(first.appointmentId)).toBe('cancelled_late');

    const second = anAppointment(worker.orgId, referral.clientId, referral.id);
    const attended = second.attendance('attended', '2026-11-17T11:00:00Z');
    const rebooked = second.booked('2026-11-17T10:00:00Z', '2026-11-12T09:00:00Z');
    await env.publish(rebooked, attended);
    const done = await eventually(
      async () => {
        const r = await read(referral.id);
        expect(r.status).toBe('attended');
        return r;
      },
      { timeoutMs: 30_000 },
    );
    expect(done.history!.map((h) => [h.toStatus, h.action, h.source, h.changedBy])).toEqual([
      ['sent', 'create', 'staff', worker.userId],
      ['booked', 'appointment-booked', 'event', 'system:booking'],
      ['did_not_attend', 'did-not-attend', 'event', 'system:booking'],
      ['booked', 'appointment-booked', 'event', 'system:booking'],
      ['attended', 'attended', 'event', 'system:booking'],
    ]);
    expect(done.history![2]).toMatchObject({ appointmentId: first.appointmentId, reason: 'cancelled late' });

    // Redelivery: the same events again, each followed by a marker on the SAME key (appointment id):
    // one partition, in order, so once a marker is in the projection its key's duplicates were handled.
    // The markers move no referral (a superseded slot's cancellation; an attended referral is not overdue).
    await env.publish(booked, missed, first.cancelled('2026-11-18T09:00:00Z'));
    await env.publish(rebooked, attended, second.outcomeOverdue('2026-11-18T09:00:00Z'));
    await eventually(
      async () => {
        expect(await appointmentStatus(first.appointmentId)).toBe('cancelled');
        expect(await appointmentStatus(second.appointmentId)).toBe('outcome_unknown');
      },
      { timeoutMs: 30_000 },
    );
    expect((await read(referral.id)).version).toBe(done.version);

    // Events out: one status change per move, from the system, with the appointment.
    const events: { payload: { actor: unknown; data: Record<string, unknown> } }[] =
      await env.db.dataSource.query(
        `SELECT payload FROM referrals.outbox WHERE message_key = $1 AND event_type = 'referral.status-changed.v1' ORDER BY seq`,
        [referral.id],
      );
    expect(events.map((e) => [e.payload.data['from'], e.payload.data['to']])).toEqual([
      ['sent', 'booked'],
      ['booked', 'did_not_attend'],
      ['did_not_attend', 'booked'],
      ['booked', 'attended'],
    ]);
    expect(events[3]!.payload).toMatchObject({
      actor: { kind: 'system', id: 'system:booking' },
      data: { source: 'event', appointmentId: second.appointmentId, changedBy: 'system:booking' },
    });
  });

  it('records a late attendance for a closed referral in the projection only: ignored, not dead-lettered', async () => {
    const referral = await aSentReferral();
    const appointment = anAppointment(worker.orgId, referral.clientId, referral.id);
    await env.publish(appointment.booked());
    await eventually(async () => expect((await read(referral.id)).status).toBe('booked'), {
      timeoutMs: 30_000,
    });
    await env.running.app
      .get(ApplyReferralAction)
      .execute(
        worker,
        referral.id,
        referralActionBody.parse({ type: 'close', outcome: 'treated_elsewhere', reason: 'Seen at A&E' }),
        undefined,
      );

    const late = appointment.attendance('attended');
    await env.publish(late);
    await eventually(
      async () => expect(await appointmentStatus(appointment.appointmentId)).toBe('attended'),
      {
        timeoutMs: 30_000,
      },
    );
    const after = await read(referral.id);
    expect(after.status).toBe('closed');
    expect(after.history!.at(-1)).toMatchObject({ toStatus: 'closed', source: 'staff' });
    expect(env.deadLetters.map((d) => d.eventId)).not.toContain(late.id);
  });

  it("keeps what the reports need: when it was booked, whether it used a clinic's reserved slot, its in-reach session", async () => {
    const referral = await aSentReferral();
    const facts = async (appointmentId: string) =>
      (
        (await env.db.dataSource.query(
          `SELECT booked_at, under_reservation, inreach_session_id FROM referrals.client_appointment
            WHERE appointment_id = $1`,
          [appointmentId],
        )) as { booked_at: Date; under_reservation: boolean | null; inreach_session_id: string | null }[]
      )[0];
    const reserved = anAppointment(worker.orgId, referral.clientId, referral.id);
    const session = randomUUID();
    await env.publish(
      reserved.booked('2026-11-10T10:00:00Z', '2026-11-03T09:00:00Z', { underReservation: true }),
      // Moved into an in-reach session's seat: no longer a clinic's reserved capacity.
      reserved.rescheduled('2026-11-12T10:00:00Z', '2026-11-04T09:00:00Z', {
        underReservation: false,
        inreachSessionId: session,
      }),
    );
    const older = anAppointment(worker.orgId, referral.clientId, referral.id);
    // An event from before booking said so: unknown, not "general".
    await env.publish(older.booked('2026-11-20T10:00:00Z', '2026-11-05T09:00:00Z'));
    await eventually(
      async () => {
        expect(await facts(reserved.appointmentId)).toEqual({
          booked_at: new Date('2026-11-03T09:00:00Z'),
          under_reservation: false,
          inreach_session_id: session,
        });
        expect(await facts(older.appointmentId)).toEqual({
          booked_at: new Date('2026-11-05T09:00:00Z'),
          under_reservation: null,
          inreach_session_id: null,
        });
      },
      { timeoutMs: 30_000 },
    );
  });

  it('dead-letters an event for a client this service does not know, and moves on', async () => {
    const stranger = anAppointment(worker.orgId, randomUUID(), null);
    const unknown = stranger.booked();
    await env.publish(unknown);
    await eventually(() => expect(env.deadLetters.find((d) => d.eventId === unknown.id)).toBeDefined(), {
      timeoutMs: 30_000,
    });
    expect(env.deadLetters.find((d) => d.eventId === unknown.id)!.code).toBe('CLIENT_NOT_FOUND');
    expect(await appointmentStatus(stranger.appointmentId)).toBeUndefined();
  });
});
