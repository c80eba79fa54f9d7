import { eventually } from '@careloop/testing';
import { DEFAULT_INREACH_POLICY } from '../inreach-policy';
import { tickAt, useTickJob } from '../../test/support/use-tick-job';
import type { MatchOffers, OfferRunResult } from './match-offers';
import { INREACH_OFFERS_QUEUE, OfferJob } from './offer-job';

describe('the in-reach offer job on the in-process scheduler and a manual clock', () => {
  const h = useTickJob('2026-03-02T08:00:10Z');

  const start = (run: (now: Date) => Promise<OfferRunResult>, withScheduler = true) =>
    h.start(
      ({ scheduler, clock, metrics, logger }) =>
        new OfferJob(scheduler, clock, DEFAULT_INREACH_POLICY, { run } as MatchOffers, metrics, logger),
      withScheduler,
    );

  it('offers seats every 30 seconds with the clock’s now and counts the offers made', async () => {
    const runs: string[] = [];
    await start(async (now) => {
      runs.push(now.toISOString());
      return { offersMade: 2, offersNeverHeld: 0, offersNeverEnded: 0 };
    });
    expect(await h.scheduler.inspect(INREACH_OFFERS_QUEUE, tickAt('2026-03-02T08:00:30Z'))).toMatchObject({
      state: 'scheduled',
    });
    h.clock.advance(20_000);
    await eventually(() => expect(runs).toEqual(['2026-03-02T08:00:30.000Z']));
    h.clock.advance(30_000);
    await eventually(() => expect(runs).toEqual(['2026-03-02T08:00:30.000Z', '2026-03-02T08:01:00.000Z']));
    await eventually(async () => expect(await h.counter('careloop_inreach_offers_made_total')).toBe(4));
  });

  it('warns about offers booking never held or never ended, and logs and counts a failing run without stopping', async () => {
    const runs: string[] = [];
    await start(async (now) => {
      runs.push(now.toISOString());
      if (runs.length === 1) throw new Error('database went away');
      return { offersMade: 0, offersNeverHeld: 3, offersNeverEnded: 2 };
    });
    h.clock.advance(20_000);
    await eventually(async () => expect(await h.counter('careloop_inreach_offer_failures_total')).toBe(1));
    expect(h.logs).toContainEqual(
      expect.objectContaining({ level: 'error', msg: 'in-reach offer job failed' }),
    );
    h.clock.advance(30_000);
    await eventually(async () => expect(await h.counter('careloop_inreach_offers_never_held_total')).toBe(3));
    expect(h.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'in-reach offers expired before booking held them' }),
    );
    expect(await h.counter('careloop_inreach_offers_never_ended_total')).toBe(2);
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'in-reach offers closed as expired: booking never said their holds ended',
      }),
    );
  });

  it('refuses to start without a job scheduler rather than leave waiting lists unoffered', async () => {
    await expect(
      start(async () => ({ offersMade: 0, offersNeverHeld: 0, offersNeverEnded: 0 }), false),
    ).rejects.toThrow(/JobScheduler/);
  });
});
