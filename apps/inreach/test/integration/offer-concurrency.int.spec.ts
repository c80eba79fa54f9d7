import { Outbox } from '@careloop/messaging';
import { createLogger, memoryDestination } from '@careloop/observability';
import { ManualClock } from '@careloop/time';
import { DEFAULT_INREACH_POLICY } from '../../src/inreach-policy';
import { MatchOffers } from '../../src/offer/match-offers';
import { aClinicWithSessions, published } from '../support/clinic-day';
import { useCoordinatorAtASite } from '../support/coordinator-at-a-site';
import { aReferredClient, OFFER_MODULES, offersOf } from '../support/waiting-clinic';

const WAITING = 12;

/**
 * Two offer jobs at once (two processes, or a tick overlapping a slow one) on real Postgres: however
 * they interleave, a session is never offered more seats than it has.
 */
describe('offer rounds running at once', () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const clinic = useCoordinatorAtASite({
    database: 'inreach_offer_concurrency',
    clock,
    modules: OFFER_MODULES,
  });
  const { api, orgId: riverside } = clinic;
  /** Two matchers, as two processes would have, sharing nothing but the database. */
  const matchers: MatchOffers[] = [];

  beforeAll(() => {
    for (let i = 0; i < 2; i += 1) {
      matchers.push(
        new MatchOffers(
          api.dataSource,
          api.running.app.get(Outbox, { strict: false }),
          DEFAULT_INREACH_POLICY,
          createLogger({ service: 'inreach', level: 'warn', destination: memoryDestination() }),
        ),
      );
    }
  });

  /** A service whose session on 11 March has 3 seats (10:00-11:00), with WAITING clients waiting. */
  async function aFullWaitingList() {
    const hepC = await aClinicWithSessions(clinic, { series: { startTime: '10:00', endTime: '11:00' } });
    const session = await published(clinic, hepC.on('2026-03-11'));
    for (let i = 0; i < WAITING; i += 1) {
      await aReferredClient(api, riverside, hepC.serviceId, {
        referredAt: new Date(Date.parse('2026-02-01T10:00:00Z') + i * 3_600_000).toISOString(),
      });
    }
    return { serviceId: hepC.serviceId, sessionId: session.id };
  }

  it('two rounds for one service at once offer its three seats once between them', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const { serviceId, sessionId } = await aFullWaitingList();
      const made = await Promise.all(matchers.map((m) => m.offerSeatsOf(serviceId, clock.now())));
      expect(made.reduce((a, b) => a + b, 0)).toBe(3);
      const offers = await offersOf(api.dataSource, serviceId);
      expect(offers).toHaveLength(3);
      expect(new Set(offers.map((o) => o.client_id)).size).toBe(3);
      expect(offers.every((o) => o.session_id === sessionId)).toBe(true);
    }
  });

  it('two offer jobs working the due services at once share them and over-offer nothing', async () => {
    const services = [await aFullWaitingList(), await aFullWaitingList(), await aFullWaitingList()];
    await Promise.all(matchers.map((m) => m.run(clock.now())));
    for (const { serviceId } of services) expect(await offersOf(api.dataSource, serviceId)).toHaveLength(3);
    await Promise.all(matchers.map((m) => m.run(clock.now())));
    for (const { serviceId } of services) expect(await offersOf(api.dataSource, serviceId)).toHaveLength(3);
  });
});
