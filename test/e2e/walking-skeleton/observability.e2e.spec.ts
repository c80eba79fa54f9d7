import { randomUUID } from 'node:crypto';
import { eventually } from '@careloop/testing';
import { get } from '../support/http';
import { aReferral, describeWalkingSkeleton } from '../support/walking-skeleton-env';

/**
 * Observability: each process's health, metrics and API documentation, and a request's correlation id
 * followed across Kafka into booking's logs. The environment is in ../support/walking-skeleton-env.ts.
 */

describeWalkingSkeleton(
  'walking skeleton: health, metrics, API documentation and correlated logs',
  (scenario) => {
    scenario(
      'each process reports its dependencies, metrics and API documentation',
      async ({ referrals, booking }) => {
        const referralsReady = await get<{ status: string; checks: Record<string, { status: string }> }>(
          `${referrals.url}/health/ready`,
        );
        expect(referralsReady.status).toBe(200);
        expect(referralsReady.body).toMatchObject({
          status: 'ok',
          checks: { database: { status: 'up' }, kafka: { status: 'up' } },
        });
        expect(Object.keys(referralsReady.body.checks).sort()).toEqual(['database', 'kafka']);

        const bookingReady = await get<{ status: string; checks: Record<string, { status: string }> }>(
          `${booking.url}/health/ready`,
        );
        expect(bookingReady.status).toBe(200);
        expect(bookingReady.body).toMatchObject({
          status: 'ok',
          checks: { database: { status: 'up' }, kafka: { status: 'up' }, redis: { status: 'up' } },
        });

        for (const service of [referrals, booking]) {
          expect((await get(`${service.url}/health/live`)).status).toBe(200);
          const metrics = await get(`${service.url}/metrics`);
          expect(metrics.status).toBe(200);
          expect(metrics.text).toContain('http_request_duration_seconds');
        }
        // Requests are labelled by route pattern, not by raw URL (bounded cardinality).
        const referralMetrics = (await get(`${referrals.url}/metrics`)).text;
        expect(referralMetrics).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/referrals\/:id"/);

        const referralsDocs = await get<{ paths: Record<string, Record<string, unknown>> }>(
          `${referrals.url}/docs/json`,
        );
        expect(referralsDocs.status).toBe(200);
        expect(Object.keys(referralsDocs.body.paths)).toEqual(
          expect.arrayContaining([
            '/referrals',
            '/referrals/{id}',
            '/referrals/{id}/actions',
            '/clients/{clientId}/referrals',
          ]),
        );
        expect(Object.keys(referralsDocs.body.paths['/clients/{clientId}/referrals']!)).toContain('post');

        const bookingDocs = await get<{ paths: Record<string, unknown> }>(`${booking.url}/docs/json`);
        expect(bookingDocs.status).toBe(200);
        expect(Object.keys(bookingDocs.body.paths)).toEqual(
          expect.arrayContaining(['/referrals-awaiting-booking', '/referrals-awaiting-booking/{referralId}']),
        );
      },
    );

    scenario(
      'the correlation id of the request that created a referral is on booking’s log line for handling its event',
      async ({ booking, referrable, createReferral, eventuallyAwaitingBooking }) => {
        const correlationId = `e2e-${randomUUID()}`;
        const { clientId, needId } = await referrable();
        const created = await createReferral(clientId, aReferral(needId), {
          'x-correlation-id': correlationId,
        });
        expect(created.status).toBe(201);
        expect(created.headers.get('x-correlation-id')).toBe(correlationId);
        await eventuallyAwaitingBooking(created.body.id);

        const handled = await eventually(
          () => {
            const line = booking
              .logEntries()
              .find(
                (entry) =>
                  entry.msg === 'event handled' &&
                  entry['eventType'] === 'referral.created.v1' &&
                  entry['correlationId'] === correlationId,
              );
            expect(line).toBeDefined();
            return line!;
          },
          { timeoutMs: 10_000, intervalMs: 100 },
        ).catch((error: unknown) => {
          const handledLines = booking.logs().filter((l) => l.includes('event handled'));
          throw new Error(
            `No 'event handled' line with correlationId ${correlationId} in booking's logs.\n` +
              `'event handled' lines seen:\n${handledLines.join('\n') || '(none)'}\n${String(error)}`,
          );
        });
        expect(handled).toMatchObject({ level: 'debug', consumer: 'booking', service: 'booking' });
      },
    );
  },
  {
    afterStart: async (ws) => {
      // The metrics scenario looks for a `/referrals/:id` series, and a series only exists once a request
      // has been observed. In the single walking-skeleton file that came from earlier scenarios' reads;
      // this file stands alone, so it reads an unknown referral first (the status does not matter here).
      await get(`${ws.referrals.url}/referrals/${randomUUID()}`, { token: ws.tokens.keyworker });
    },
  },
);
