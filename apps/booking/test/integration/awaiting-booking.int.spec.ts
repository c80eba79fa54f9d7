import { randomUUID } from 'node:crypto';
import { AuditTrail, type Principal } from '@careloop/auth';
import type {
  EventData,
  EventEnvelope,
  ReferralStatusValue,
  referralStatusChangedV1,
} from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { createLogger } from '@careloop/observability';
import { aReferralCreatedEvent } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { GetReferralAwaitingBooking } from '../../src/awaiting-booking/get-referral-awaiting-booking';
import { ListReferralsAwaitingBooking } from '../../src/awaiting-booking/list-referrals-awaiting-booking';
import { RecordReferralAwaitingBooking } from '../../src/awaiting-booking/record-referral-awaiting-booking';
import { UpdateReferralAwaitingStatus } from '../../src/awaiting-booking/update-referral-awaiting-status';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { useBookingDatabase } from '../support/booking-database';

const ORG = 'org-riverside-cdas';

function statusChanged(
  referralId: string,
  clientId: string,
  from: ReferralStatusValue,
  to: ReferralStatusValue,
): EventEnvelope<EventData<typeof referralStatusChangedV1>> {
  return {
    id: randomUUID(),
    type: 'referral.status-changed.v1',
    version: 1,
    occurredAt: '2026-11-03T10:00:00Z',
    orgId: ORG,
    actor: { kind: 'system', id: 'system:booking' },
    correlationId: randomUUID(),
    causationId: null,
    subjectId: referralId,
    data: {
      referralId,
      clientId,
      from,
      to,
      action: 'appointment-booked',
      reason: null,
      appointmentId: randomUUID(),
      source: 'event',
      changedBy: 'system:booking',
      changedAt: '2026-11-03T10:00:00Z',
    },
  };
}

/** Booking's projection of referrals, on real Postgres: only those awaiting an appointment are listed. */
describe('referrals awaiting booking follow the referral’s status', () => {
  const db = useBookingDatabase('booking_awaiting');
  const keyworker: Principal = {
    userId: 'user-alex',
    name: 'Alex Morgan',
    roles: ['drug_worker'],
    orgId: ORG,
    orgKind: 'cdas',
    siteIds: [],
  };
  let record: RecordReferralAwaitingBooking;
  let update: UpdateReferralAwaitingStatus;
  let list: ListReferralsAwaitingBooking;
  let getOne: GetReferralAwaitingBooking;

  beforeAll(async () => {
    record = new RecordReferralAwaitingBooking(new ManualClock('2026-11-02T10:00:00Z'));
    const clock = new ManualClock('2026-11-03T10:00:00Z');
    update = new UpdateReferralAwaitingStatus(
      new Outbox(BOOKING_SCHEMA, clock),
      new AuditTrail(),
      clock,
      createLogger({ service: 'booking', level: 'silent' }),
    );
    list = new ListReferralsAwaitingBooking(db.dataSource, new AuditTrail());
    getOne = new GetReferralAwaitingBooking(db.dataSource, new AuditTrail());
  });

  const listedIds = async () => (await list.execute(keyworker)).map((r) => r.referralId);

  it('lists a sent referral (and one from a producer that sent no status), not a draft', async () => {
    const sent = aReferralCreatedEvent({ data: { status: 'sent' } });
    const legacy = aReferralCreatedEvent();
    const draft = aReferralCreatedEvent({ data: { status: 'draft' } });
    await db.transaction(async (m) => {
      for (const e of [sent, legacy, draft]) await record.execute(m, e);
    });
    const ids = await listedIds();
    expect(ids).toEqual(expect.arrayContaining([sent.data.referralId, legacy.data.referralId]));
    expect(ids).not.toContain(draft.data.referralId);
    await expect(getOne.execute(keyworker, draft.data.referralId)).rejects.toMatchObject({
      code: 'REFERRAL_NOT_AWAITING_BOOKING',
    });
  });

  it('drops a referral once booked, lists it again after a missed appointment, drops it when closed', async () => {
    const created = aReferralCreatedEvent({ data: { status: 'sent' } });
    const { referralId, clientId } = created.data;
    await db.transaction((m) => record.execute(m, created));
    expect(await listedIds()).toContain(referralId);

    const step = (from: ReferralStatusValue, to: ReferralStatusValue) =>
      db.transaction((m) => update.execute(m, statusChanged(referralId, clientId, from, to)));
    await step('sent', 'booked');
    expect(await listedIds()).not.toContain(referralId);
    await step('booked', 'did_not_attend');
    expect(await listedIds()).toContain(referralId);
    expect((await getOne.execute(keyworker, referralId)).referralId).toBe(referralId);
    await step('did_not_attend', 'closed');
    expect(await listedIds()).not.toContain(referralId);
  });
});
