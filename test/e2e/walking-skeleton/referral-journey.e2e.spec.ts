import { get } from '../support/http';
import {
  aReferral,
  describeWalkingSkeleton,
  type ReferralView,
  type AwaitingBookingView,
} from '../support/walking-skeleton-env';

/**
 * A referral end to end: created and read back on referrals, and learnt of by booking across Kafka.
 * The environment is in ../support/walking-skeleton-env.ts.
 */

describeWalkingSkeleton(
  'walking skeleton: a referral is created, read back, and reaches booking across Kafka',
  (scenario) => {
    scenario(
      'a keyworker refers a client on; the referral is readable and booking learns of it across Kafka',
      async ({
        referrals,
        booking,
        idp,
        keyworker,
        tokens,
        referrable,
        createReferral,
        eventuallyAwaitingBooking,
      }) => {
        const { clientId, needId } = await referrable();
        const body = aReferral(needId, { urgency: 'routine', destinationName: 'Hillside Surgery' });

        const created = await createReferral(clientId, body);

        expect(created.status).toBe(201);
        const referral = created.body;
        const { send: _send, ...fields } = body;
        expect(referral).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          clientId,
          ...fields,
          // Only an in-reach referral names an in-reach service (whose waiting list it joins).
          inreachServiceId: null,
          status: 'sent',
          statusChangedAt: referral.createdAt,
          overdue: false,
          createdBy: keyworker.userId,
          createdAt: expect.any(String),
          updatedAt: referral.createdAt,
          version: 1,
        });
        expect(created.headers.get('location')).toBe(`/referrals/${referral.id}`);
        expect(created.headers.get('idempotent-replayed')).toBeNull();

        const read = await get<ReferralView>(`${referrals.url}${created.headers.get('location')}`, {
          token: tokens.keyworker,
        });
        expect(read.status).toBe(200);
        expect(read.body).toEqual({
          ...referral,
          history: [
            expect.objectContaining({ fromStatus: null, toStatus: 'sent', changedBy: keyworker.userId }),
          ],
          availableActions: expect.arrayContaining(['record-acceptance', 'close']),
        });

        const awaiting = await eventuallyAwaitingBooking(referral.id);
        expect(awaiting).toEqual({
          referralId: referral.id,
          clientId,
          destinationKind: 'gp',
          destinationName: 'Hillside Surgery',
          urgency: 'routine',
          // Booking knows when the client was referred, exactly as the referrals service recorded it.
          referredAt: referral.createdAt,
        });
        // A service manager of the same organisation sees it too.
        const one = await get<AwaitingBookingView>(
          `${booking.url}/referrals-awaiting-booking/${referral.id}`,
          {
            token: tokens.manager,
          },
        );
        expect(one.status).toBe(200);
        expect(one.body).toEqual(awaiting);

        // Tokens were checked against the identity provider's published keys, not a development shortcut.
        expect(idp.jwksRequests()).toBeGreaterThan(0);
      },
    );
  },
);
