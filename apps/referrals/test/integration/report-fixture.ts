import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';
import {
  deadLetterTopic,
  findEventDefinition,
  type EventData,
  type EventEnvelope,
  type reminderSentV1,
} from '@careloop/contracts';
import { headersFor, type InProcessBus } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { loadRuntimeConfig, startServices } from '@careloop/runtime';
import { useServiceOverHttp, type HttpMethod } from '@careloop/testing';
import type { ManualClock } from '@careloop/time';
import { RecordNeed } from '../../src/need/record-need';
import { ApplyReferralAction } from '../../src/referral/apply-referral-action';
import { CreateReferral } from '../../src/referral/create-referral';
import { referralActionBody } from '../../src/referral/referral.dto';
import type { ReferralsReport } from '../../src/report/referrals-report.dto';
import { referralsService } from '../../src/referrals.service';
import { aPrincipal, aReferralBody, anAppointment, insertClient } from './referral-fixture';
import { smsEventsFor } from './sms-events';

/**
 * The referrals service as it is deployed (every module, real tokens from a test identity provider)
 * on the in-process bus and a test clock: on a database of the real Postgres, or on embedded PGlite
 * without one. Booking's and reminders' events go through its real consumers.
 */
export function useReportService(database: string | undefined, clock: ManualClock) {
  const referrals = useServiceOverHttp({
    name: 'Referrals',
    database,
    start: (env) => startServices([referralsService], loadRuntimeConfig(env), { clock }),
  });
  const app = () => referrals.served.app;
  const bus = () => referrals.served.bus.inProcessBus as InProcessBus;
  const topicOf = (e: EventEnvelope) => findEventDefinition(e.type)!.topic;
  return {
    clock,
    get url(): string {
      return referrals.served.url;
    },
    get db(): Database {
      return app().get(Database);
    },
    get<T = ReferralsReport>(who: Principal, path: string) {
      return referrals.call<T>(who, 'GET', path);
    },
    call<T>(who: Principal, method: HttpMethod, path: string, body?: unknown) {
      return referrals.call<T>(who, method, path, body);
    },
    /** A plain fetch of a route as `who`, for answers `call` would not parse as JSON. */
    async fetchAs(
      who: Principal,
      path: string,
      init: { method?: string; headers?: Record<string, string>; body?: string } = {},
    ) {
      const authorization = `Bearer ${await referrals.tokenFor(who)}`;
      return fetch(`${referrals.served.url}${path}`, {
        ...init,
        headers: { ...init.headers, authorization },
      });
    },
    /** A GET answered with a file: its status, headers and text. */
    async download(who: Principal, path: string) {
      const response = await this.fetchAs(who, path);
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        disposition: response.headers.get('content-disposition'),
        cacheControl: response.headers.get('cache-control'),
        text: await response.text(),
      };
    },
    /** A GET with no token at all. */
    async anonymous(path: string) {
      const response = await fetch(`${referrals.served.url}${path}`);
      return { status: response.status, contentType: response.headers.get('content-type') };
    },
    /** Publishes the events in order as their producers do, and waits until referrals has handled them. */
    async deliver(...events: EventEnvelope[]): Promise<void> {
      await bus().publish(
        events.map((e) => ({
          topic: topicOf(e),
          key: e.subjectId,
          value: JSON.stringify(e),
          headers: headersFor(e),
        })),
      );
      await bus().idle();
    },
    /** How many events of booking's and reminders' topics referrals dead-lettered. */
    deadLettered(): number {
      return ['booking', 'reminders'].reduce(
        (n, topic) => n + bus().messages(deadLetterTopic(topic)).length,
        0,
      );
    },
    /** A client referred at `createdAt` (the clock is set there) for a need identified at `identifiedAt`. */
    async aReferral(
      worker: Principal,
      o: {
        createdAt: string;
        identifiedAt: string;
        destinationKind: 'gp' | 'outpatient' | 'inreach' | 'other';
        destinationName: string;
        send?: boolean;
      },
    ): Promise<{ clientId: string; referralId: string }> {
      clock.set(o.createdAt);
      const clientId = await insertClient(this.db, worker.orgId);
      const need = await app()
        .get(RecordNeed)
        .execute(worker, clientId, { category: 'respiratory_copd', identifiedAt: o.identifiedAt }, undefined);
      const body = aReferralBody(need.result.id, {
        destinationKind: o.destinationKind,
        destinationName: o.destinationName,
        send: o.send ?? true,
      });
      const { result } = await app().get(CreateReferral).execute(worker, clientId, body, undefined);
      return { clientId, referralId: result.id };
    },
    /** A member of staff sends the draft referral at `at`. */
    async send(worker: Principal, referralId: string, at: string): Promise<void> {
      clock.set(at);
      await app()
        .get(ApplyReferralAction)
        .execute(worker, referralId, referralActionBody.parse({ type: 'send' }), undefined);
    },
    /** A member of staff completes the referral at `at`. */
    async complete(worker: Principal, referralId: string, at: string): Promise<void> {
      clock.set(at);
      const action = referralActionBody.parse({ type: 'complete', outcome: 'Seen; treatment started' });
      await app().get(ApplyReferralAction).execute(worker, referralId, action, undefined);
    },
  };
}
export type ReportService = ReturnType<typeof useReportService>;

/**
 * Booking's appointment events for one appointment (referral-fixture's), booked at `bookedAt` to
 * start at `startsAt`, of a service type, in a reserved slot or not (left out: an event from before
 * booking said).
 */
export function anAppointmentOf(
  orgId: string,
  clientId: string,
  referralId: string | null,
  o: { startsAt: string; bookedAt: string; serviceType: string; underReservation?: boolean },
) {
  const appointment = anAppointment(orgId, clientId, referralId);
  const slot = o.underReservation === undefined ? {} : { underReservation: o.underReservation };
  const booked = appointment.booked(o.startsAt, o.bookedAt, slot);
  return { ...appointment, booked: { ...booked, data: { ...booked.data, serviceType: o.serviceType } } };
}

/** The delivery receipt of a text sent, as reminders reports it (with the text's step), at `at`. */
export function deliveryOf(sent: EventEnvelope<EventData<typeof reminderSentV1>>, at: string): EventEnvelope {
  const { messageId, clientId, appointmentId, step } = sent.data;
  return smsEventsFor(sent.orgId, clientId).delivered(at, { messageId, appointmentId, step });
}

/** A manager of the organisation, who reads its reports. */
export const aManager = (orgId: string, overrides: Partial<Principal> = {}) =>
  aPrincipal({ orgId, roles: ['service_manager'], userId: `manager-${randomUUID()}`, ...overrides });
