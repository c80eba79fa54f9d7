import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';
import { eventually } from '@careloop/testing';
import { RecordNeed } from '../../src/need/record-need';
import { CreateReferral } from '../../src/referral/create-referral';
import { GetReferral } from '../../src/referral/get-referral';
import type { ReferralsOverKafka } from '../support/referrals-over-kafka';
import { aWalkIn, anInreachAppointment, CASCADE, republished } from './inreach-care-events';
import { startReferralsOverInreachKafka, timelineEntriesOf } from './inreach-over-kafka';
import { aPrincipal, aReferralBody, insertClient } from './referral-fixture';

const CARE_KINDS = ['appointment_rescheduled', 'appointment_rebook_needed', 'walk_in'];
const WITHIN_KAFKA = { timeoutMs: 30_000 };

/**
 * The referrals service as it runs, on real Postgres, a real Kafka broker and real tokens: what the
 * in-reach cancellation cascade did (moved an appointment, or could not: rebook) and walk-ins at
 * in-reach sessions, published by booking and in-reach as they publish them, reach the client's
 * timeline once each, for the client's organisation only.
 */
describe('in-reach moves, rebooks and walk-ins on the client timeline over real Kafka', () => {
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  const elsewhere = aPrincipal({ orgId: `org-${randomUUID()}` });
  let env: ReferralsOverKafka;

  beforeAll(async () => {
    env = await startReferralsOverInreachKafka('ref-care-events');
  }, 90_000);
  afterAll(() => env?.close(), 60_000);

  const careRows = async (clientId: string) =>
    (
      (await env.db.dataSource.query(
        `SELECT count(*)::int AS n FROM referrals.client_care_event WHERE client_id = $1`,
        [clientId],
      )) as { n: number }[]
    )[0]!.n;
  const appointmentStatus = async (appointmentId: string) =>
    (
      (await env.db.dataSource.query(
        `SELECT status FROM referrals.client_appointment WHERE appointment_id = $1`,
        [appointmentId],
      )) as { status: string }[]
    )[0]?.status;
  const careEntries = (who: Principal, clientId: string) => timelineEntriesOf(env, who, clientId, CARE_KINDS);

  async function anInreachReferral(clientId: string) {
    const need = await env.running.app
      .get(RecordNeed)
      .execute(worker, clientId, { category: 'hepatitis_c' }, undefined);
    const body = aReferralBody(need.result.id, {
      destinationKind: 'inreach',
      destinationName: 'Hepatitis C clinic at Riverside',
    });
    return (await env.running.app.get(CreateReferral).execute(worker, clientId, body, undefined)).result;
  }
  const readReferral = (id: string) => env.running.app.get(GetReferral).execute(worker, id);

  it('shows a cascade move, a rebook and a walk-in once each, even delivered twice; no referral moves', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    const referral = await anInreachReferral(clientId);
    const moved = anInreachAppointment(worker.orgId, clientId, { startsAt: '2026-11-05T10:00:00Z' });
    const stranded = anInreachAppointment(worker.orgId, clientId, {
      referralId: referral.id,
      startsAt: '2026-11-05T10:30:00Z',
    });
    const move = moved.movedByCascade({ startsAt: '2026-11-12T10:00:00Z' });
    const rebook = stranded.rebookNeeded();
    const walkIn = aWalkIn(worker.orgId, clientId, { seenAt: '2026-11-05T11:40:00Z' });
    await env.publish(moved.booked(), move, stranded.booked(), rebook, walkIn);
    await eventually(async () => expect(await careRows(clientId)).toBe(3), WITHIN_KAFKA);

    // Redelivered, and the rebook and walk-in reported again under new ids; then one event on each
    // key that shows it was handled: everything before it on that partition was too.
    const markerWalkIn = aWalkIn(worker.orgId, clientId, {
      sessionId: walkIn.data.sessionId,
      seenAt: '2026-11-05T11:50:00Z',
      serviceName: 'Wound care drop-in',
    });
    await env.publish(move, moved.attended());
    await env.publish(rebook, republished(rebook), stranded.cancelledByKeyworker());
    await env.publish(walkIn, republished(walkIn), markerWalkIn);
    await eventually(async () => {
      expect(await appointmentStatus(moved.appointmentId)).toBe('attended');
      expect(await appointmentStatus(stranded.appointmentId)).toBe('cancelled');
      expect(await careRows(clientId)).toBe(4);
    }, WITHIN_KAFKA);

    expect(await careEntries(worker, clientId)).toEqual([
      {
        kind: 'walk_in',
        id: markerWalkIn.id,
        occurredAt: '2026-11-05T11:50:00.000Z',
        summary: 'Seen at Wound care drop-in without a booking',
        refs: {},
        by: 'user-coordinator',
      },
      {
        kind: 'walk_in',
        id: walkIn.id,
        occurredAt: '2026-11-05T11:40:00.000Z',
        summary: 'Seen at Hepatitis C treatment without a booking',
        refs: {},
        by: 'user-coordinator',
      },
      {
        kind: 'appointment_rescheduled',
        id: move.id,
        occurredAt: '2026-10-29T16:00:00.000Z',
        summary:
          'Appointment with St Elsewhere Hepatology (hepatitis C treatment) moved from Thu 5 Nov 2026, 10:00 ' +
          'to Thu 12 Nov 2026, 10:00 at Clinic room 3, 14 Mill Lane, Exampletown',
        refs: { appointmentId: moved.appointmentId },
        by: CASCADE.id,
      },
      {
        kind: 'appointment_rebook_needed',
        id: rebook.id,
        occurredAt: '2026-10-29T16:00:00.000Z',
        summary:
          'In-reach session with St Elsewhere Hepatology (hepatitis C treatment) on Thu 5 Nov 2026, 10:30 ' +
          'was cancelled and no other session had room: rebook',
        refs: { appointmentId: stranded.appointmentId, referralId: referral.id },
        by: CASCADE.id,
      },
    ]);
    // Shown only: the referral moved with booking's appointment events, not with the rebook or walk-ins.
    expect((await readReferral(referral.id)).history!.map((h) => [h.action, h.toStatus])).toEqual([
      ['create', 'sent'],
      ['appointment-booked', 'booked'],
      ['appointment-cancelled', 'accepted'],
    ]);
    expect(env.deadLetters.map((d) => d.eventId)).not.toContain(rebook.id);
  });

  it('shows them to the client organisation only, and dead-letters events about anyone else', async () => {
    const clientId = await insertClient(env.db, worker.orgId);
    const appointment = anInreachAppointment(worker.orgId, clientId);
    await env.publish(appointment.booked(), appointment.rebookNeeded());
    await eventually(async () => expect(await careRows(clientId)).toBe(1), WITHIN_KAFKA);
    const otherOrg = await env.get<{ code: string }>(elsewhere, `/clients/${clientId}/timeline`);
    expect([otherOrg.status, otherOrg.body.code]).toEqual([404, 'CLIENT_NOT_FOUND']);

    // Their client, named in events published for this organisation; this organisation's client in a
    // walk-in at another host; another client's appointment or referral.
    const theirs = await insertClient(env.db, elsewhere.orgId);
    const neighbour = await insertClient(env.db, worker.orgId);
    const theirRebook = anInreachAppointment(worker.orgId, theirs).rebookNeeded();
    const theirWalkIn = aWalkIn(worker.orgId, theirs);
    const foreignHost = aWalkIn(elsewhere.orgId, clientId, { envelopeOrgId: worker.orgId });
    const again = appointment.rebookNeeded();
    const notTheirAppointment = { ...again, data: { ...again.data, clientId: neighbour } };
    const notTheirReferral = anInreachAppointment(worker.orgId, neighbour, {
      referralId: randomUUID(),
    }).rebookNeeded();
    const refused = [theirRebook, theirWalkIn, foreignHost, notTheirAppointment, notTheirReferral];
    await env.publish(...refused);
    const codes = await eventually(() => {
      const found = refused.map((e) => env.deadLetters.find((d) => d.eventId === e.id)?.code);
      expect(found.every((c) => c !== undefined)).toBe(true);
      return found;
    }, WITHIN_KAFKA);
    expect(codes).toEqual([
      'CLIENT_NOT_FOUND',
      'CLIENT_NOT_FOUND',
      'ORGANISATION_MISMATCH',
      'APPOINTMENT_MISMATCH',
      'REFERRAL_NOT_FOUND',
    ]);
    expect(await careRows(theirs)).toBe(0);
    expect(await careRows(neighbour)).toBe(0);
    expect(await careEntries(elsewhere, theirs)).toEqual([]);
    expect((await careEntries(worker, clientId)).map((e) => e.kind)).toEqual(['appointment_rebook_needed']);
  });
});
