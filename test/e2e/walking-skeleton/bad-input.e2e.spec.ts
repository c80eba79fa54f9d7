import { randomUUID } from 'node:crypto';
import { eventually } from '@careloop/testing';
import { get } from '../support/http';
import { aReferral, describeWalkingSkeleton } from '../support/walking-skeleton-env';

/**
 * Bad input: malformed or invalid bodies, missing or untrusted tokens, forbidden roles and unknown ids
 * are refused with a problem document and change nothing. The environment is in
 * ../support/walking-skeleton-env.ts.
 */

describeWalkingSkeleton('walking skeleton: bad input', (scenario) => {
  scenario(
    'bad input is refused with a problem document and changes nothing',
    async ({
      referrals,
      booking,
      idp,
      strangerIdp,
      keyworker,
      riversideCdas,
      otherCdas,
      tokens,
      referrable,
      createReferral,
      awaitingBooking,
      count,
      expectProblem,
    }) => {
      // A client with a need, registered before the baseline below.
      const { clientId, needId } = await referrable();
      const referFor = (body: unknown, headers?: Record<string, string>, token?: string) =>
        createReferral(clientId, body, headers, token);
      // Settle first: every referral so far has reached booking.
      const before = await eventually(
        async () => {
          const referralsInDb = await count(
            `SELECT count(*) AS n FROM referrals.referral WHERE org_id = $1`,
            [riversideCdas],
          );
          const listed = (await awaitingBooking()).length;
          expect(listed).toBe(referralsInDb);
          return {
            referralsInDb,
            listed,
            outbox: await count(
              `SELECT count(*) AS n FROM referrals.outbox WHERE event_type LIKE 'referral.%'`,
            ),
            awaitingInDb: await count(`SELECT count(*) AS n FROM booking.referral_awaiting_booking`),
          };
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );

      // Malformed JSON.
      const malformed = await referFor('{"needId": "', { 'content-type': 'application/json' });
      expectProblem(malformed, 400, 'MALFORMED_JSON');

      // Every bad field is listed at once, not just the first.
      const invalid = await referFor({
        needId: 'not-a-uuid',
        destinationKind: 'spaceship',
        destinationName: '   ',
        urgency: 'whenever',
        reason: '',
        accompaniment: { needed: 'yes', by: 'taxi', transportArranged: false },
      });
      const problem = expectProblem(invalid, 400, 'VALIDATION_FAILED');
      expect(problem.errors?.map((e) => e.path).sort()).toEqual(
        [
          'needId',
          'destinationKind',
          'destinationName',
          'reason',
          'urgency',
          'accompaniment.needed',
          'accompaniment.by',
        ].sort(),
      );
      expect(problem.errors?.every((e) => e.in === 'body')).toBe(true);

      const empty = await referFor({});
      expect(
        expectProblem(empty, 400, 'VALIDATION_FAILED')
          .errors?.map((e) => e.path)
          .sort(),
      ).toEqual(['needId', 'destinationKind', 'destinationName', 'reason', 'urgency'].sort());

      const unexpectedField = await referFor(aReferral(needId, { orgId: otherCdas }));
      expectProblem(unexpectedField, 400, 'VALIDATION_FAILED');

      // A malformed client id in the path, a need that is not this client's, an unknown client.
      const badPath = await createReferral('not-a-uuid', aReferral(needId));
      expect(expectProblem(badPath, 400, 'VALIDATION_FAILED').errors?.map((e) => e.path)).toEqual([
        'clientId',
      ]);
      const otherNeed = await referFor(aReferral(randomUUID()));
      expect(expectProblem(otherNeed, 422, 'NEED_NOT_FOUND').errors?.map((e) => e.path)).toEqual(['needId']);
      expectProblem(await createReferral(randomUUID(), aReferral(needId)), 404, 'CLIENT_NOT_FOUND');

      // No token.
      const anonymous = await referFor(aReferral(needId), {}, '');
      expectProblem(anonymous, 401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
      const anonymousList = await get(`${booking.url}/referrals-awaiting-booking`);
      expectProblem(anonymousList, 401);
      expect(anonymousList.headers.get('www-authenticate')).toMatch(/^Bearer\b/);

      // A token signed by a key the services do not trust, one that expired, one for another audience.
      const forged = await referFor(aReferral(needId), {}, await strangerIdp.tokenFor(keyworker));
      expectProblem(forged, 401);
      expect(forged.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
      const forgedOnBooking = await get(`${booking.url}/referrals-awaiting-booking`, {
        token: await strangerIdp.tokenFor(keyworker),
      });
      expectProblem(forgedOnBooking, 401);
      const expired = await referFor(
        aReferral(needId),
        {},
        await idp.tokenFor(keyworker, { expiresInSeconds: -120 }),
      );
      expectProblem(expired, 401);
      const otherAudience = await referFor(
        aReferral(needId),
        {},
        await idp.tokenFor(keyworker, { audience: 'billing' }),
      );
      expectProblem(otherAudience, 401);

      // A role that may not refer.
      const forbidden = await referFor(aReferral(needId), {}, tokens.clinicAdmin);
      expectProblem(forbidden, 403);
      expectProblem(
        await get(`${booking.url}/referrals-awaiting-booking`, { token: tokens.clinicAdmin }),
        403,
      );

      // Unknown and malformed ids.
      expectProblem(
        await get(`${referrals.url}/referrals/${randomUUID()}`, { token: tokens.keyworker }),
        404,
      );
      expectProblem(await get(`${referrals.url}/referrals/not-a-uuid`, { token: tokens.keyworker }), 400);
      expectProblem(
        await get(`${booking.url}/referrals-awaiting-booking/${randomUUID()}`, { token: tokens.keyworker }),
        404,
      );

      // Nothing was created, published or projected. (Give a stray event the relay's time to show up.)
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect({
        referralsInDb: await count(`SELECT count(*) AS n FROM referrals.referral WHERE org_id = $1`, [
          riversideCdas,
        ]),
        listed: (await awaitingBooking()).length,
        outbox: await count(`SELECT count(*) AS n FROM referrals.outbox WHERE event_type LIKE 'referral.%'`),
        awaitingInDb: await count(`SELECT count(*) AS n FROM booking.referral_awaiting_booking`),
      }).toEqual(before);
    },
  );
});
