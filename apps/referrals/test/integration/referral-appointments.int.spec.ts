import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import type { AppointmentEvent } from '../../src/referral/record-appointment-event';
import {
  aPrincipal,
  aReferralBody,
  anAppointment,
  insertClient,
  openReferralsDatabase,
  referralUseCases,
} from './referral-fixture';

/** Booking's appointment events through the use case the consumer calls, on real Postgres. */
describe('appointment events on real Postgres: projection and referral moves', () => {
  let testDb: TestDatabase;
  let db: Database;
  const clock = new ManualClock('2026-11-02T10:00:00Z');
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  let uc: ReturnType<typeof referralUseCases>;

  beforeAll(async () => {
    ({ db, testDb } = await openReferralsDatabase('referral_appointments'));
    uc = referralUseCases(db, clock);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const record = (e: AppointmentEvent) => db.transaction((m) => uc.recordAppointment.execute(m, e));
  const appointment = async (id: string) =>
    (
      (await db.dataSource.query(
        `SELECT status, starts_at, location FROM referrals.client_appointment WHERE appointment_id = $1`,
        [id],
      )) as { status: string; starts_at: Date; location: string }[]
    )[0];
  async function aReferral() {
    const { clientId, needId } = await uc.referrable(worker);
    return (await uc.create.execute(worker, clientId, aReferralBody(needId), undefined)).result;
  }

  it('books, reschedules (a history line), rebooks away from a cancelled slot, then learns of a miss', async () => {
    const referral = await aReferral();
    const a = anAppointment(worker.orgId, referral.clientId, referral.id);
    const b = anAppointment(worker.orgId, referral.clientId, referral.id);
    await record({ kind: 'booked', event: a.booked() });
    await record({ kind: 'rescheduled', event: a.rescheduled('2026-11-12T14:00:00Z') });
    expect(await appointment(a.appointmentId)).toMatchObject({
      status: 'booked',
      starts_at: new Date('2026-11-12T14:00:00Z'),
      location: 'Hillside Surgery, room 2',
    });
    await record({ kind: 'booked', event: b.booked('2026-11-13T10:00:00Z', '2026-11-04T12:00:00Z') });
    // The old slot's cancellation arrives after the new booking: the referral stays booked.
    await record({ kind: 'cancelled', event: a.cancelled() });
    expect((await appointment(a.appointmentId))!.status).toBe('cancelled');
    await record({ kind: 'attendance-recorded', event: b.attendance('left_before_seen') });
    expect((await appointment(b.appointmentId))!.status).toBe('left_before_seen');

    const read = await uc.get.execute(worker, referral.id);
    expect(read.status).toBe('did_not_attend');
    expect(read.history!.map((h) => [h.fromStatus, h.toStatus, h.action, h.appointmentId])).toEqual([
      [null, 'sent', 'create', null],
      ['sent', 'booked', 'appointment-booked', a.appointmentId],
      ['booked', 'booked', 'appointment-booked', a.appointmentId],
      ['booked', 'booked', 'appointment-booked', b.appointmentId],
      ['booked', 'did_not_attend', 'did-not-attend', b.appointmentId],
    ]);
    expect(read.history![2]!.reason).toBe(
      'Appointment rescheduled from 2026-11-10T10:00:00Z to 2026-11-12T14:00:00Z',
    );
  });

  it('marks an appointment with no recorded outcome, and a cancellation returns the referral to accepted', async () => {
    const referral = await aReferral();
    const a = anAppointment(worker.orgId, referral.clientId, referral.id);
    await record({ kind: 'booked', event: a.booked() });
    await record({ kind: 'outcome-overdue', event: a.outcomeOverdue() });
    expect((await appointment(a.appointmentId))!.status).toBe('outcome_unknown');
    expect((await uc.get.execute(worker, referral.id)).status).toBe('outcome_unknown');

    const other = await aReferral();
    const c = anAppointment(worker.orgId, other.clientId, other.id);
    await record({ kind: 'booked', event: c.booked() });
    await record({ kind: 'cancelled', event: c.cancelled() });
    expect((await uc.get.execute(worker, other.id)).status).toBe('accepted');
  });

  it('keeps appointments without a referral in the projection only', async () => {
    const { clientId } = await uc.referrable(worker);
    const a = anAppointment(worker.orgId, clientId, null);
    await record({ kind: 'booked', event: a.booked() });
    await record({ kind: 'attendance-recorded', event: a.attendance('attended') });
    expect((await appointment(a.appointmentId))!.status).toBe('attended');
  });

  it('refuses unknown ids with errors a consumer dead-letters, writing nothing', async () => {
    const referral = await aReferral();
    const unknownReferral = anAppointment(worker.orgId, referral.clientId, randomUUID());
    await expect(record({ kind: 'booked', event: unknownReferral.booked() })).rejects.toMatchObject({
      code: 'REFERRAL_NOT_FOUND',
      consumerDecision: 'dead-letter',
    });
    const otherOrg = anAppointment('org-elsewhere', referral.clientId, referral.id);
    await expect(record({ kind: 'booked', event: otherOrg.booked() })).rejects.toMatchObject({
      code: 'CLIENT_NOT_FOUND',
      consumerDecision: 'dead-letter',
    });
    const neverBooked = anAppointment(worker.orgId, referral.clientId, referral.id);
    await expect(
      record({ kind: 'attendance-recorded', event: neverBooked.attendance('attended') }),
    ).rejects.toMatchObject({ code: 'APPOINTMENT_NOT_FOUND', consumerDecision: 'dead-letter' });
    expect(await appointment(unknownReferral.appointmentId)).toBeUndefined();
    expect((await uc.get.execute(worker, referral.id)).status).toBe('sent');
  });

  it('takes the latest appointment by when it was booked, whichever booking arrives first', async () => {
    const referral = await aReferral();
    const a = anAppointment(worker.orgId, referral.clientId, referral.id);
    const b = anAppointment(worker.orgId, referral.clientId, referral.id);
    await record({ kind: 'booked', event: b.booked('2026-11-13T10:00:00Z', '2026-11-04T12:00:00Z') });
    await record({ kind: 'booked', event: a.booked('2026-11-10T10:00:00Z', '2026-11-03T09:00:00Z') });
    await record({ kind: 'attendance-recorded', event: b.attendance('attended') });
    expect((await uc.get.execute(worker, referral.id)).status).toBe('attended');
  });

  it('keeps a booking that arrives after a newer one was attended in the projection only', async () => {
    const referral = await aReferral();
    const a = anAppointment(worker.orgId, referral.clientId, referral.id);
    const b = anAppointment(worker.orgId, referral.clientId, referral.id);
    await record({ kind: 'booked', event: b.booked('2026-11-13T10:00:00Z', '2026-11-04T12:00:00Z') });
    await record({ kind: 'attendance-recorded', event: b.attendance('attended', '2026-11-13T11:00:00Z') });
    await record({ kind: 'booked', event: a.booked('2026-11-10T10:00:00Z', '2026-11-03T09:00:00Z') });
    const read = await uc.get.execute(worker, referral.id);
    expect(read.status).toBe('attended');
    expect(read.history!.filter((h) => h.appointmentId === a.appointmentId)).toHaveLength(0);
    expect(await appointment(a.appointmentId)).toBeDefined();
  });

  it.each(['did_not_attend', 'attended'] as const)(
    'ignores a reschedule of a superseded appointment (referral %s stays)',
    async (outcome) => {
      const referral = await aReferral();
      const a = anAppointment(worker.orgId, referral.clientId, referral.id);
      const b = anAppointment(worker.orgId, referral.clientId, referral.id);
      await record({ kind: 'booked', event: a.booked() });
      await record({ kind: 'booked', event: b.booked('2026-11-13T10:00:00Z', '2026-11-04T12:00:00Z') });
      await record({ kind: 'attendance-recorded', event: b.attendance(outcome, '2026-11-13T11:00:00Z') });
      await record({
        kind: 'rescheduled',
        event: a.rescheduled('2026-11-20T10:00:00Z', '2026-11-14T09:00:00Z'),
      });
      expect((await appointment(a.appointmentId))!.starts_at).toEqual(new Date('2026-11-20T10:00:00Z'));
      expect((await uc.get.execute(worker, referral.id)).status).toBe(outcome);
      // A is still not the latest: its attendance does not move the referral either.
      const other = outcome === 'attended' ? 'did_not_attend' : 'attended';
      await record({ kind: 'attendance-recorded', event: a.attendance(other, '2026-11-20T11:00:00Z') });
      const read = await uc.get.execute(worker, referral.id);
      expect(read.status).toBe(outcome);
      expect(read.history!.filter((h) => h.appointmentId === a.appointmentId)).toHaveLength(1);
    },
  );

  it('keeps an appointment already projected: a repeated booking leaves it, another client or org dead-letters', async () => {
    const referral = await aReferral();
    const a = anAppointment(worker.orgId, referral.clientId, referral.id);
    await record({ kind: 'booked', event: a.booked() });
    await record({ kind: 'rescheduled', event: a.rescheduled('2026-11-12T14:00:00Z') });
    await record({ kind: 'booked', event: a.booked() });
    expect(await appointment(a.appointmentId)).toMatchObject({
      status: 'booked',
      starts_at: new Date('2026-11-12T14:00:00Z'),
      location: 'Hillside Surgery, room 2',
    });

    const { clientId: otherClient } = await uc.referrable(worker);
    const otherOrg = `org-${randomUUID()}`;
    const otherOrgClient = await insertClient(db, otherOrg);
    const booked = a.booked();
    for (const event of [
      { ...booked, data: { ...booked.data, clientId: otherClient, referralId: null } },
      { ...booked, orgId: otherOrg, data: { ...booked.data, clientId: otherOrgClient, referralId: null } },
    ]) {
      await expect(record({ kind: 'booked', event })).rejects.toMatchObject({
        code: 'APPOINTMENT_MISMATCH',
        consumerDecision: 'dead-letter',
      });
    }
    const rows: { org_id: string; client_id: string; referral_id: string }[] = await db.dataSource.query(
      `SELECT org_id, client_id, referral_id FROM referrals.client_appointment WHERE appointment_id = $1`,
      [a.appointmentId],
    );
    expect(rows).toEqual([{ org_id: worker.orgId, client_id: referral.clientId, referral_id: referral.id }]);
  });
});
