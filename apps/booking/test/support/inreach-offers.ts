import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditTrail } from '@careloop/auth';
import type {
  AttendanceWindow,
  EventData,
  EventEnvelope,
  inreachOfferMadeV1,
  InreachSession,
  ReferralStatusValue,
  referralStatusChangedV1,
  ReplyIntent,
  smsReplyReceivedV1,
} from '@careloop/contracts';
import { Outbox } from '@careloop/messaging';
import { createLogger } from '@careloop/observability';
import type { Clock } from '@careloop/time';
import { ReferralAwaitingBooking } from '../../src/awaiting-booking/referral-awaiting-booking.entity';
import { UpdateReferralAwaitingStatus } from '../../src/awaiting-booking/update-referral-awaiting-status';
import { BOOKING_SCHEMA } from '../../src/booking-schema';
import { AnswerOfferBySms } from '../../src/inreach/answer-offer-by-sms';
import { HoldOfferedSeat } from '../../src/inreach/hold-offered-seat';
import { MakeSessionSlots } from '../../src/inreach/make-session-slots';
import type { Site } from '../../src/organisation/site.entity';
import type { BookingTestDatabase } from './booking-database';
import { aBookingClient, RIVERSIDE_CDAS } from './booking-fixtures';
import { eventsInOutbox } from './events-in-outbox';
import { aHostSite, aSession, envelope, sessionPublished, slotsOfSession } from './inreach-sessions';

/** In-reach offers and SMS replies as booking receives them, with synthetic data. Override any part. */

type OfferMade = EventData<typeof inreachOfferMadeV1>;
type ReplyReceived = EventData<typeof smsReplyReceivedV1>;
type StatusChanged = EventData<typeof referralStatusChangedV1>;

/** The offer use cases as the in-reach module wires them, on one clock, logging nothing. */
export function offersAt(clock: Clock) {
  const outbox = new Outbox(BOOKING_SCHEMA, clock);
  const audit = new AuditTrail();
  const logger = createLogger({ service: 'booking', level: 'silent' });
  return {
    hold: new HoldOfferedSeat(outbox, audit, clock, logger),
    answer: new AnswerOfferBySms(outbox, audit, clock, logger),
    followStatus: new UpdateReferralAwaitingStatus(outbox, audit, clock, logger),
  };
}

/** A referral to the in-reach service as booking learnt it from referral.created.v1; its id. */
export async function anInreachReferral(
  manager: EntityManager,
  client: { clientId: string; orgId: string },
): Promise<string> {
  const referralId = randomUUID();
  await manager.insert(ReferralAwaitingBooking, {
    referralId,
    orgId: client.orgId,
    clientId: client.clientId,
    destinationKind: 'inreach',
    destinationName: 'Hepatitis C treatment clinic',
    urgency: 'routine',
    status: 'sent',
    referredAt: new Date('2029-12-01T10:00:00Z'),
    receivedAt: new Date('2029-12-01T10:00:01Z'),
  });
  return referralId;
}

/**
 * inreach.offer-made.v1 for a client of the session's host: offered at 09:00 on Monday 7 January 2030,
 * expiring 12 hours before the default session (22:00 on the 8th).
 */
export function offerMade(
  session: Pick<InreachSession, 'sessionId' | 'serviceId' | 'hostOrgId'>,
  offered: { clientId: string; referralId: string },
  overrides: Partial<OfferMade> = {},
): EventEnvelope<OfferMade, 'inreach.offer-made.v1'> {
  const offerId = overrides.offerId ?? randomUUID();
  return envelope(
    'inreach.offer-made.v1',
    offerId,
    session.hostOrgId,
    {
      offerId,
      sessionId: session.sessionId,
      serviceId: session.serviceId,
      hostOrgId: session.hostOrgId,
      clientId: offered.clientId,
      referralId: offered.referralId,
      keyworkerId: 'alex.morgan',
      offeredAt: '2030-01-07T09:00:00.000Z',
      expiresAt: '2030-01-08T22:00:00.000Z',
      ...overrides,
    },
    { kind: 'system', id: 'system:inreach-offers' },
  );
}

/** referral.status-changed.v1 for a referral of the host, moved by its keyworker (closed, unless said). */
export function referralStatusChanged(
  referral: { clientId: string; orgId: string; referralId: string },
  to: ReferralStatusValue = 'closed',
  overrides: Partial<StatusChanged> = {},
): EventEnvelope<StatusChanged, 'referral.status-changed.v1'> {
  return envelope(
    'referral.status-changed.v1',
    referral.referralId,
    referral.orgId,
    {
      referralId: referral.referralId,
      clientId: referral.clientId,
      from: 'sent',
      to,
      action: to === 'closed' ? 'close' : 'record-acceptance',
      reason: to === 'closed' ? 'Client moved out of the area' : null,
      appointmentId: null,
      source: 'staff',
      changedBy: 'alex.morgan',
      changedAt: '2030-01-07T10:00:00.000Z',
      ...overrides,
    },
    { kind: 'user', id: 'alex.morgan' },
  );
}

/** sms.reply-received.v1 from the client about an appointment, read as `intent`. */
export function smsReply(
  reply: { clientId: string; orgId: string; appointmentId: string | null },
  intent: ReplyIntent,
  overrides: Partial<ReplyReceived> = {},
): EventEnvelope<ReplyReceived, 'sms.reply-received.v1'> {
  const text = { confirm: 'Yes', rebook: 'No sorry', opt_out: 'STOP', other: 'Is it the liver nurse?' };
  return envelope(
    'sms.reply-received.v1',
    reply.clientId,
    reply.orgId,
    {
      replyId: randomUUID(),
      clientId: reply.clientId,
      appointmentId: reply.appointmentId,
      intent,
      text: text[intent],
      receivedAt: '2030-01-07T12:00:00.000Z',
      ...overrides,
    },
    { kind: 'client', id: reply.clientId },
  );
}

/**
 * What the offer specs arrange on booking's database at a clock: the host's site, published sessions
 * (slots made by booking's consumer), clients of the host with a referral, and the two consumers' use
 * cases run in a transaction of their own, as the consume pipeline runs them.
 */
export function offerArrangement(db: BookingTestDatabase, clock: Clock) {
  let site: Site | undefined;
  const hostSite = async () =>
    (site ??= await db.transaction((m) =>
      aHostSite(m, { orgId: RIVERSIDE_CDAS, siteName: 'Riverside House' }),
    ));
  const publish = (session: InreachSession) =>
    db.transaction((m) =>
      new MakeSessionSlots(new Outbox(BOOKING_SCHEMA, clock), clock).execute(m, sessionPublished(session)),
    );
  const aReferredClient = async (attendancePattern: AttendanceWindow[] = []) => {
    const client = await db.transaction((m) =>
      aBookingClient(m, { orgId: RIVERSIDE_CDAS, attendancePattern }),
    );
    const referralId = await db.transaction((m) => anInreachReferral(m, client));
    return { clientId: client.clientId, orgId: client.orgId, referralId };
  };
  const offer = (event: EventEnvelope<OfferMade>) =>
    db.transaction((m) => offersAt(clock).hold.execute(m, event));
  return {
    /** Publishes a session of the host (the default, or overridden) and returns it with its slots. */
    published: async (overrides: Partial<InreachSession> = {}) => {
      const session = aSession(await hostSite(), overrides);
      await publish(session);
      return { session, slots: await slotsOfSession(db.dataSource, session.sessionId) };
    },
    /** A client of the host, known to booking with the given usual days, referred to the service. */
    aReferredClient,
    offer,
    /** A new client offered the first seat of a new session: the hold, its slot and session, the offer. */
    anOfferHold: async () => {
      const session = aSession(await hostSite(), { seatsPerSlot: 1 });
      await publish(session);
      const [slot] = await slotsOfSession(db.dataSource, session.sessionId);
      const client = await aReferredClient();
      const made = offerMade(session, client);
      const outcome = await offer(made);
      if (outcome.kind !== 'held') throw new Error(`offer not held: ${JSON.stringify(outcome)}`);
      return { client, session, slot: slot!, offerId: made.data.offerId, id: outcome.appointmentId };
    },
    answer: (event: EventEnvelope<ReplyReceived>) =>
      db.transaction((m) => offersAt(clock).answer.execute(m, event)),
    /** Booking's consumer of referral.status-changed.v1 (its copy of the referral follows it). */
    statusChanged: (event: EventEnvelope<StatusChanged>) =>
      db.transaction((m) => offersAt(clock).followStatus.execute(m, event)),
    takenOf: async (slotId: string) =>
      (
        (await db.dataSource.query(`SELECT taken FROM booking.slot WHERE id = $1`, [slotId])) as {
          taken: number;
        }[]
      )[0]!.taken,
    eventsAbout: <T>(key: string, type?: string) => eventsInOutbox<T>(db.dataSource, { key, type }),
  };
}
