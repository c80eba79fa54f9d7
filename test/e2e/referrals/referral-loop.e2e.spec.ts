import { randomUUID } from 'node:crypto';
import { eventually } from '@careloop/testing';
import { get } from '../support/http';
import {
  aReferral,
  startWalkingSkeleton,
  walkingSkeletonScenario,
  WALKING_SKELETON_START_TIMEOUT_MS,
  WALKING_SKELETON_STOP_TIMEOUT_MS,
  type ReferralView,
  type WalkingSkeleton,
} from '../support/walking-skeleton-env';

interface ReferralList {
  items: ReferralView[];
  total: number;
  counts: Record<string, number>;
}

/**
 * Closed-loop referrals over HTTP, with referrals and booking as separate processes over Kafka:
 * register a client, record a need, refer (draft, then send), staff actions, list with filters and
 * counts, refusals. Booking lists the referral while it awaits an appointment and drops it after.
 */
describe('referrals: the closed loop over HTTP, referrals and booking together', () => {
  let ws: WalkingSkeleton | undefined;

  beforeAll(async () => {
    ws = await startWalkingSkeleton();
  }, WALKING_SKELETON_START_TIMEOUT_MS);

  afterAll(async () => {
    await ws?.stop();
  }, WALKING_SKELETON_STOP_TIMEOUT_MS);

  const scenario = walkingSkeletonScenario(() => ws);
  const listed = async (w: WalkingSkeleton, referralId: string, expected: boolean) =>
    eventually(
      async () =>
        expect((await w.awaitingBooking()).map((r) => r.referralId).includes(referralId)).toBe(expected),
      { timeoutMs: 30_000, intervalMs: 200 },
    );

  scenario('a keyworker refers a need and follows it to its end; booking follows its status', async (w) => {
    const { referrals, keyworker, tokens, referrable, createReferral, act, expectProblem, sql } = w;
    const { clientId, needId } = await referrable();

    const draft = await createReferral(clientId, aReferral(needId, { send: false, urgency: 'urgent' }));
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ clientId, needId, status: 'draft', urgency: 'urgent' });
    const id = draft.body.id;
    const need = await get<{ status: string }>(`${referrals.url}/needs/${needId}`, {
      token: tokens.keyworker,
    });
    expect(need.body.status).toBe('referred');
    // Booking hears of the draft but does not offer it for booking.
    await eventually(
      async () =>
        expect(
          (
            await sql.query(`SELECT status FROM booking.referral_awaiting_booking WHERE referral_id = $1`, [
              id,
            ])
          ).rows,
        ).toEqual([{ status: 'draft' }]),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect((await w.awaitingBooking()).map((r) => r.referralId)).not.toContain(id);

    expect((await act(id, { type: 'send' })).body.status).toBe('sent');
    await listed(w, id, true);
    expect((await act(id, { type: 'record-acceptance', note: 'Surgery rang back' })).body.status).toBe(
      'accepted',
    );
    const appointmentId = randomUUID();
    const booked = await act(id, {
      type: 'appointment-booked',
      appointmentId,
      startsAt: '2026-12-01T10:30:00Z',
    });
    expect(booked.body.status).toBe('booked');
    await listed(w, id, false);
    expect((await act(id, { type: 'did-not-attend', appointmentId })).body.status).toBe('did_not_attend');
    await listed(w, id, true); // missed: back on booking's list, never barred

    const closed = await act(id, {
      type: 'close',
      outcome: 'treated_elsewhere',
      reason: 'Seen at walk-in centre',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', version: 6 });
    await listed(w, id, false);

    // Closed is final: the rule's message, as a problem.
    const illegal = await act(id, { type: 'resend' });
    expect(expectProblem(illegal, 409, 'REFERRAL_ILLEGAL_TRANSITION').detail).toBe(
      'A closed referral cannot be moved by "resend"',
    );
    // Closing needs an outcome from the closed list.
    const noOutcome = await act(id, { type: 'close', reason: 'x' });
    expect(expectProblem(noOutcome, 400, 'VALIDATION_FAILED').errors?.map((e) => e.path)).toEqual([
      'outcome',
    ]);

    const read = await get<ReferralView>(`${referrals.url}/referrals/${id}`, { token: tokens.manager });
    expect(read.status).toBe(200);
    expect(read.body.availableActions).toEqual([]);
    expect(read.body.history!.map((h) => [h.toStatus, h.action, h.changedBy])).toEqual([
      ['draft', 'create', keyworker.userId],
      ['sent', 'send', keyworker.userId],
      ['accepted', 'record-acceptance', keyworker.userId],
      ['booked', 'appointment-booked', keyworker.userId],
      ['did_not_attend', 'did-not-attend', keyworker.userId],
      ['closed', 'close', keyworker.userId],
    ]);
  });

  scenario('lists with filters and counts; other organisations get 404, GP practices 403', async (w) => {
    const { referrals, keyworker, tokens, referrable, createReferral, act, expectProblem } = w;
    const a = await referrable();
    const sent = await createReferral(a.clientId, aReferral(a.needId, { destinationKind: 'outpatient' }));
    const b = await referrable();
    const other = await createReferral(b.clientId, aReferral(b.needId, { destinationKind: 'inreach' }));
    await act(other.body.id, { type: 'record-rejection', reason: 'Outside catchment' });

    const list = (query: string, token = tokens.keyworker) =>
      get<ReferralList>(`${referrals.url}/referrals${query}`, { token });
    const byClient = await list(`?clientId=${a.clientId}`);
    expect(byClient.status).toBe(200);
    expect(byClient.body.items.map((r) => r.id)).toEqual([sent.body.id]);
    const rejected = await list('?status=rejected&destinationKind=inreach');
    expect(rejected.body.items.map((r) => r.id)).toContain(other.body.id);
    expect(rejected.body.total).toBe(rejected.body.items.length);
    expect(rejected.body.counts['rejected']).toBe(rejected.body.total);
    const mine = await list(`?keyworkerId=${keyworker.userId}`, tokens.manager);
    expect(mine.body.items.map((r) => r.id)).toEqual(expect.arrayContaining([sent.body.id, other.body.id]));
    // Exact counts for this test's own referrals (other tests share the organisation).
    const nonZero = (counts: Record<string, number>) => Object.entries(counts).filter(([, n]) => n > 0);
    expect(nonZero(byClient.body.counts)).toEqual([['sent', 1]]);
    expect(nonZero((await list(`?clientId=${b.clientId}`)).body.counts)).toEqual([['rejected', 1]]);
    // A referral sent just now is waiting but not overdue: it falls on the not-overdue side only.
    expect((await list(`?clientId=${a.clientId}&overdue=true`)).body.total).toBe(0);
    expect((await list(`?clientId=${a.clientId}&overdue=false`)).body.items.map((r) => r.id)).toEqual([
      sent.body.id,
    ]);
    expect(
      expectProblem(await list('?status=lost&limit=0'), 400)
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['limit', 'status']);

    // Another organisation: exactly as if the referral did not exist.
    expectProblem(
      await get(`${referrals.url}/referrals/${sent.body.id}`, { token: tokens.otherOrg }),
      404,
      'REFERRAL_NOT_FOUND',
    );
    expectProblem(
      await act(sent.body.id, { type: 'record-acceptance' }, tokens.otherOrg),
      404,
      'REFERRAL_NOT_FOUND',
    );
    expect((await list('', tokens.otherOrg)).body.items.map((r) => r.id)).not.toContain(sent.body.id);
    // A GP practice never sees a CDAS's referrals; a clinic administrator may not act.
    expectProblem(
      await get(`${referrals.url}/referrals/${sent.body.id}`, { token: tokens.gpClinician }),
      403,
    );
    expectProblem(await list('', tokens.gpClinician), 403);
    expectProblem(await act(sent.body.id, { type: 'record-acceptance' }, tokens.clinicAdmin), 403);
  });
});
