import { randomUUID } from 'node:crypto';
import { aReferral, describeWalkingSkeleton } from '../support/walking-skeleton-env';

/**
 * Idempotent creation: retries and racing duplicates under one Idempotency-Key make one referral,
 * one outbox message and one booking entry. The environment is in ../support/walking-skeleton-env.ts.
 */

describeWalkingSkeleton('walking skeleton: idempotent referral creation', (scenario) => {
  scenario(
    'a retried POST with the same Idempotency-Key returns the same referral, and booking lists it once',
    async ({
      referrable,
      createReferral,
      awaitingBooking,
      eventuallyAwaitingBooking,
      count,
      expectProblem,
    }) => {
      const { clientId, needId } = await referrable();
      const body = aReferral(needId, {
        urgency: 'soon',
        destinationKind: 'outpatient',
        destinationName: 'Respiratory clinic',
      });
      const key = randomUUID();

      const first = await createReferral(clientId, body, { 'idempotency-key': key });
      const retry = await createReferral(clientId, body, { 'idempotency-key': key });

      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body.id).toBe(first.body.id);
      expect(retry.headers.get('location')).toBe(`/referrals/${first.body.id}`);
      expect(retry.body).toEqual(first.body);

      // Two retries racing each other (a double-clicked button) still make one referral.
      const raceKey = randomUUID();
      const race = await referrable();
      const raceBody = aReferral(race.needId);
      const raced = await Promise.all([
        createReferral(race.clientId, raceBody, { 'idempotency-key': raceKey }),
        createReferral(race.clientId, raceBody, { 'idempotency-key': raceKey }),
      ]);
      expect(raced.map((r) => r.status)).toEqual([201, 201]);
      expect(raced[0].body.id).toBe(raced[1].body.id);

      // The same key for a different referral is refused rather than silently answered with the first.
      const misuse = await createReferral(
        clientId,
        { ...body, reason: 'Something else entirely' },
        { 'idempotency-key': key },
      );
      expectProblem(misuse, 422);

      await eventuallyAwaitingBooking(first.body.id);
      await eventuallyAwaitingBooking(raced[0].body.id);
      const list = await awaitingBooking();
      expect(list.filter((r) => r.referralId === first.body.id)).toHaveLength(1);
      expect(list.filter((r) => r.clientId === clientId)).toHaveLength(1);
      expect(list.filter((r) => r.clientId === race.clientId)).toHaveLength(1);
      expect(
        await count(`SELECT count(*) AS n FROM referrals.referral WHERE client_id = $1`, [clientId]),
      ).toBe(1);
      expect(
        await count(`SELECT count(*) AS n FROM referrals.outbox WHERE message_key = $1`, [first.body.id]),
      ).toBe(1);
    },
  );
});
