import { randomUUID } from 'node:crypto';
import { get } from '../support/http';
import { aReferral, describeWalkingSkeleton } from '../support/walking-skeleton-env';

/**
 * Organisation isolation: what one organisation refers is invisible to another, on both services.
 * The environment is in ../support/walking-skeleton-env.ts.
 */

describeWalkingSkeleton('walking skeleton: organisation isolation', (scenario) => {
  scenario(
    'another organisation sees neither the referral nor its booking entry, exactly as for an unknown id',
    async ({
      referrals,
      booking,
      tokens,
      referrable,
      createReferral,
      awaitingBooking,
      eventuallyAwaitingBooking,
      expectProblem,
    }) => {
      const { clientId, needId } = await referrable();
      const created = await createReferral(clientId, aReferral(needId));
      expect(created.status).toBe(201);
      const id = created.body.id;
      await eventuallyAwaitingBooking(id);

      const theirs = await get(`${referrals.url}/referrals/${id}`, { token: tokens.otherOrg });
      const unknown = await get(`${referrals.url}/referrals/${randomUUID()}`, { token: tokens.otherOrg });
      const theirsProblem = expectProblem(theirs, 404, 'REFERRAL_NOT_FOUND');
      const unknownProblem = expectProblem(unknown, 404, 'REFERRAL_NOT_FOUND');
      expect({ type: theirsProblem.type, title: theirsProblem.title }).toEqual({
        type: unknownProblem.type,
        title: unknownProblem.title,
      });
      expect(theirs.text).not.toContain(created.body.clientId);

      const theirList = await awaitingBooking(tokens.otherOrg);
      expect(theirList.map((r) => r.referralId)).not.toContain(id);

      const theirEntry = await get(`${booking.url}/referrals-awaiting-booking/${id}`, {
        token: tokens.otherOrg,
      });
      const unknownEntry = await get(`${booking.url}/referrals-awaiting-booking/${randomUUID()}`, {
        token: tokens.otherOrg,
      });
      const entryProblem = expectProblem(theirEntry, 404, 'REFERRAL_NOT_AWAITING_BOOKING');
      const unknownEntryProblem = expectProblem(unknownEntry, 404, 'REFERRAL_NOT_AWAITING_BOOKING');
      expect(entryProblem.type).toBe(unknownEntryProblem.type);
      expect(theirEntry.text).not.toContain(created.body.clientId);
    },
  );
});
