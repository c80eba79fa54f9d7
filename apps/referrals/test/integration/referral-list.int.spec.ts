import { randomUUID } from 'node:crypto';
import type { Database } from '@careloop/persistence';
import type { TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { listReferralsQuery, referralActionBody } from '../../src/referral/referral.dto';
import { aPrincipal, aReferralBody, openReferralsDatabase, referralUseCases } from './referral-fixture';

const query = (q: Record<string, string> = {}) => listReferralsQuery.parse(q);
const DAY = 86_400_000;

describe('listing referrals on real Postgres: filters, counts, overdue', () => {
  let testDb: TestDatabase;
  let db: Database;
  const clock = new ManualClock('2026-11-02T10:00:00Z');
  const worker = aPrincipal({ orgId: `org-${randomUUID()}` });
  let uc: ReturnType<typeof referralUseCases>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, testDb } = await openReferralsDatabase('referral_list'));
    uc = referralUseCases(db, clock);
    const refer = async (name: string, keyworkerId: string, overrides: Record<string, unknown>) => {
      const { clientId, needId } = await uc.referrable(worker, keyworkerId);
      ids[name] = (
        await uc.create.execute(worker, clientId, aReferralBody(needId, overrides), undefined)
      ).result.id;
      ids[`${name}Client`] = clientId;
    };
    await refer('urgentGp', 'kw-alex', { urgency: 'urgent' });
    await refer('routineOutpatient', 'kw-alex', { urgency: 'routine', destinationKind: 'outpatient' });
    await refer('soonDraft', 'kw-priya', { urgency: 'soon', send: false });
    await refer('urgentBooked', 'kw-priya', { urgency: 'urgent', destinationKind: 'inreach' });
    await uc.act.execute(
      worker,
      ids['urgentBooked']!,
      referralActionBody.parse({
        type: 'appointment-booked',
        appointmentId: randomUUID(),
        startsAt: '2026-11-05T10:00:00Z',
      }),
      undefined,
    );
    // Another organisation's referral never shows.
    const other = aPrincipal({ orgId: `org-${randomUUID()}` });
    const theirs = await uc.referrable(other);
    await uc.create.execute(other, theirs.clientId, aReferralBody(theirs.needId), undefined);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  it('lists the organisation’s referrals with the total and counts per status', async () => {
    const all = await uc.list.execute(worker, query());
    expect(all.total).toBe(4);
    expect(all.items.map((r) => r.id).sort()).toEqual(
      [ids['urgentGp'], ids['routineOutpatient'], ids['soonDraft'], ids['urgentBooked']].sort(),
    );
    expect(all.counts).toMatchObject({ sent: 2, draft: 1, booked: 1, closed: 0 });
  });

  it('filters by status, keeping counts over the other filters', async () => {
    const sent = await uc.list.execute(worker, query({ status: 'sent' }));
    expect(sent.items.map((r) => r.id).sort()).toEqual([ids['urgentGp'], ids['routineOutpatient']].sort());
    expect(sent.total).toBe(2);
    expect(sent.counts).toMatchObject({ sent: 2, draft: 1, booked: 1 });
  });

  it('filters by keyworker, destination and client, and pages', async () => {
    const priya = await uc.list.execute(worker, query({ keyworkerId: 'kw-priya' }));
    expect(priya.items.map((r) => r.id).sort()).toEqual([ids['soonDraft'], ids['urgentBooked']].sort());
    expect(priya.counts).toMatchObject({ draft: 1, booked: 1, sent: 0 });
    const outpatient = await uc.list.execute(worker, query({ destinationKind: 'outpatient' }));
    expect(outpatient.items.map((r) => r.id)).toEqual([ids['routineOutpatient']]);
    const client = await uc.list.execute(worker, query({ clientId: ids['urgentGpClient']! }));
    expect(client.items.map((r) => r.id)).toEqual([ids['urgentGp']]);
    const page = await uc.list.execute(worker, query({ limit: '1', offset: '1' }));
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(4);
  });

  it('finds overdue referrals by the urgency’s threshold since the last status change, with the clock', async () => {
    expect((await uc.list.execute(worker, query({ overdue: 'true' }))).total).toBe(0);
    clock.advance(2 * DAY + 60_000); // urgent threshold passed; the booked one is not waiting
    const two = await uc.list.execute(worker, query({ overdue: 'true' }));
    expect(two.items.map((r) => r.id)).toEqual([ids['urgentGp']]);
    expect(two.items[0]!.overdue).toBe(true);
    clock.advance(12 * DAY); // routine threshold passed too; a draft is never overdue
    const fourteen = await uc.list.execute(worker, query({ overdue: 'true' }));
    expect(fourteen.items.map((r) => r.id).sort()).toEqual(
      [ids['urgentGp'], ids['routineOutpatient']].sort(),
    );
    const notOverdue = await uc.list.execute(worker, query({ overdue: 'false' }));
    expect(notOverdue.items.map((r) => r.id).sort()).toEqual([ids['soonDraft'], ids['urgentBooked']].sort());
  });

  it('audits each referral shown', async () => {
    const before: { n: number }[] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM referrals.audit_log WHERE action = 'search' AND subject_type = 'referral'`,
    );
    const listed = await uc.list.execute(worker, query({ keyworkerId: 'kw-alex' }));
    const after: { n: number }[] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM referrals.audit_log WHERE action = 'search' AND subject_type = 'referral'`,
    );
    expect(after[0]!.n - before[0]!.n).toBe(listed.items.length);
  });
});
