import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import {
  findEventDefinition,
  type appointmentAttendanceRecordedV1,
  type appointmentBookedV1,
  type appointmentCancelledV1,
  type appointmentHeldV1,
  type appointmentHoldEndedV1,
  type appointmentRebookNeededV1,
  type appointmentRescheduledV1,
  type clientConsentChangedV1,
  type clientContactChangedV1,
  type clientContactDataErasedV1,
  type ClientSnapshot,
  type ContactPurpose,
  type EventData,
  type EventEnvelope,
} from '@careloop/contracts';
import { headersFor, MessagingModule } from '@careloop/messaging';
import {
  JOB_SCHEDULER,
  loadRuntimeConfig,
  startServices,
  type RunningServices,
  type ServiceDefinition,
} from '@careloop/runtime';
import type { JobScheduler, JobStatus } from '@careloop/scheduling';
import { redisUrl } from '@careloop/testing';
import type { Clock } from '@careloop/time';
import { DataSource } from 'typeorm';
import { AppointmentModule } from '../../src/appointment/appointment.module';
import { ClientModule } from '../../src/client/client.module';
import { PlanModule } from '../../src/plan/plan.module';
import { REMINDERS_QUEUE, reminderJobId } from '../../src/plan/reminder-jobs';
import { ReschedulePendingReminders } from '../../src/plan/reschedule-pending-reminders';
import { RemindersPolicyModule } from '../../src/reminders-policy.module';
import { REMINDERS_SCHEMA } from '../../src/reminders-schema';
import { remindersService } from '../../src/reminders.service';

/**
 * Client and booking events as the referrals and booking services publish them (synthetic data),
 * and the reminders service with its projections and plans mounted, for integration specs.
 */

export const RIVERSIDE_CDAS = 'org-riverside-cdas';
export const NORTHGATE_CDAS = 'org-northgate-cdas';
/** Ofcom's drama range: never a real phone. */
export const SAM_MOBILE = '+447700900123';

type Env<D> = EventEnvelope<EventData<D>>;
interface EnvelopeOverrides {
  occurredAt?: string;
  orgId?: string;
}

function envelope<TData>(
  type: string,
  subjectId: string,
  data: TData,
  overrides: EnvelopeOverrides = {},
): EventEnvelope<TData> {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: overrides.occurredAt ?? '2026-11-02T10:15:00Z',
    orgId: overrides.orgId ?? RIVERSIDE_CDAS,
    actor: { kind: 'user', id: 'user-drug-worker' },
    correlationId: randomUUID(),
    causationId: null,
    subjectId,
    data,
  };
}

// Client events (referrals topic, keyed by client id).

export function aClientSnapshotEvent(
  clientId: string,
  version: number,
  overrides: EnvelopeOverrides & { data?: Partial<ClientSnapshot> } = {},
): EventEnvelope<ClientSnapshot> {
  return envelope(
    version === 1 ? 'client.registered.v1' : 'client.updated.v1',
    clientId,
    {
      clientId,
      version,
      name: { given: 'Sam', family: 'Taylor' },
      preferredName: null,
      dateOfBirth: '1979-04-12',
      nhsNumber: '9434765919',
      keyworkerId: 'alex.morgan',
      siteId: 'site-riverside-high-street',
      gpPracticeOds: 'Y12345',
      flags: {
        noFixedAbode: false,
        recentlyReleasedFromPrison: false,
        interpreterNeeded: false,
        interpreterLanguage: null,
      },
      attendancePattern: [],
      ...overrides.data,
    },
    overrides,
  );
}

type Contact = EventData<typeof clientContactChangedV1>['contacts'][number];

export function aContact(purpose: ContactPurpose, phone: string, safeToText = true): Contact {
  return {
    contactId: randomUUID(),
    purpose,
    phone,
    label: null,
    safeToText,
    verifiedBy: null,
    verifiedAt: null,
  };
}

export function aContactChangedEvent(
  clientId: string,
  contacts: Contact[],
  overrides: EnvelopeOverrides = {},
): Env<typeof clientContactChangedV1> {
  return envelope('client.contact-changed.v1', clientId, { clientId, contacts }, overrides);
}

export function aConsentChangedEvent(
  clientId: string,
  given: { smsReminders: boolean; nameServiceInSms?: boolean },
  overrides: EnvelopeOverrides = {},
): Env<typeof clientConsentChangedV1> {
  const state = (g: boolean) =>
    g
      ? { given: true, recordedBy: 'alex.morgan', recordedAt: '2026-11-02T10:00:00Z' }
      : { given: false, recordedBy: null, recordedAt: null };
  return envelope(
    'client.consent-changed.v1',
    clientId,
    {
      clientId,
      consents: {
        sms_reminders: state(given.smsReminders),
        name_service_in_sms: state(given.nameServiceInSms ?? false),
        share_outcome_with_gp: state(false),
      },
    },
    overrides,
  );
}

/** A registered client who may be texted: their own mobile, safe to text, and consent to SMS reminders. */
export function aTextableClient(clientId: string, mobile: string): EventEnvelope[] {
  return [
    aClientSnapshotEvent(clientId, 1),
    aContactChangedEvent(clientId, [aContact('own_mobile', mobile)]),
    aConsentChangedEvent(clientId, { smsReminders: true }),
  ];
}

export function aContactDataErasedEvent(
  clientId: string,
  overrides: EnvelopeOverrides = {},
): Env<typeof clientContactDataErasedV1> {
  return envelope(
    'client.contact-data-erased.v1',
    clientId,
    { clientId, erasedBy: 'alex.morgan', reason: 'Client asked for their numbers to be deleted' },
    overrides,
  );
}

// Appointment events (booking topic, keyed by appointment id).

export function aBookedEvent(
  data: { appointmentId?: string; clientId?: string; startsAt: string } & Partial<
    EventData<typeof appointmentBookedV1>
  >,
  overrides: EnvelopeOverrides = {},
): Env<typeof appointmentBookedV1> {
  const appointmentId = data.appointmentId ?? randomUUID();
  const startsAt = new Date(data.startsAt);
  return envelope(
    'appointment.booked.v1',
    appointmentId,
    {
      appointmentId,
      clientId: data.clientId ?? randomUUID(),
      referralId: null,
      providerName: 'Hillside Surgery',
      providerOrgId: 'org-hillside-surgery',
      serviceType: 'gp_review',
      location: 'Hillside Surgery, 4 Mill Lane',
      endsAt: new Date(startsAt.getTime() + 20 * 60_000).toISOString(),
      bookedBy: 'alex.morgan',
      ...data,
      startsAt: startsAt.toISOString(),
    },
    overrides,
  );
}

export function aRescheduledEvent(
  booked: Env<typeof appointmentBookedV1>,
  startsAt: string,
  overrides: EnvelopeOverrides & { data?: Partial<EventData<typeof appointmentRescheduledV1>> } = {},
): Env<typeof appointmentRescheduledV1> {
  const { appointmentId, clientId } = booked.data;
  return envelope(
    'appointment.rescheduled.v1',
    appointmentId,
    {
      appointmentId,
      clientId,
      referralId: null,
      previousStartsAt: booked.data.startsAt,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(Date.parse(startsAt) + 20 * 60_000).toISOString(),
      location: 'Hillside Surgery, 4 Mill Lane',
      rescheduledBy: 'alex.morgan',
      ...overrides.data,
    },
    overrides,
  );
}

export function aCancelledEvent(
  booked: Env<typeof appointmentBookedV1>,
  overrides: EnvelopeOverrides = {},
): Env<typeof appointmentCancelledV1> {
  const { appointmentId, clientId, startsAt } = booked.data;
  return envelope(
    'appointment.cancelled.v1',
    appointmentId,
    {
      appointmentId,
      clientId,
      referralId: null,
      cancelledBy: 'client',
      reason: 'Client is unwell',
      startsAt,
    },
    overrides,
  );
}

/** Booking cancelled the appointment's in-reach session and found nowhere to move it. */
export function aRebookNeededEvent(
  booked: Env<typeof appointmentBookedV1>,
  overrides: EnvelopeOverrides = {},
): Env<typeof appointmentRebookNeededV1> {
  const { appointmentId, clientId, referralId, serviceType, providerName, startsAt } = booked.data;
  return envelope(
    'appointment.rebook-needed.v1',
    appointmentId,
    {
      appointmentId,
      clientId,
      referralId,
      reason: 'inreach_session_cancelled',
      inreachSessionId: randomUUID(),
      serviceType,
      providerName,
      startsAt,
    },
    overrides,
  );
}

export function anAttendanceRecordedEvent(
  booked: Env<typeof appointmentBookedV1>,
  outcome: EventData<typeof appointmentAttendanceRecordedV1>['outcome'],
  overrides: EnvelopeOverrides = {},
): Env<typeof appointmentAttendanceRecordedV1> {
  const { appointmentId, clientId, startsAt } = booked.data;
  return envelope(
    'appointment.attendance-recorded.v1',
    appointmentId,
    { appointmentId, clientId, referralId: null, outcome, startsAt, recordedBy: 'jo.bennett' },
    overrides,
  );
}

export function aHeldEvent(
  data: { appointmentId: string; clientId: string; startsAt: string },
  overrides: EnvelopeOverrides = {},
): Env<typeof appointmentHeldV1> {
  return envelope(
    'appointment.held.v1',
    data.appointmentId,
    {
      ...data,
      referralId: null,
      slotId: randomUUID(),
      holdExpiresAt: '2026-11-02T10:25:00Z',
      heldBy: 'alex.morgan',
    },
    overrides,
  );
}

/** A seat an in-reach waiting list held for the client as an offer, lapsing at `holdExpiresAt`. */
export function anOfferHeldEvent(
  data: { appointmentId?: string; clientId: string; startsAt: string; holdExpiresAt: string } & {
    offer?: Partial<NonNullable<EventData<typeof appointmentHeldV1>['offer']>>;
  },
  overrides: EnvelopeOverrides = {},
): Env<typeof appointmentHeldV1> {
  const appointmentId = data.appointmentId ?? randomUUID();
  const startsAt = new Date(data.startsAt);
  return envelope(
    'appointment.held.v1',
    appointmentId,
    {
      appointmentId,
      clientId: data.clientId,
      referralId: randomUUID(),
      slotId: randomUUID(),
      startsAt: startsAt.toISOString(),
      holdExpiresAt: new Date(data.holdExpiresAt).toISOString(),
      heldBy: 'system:inreach-offer',
      inreachSessionId: randomUUID(),
      offer: {
        offerId: randomUUID(),
        providerName: 'Hep C nurse',
        providerOrgId: 'org-riverside-cdas',
        serviceType: 'hep_c_testing',
        location: 'Hillside Surgery, 4 Mill Lane',
        endsAt: new Date(startsAt.getTime() + 20 * 60_000).toISOString(),
        ...data.offer,
      },
    },
    overrides,
  );
}

/** The offer's hold ended unbooked: the client said no (declined), it lapsed, or staff released it. */
export function aHoldEndedEvent(
  held: Env<typeof appointmentHeldV1>,
  reason: EventData<typeof appointmentHoldEndedV1>['reason'],
  overrides: EnvelopeOverrides = {},
): Env<typeof appointmentHoldEndedV1> {
  const { appointmentId, clientId, referralId, slotId, inreachSessionId, offer } = held.data;
  return envelope(
    'appointment.hold-ended.v1',
    appointmentId,
    {
      appointmentId,
      clientId,
      referralId,
      slotId,
      reason,
      inreachSessionId: inreachSessionId ?? null,
      offerId: offer?.offerId ?? null,
    },
    overrides,
  );
}

/** The offer taken: booking books the held seat, the same appointment. */
export function anOfferBookedEvent(
  held: Env<typeof appointmentHeldV1>,
  overrides: EnvelopeOverrides = {},
): Env<typeof appointmentBookedV1> {
  const { appointmentId, clientId, referralId, startsAt, offer, inreachSessionId } = held.data;
  return aBookedEvent(
    {
      appointmentId,
      clientId,
      referralId,
      startsAt,
      providerName: offer!.providerName,
      providerOrgId: offer!.providerOrgId ?? undefined,
      serviceType: offer!.serviceType,
      location: offer!.location,
      endsAt: offer!.endsAt,
      bookedBy: 'system:sms-reply',
      inreachSessionId,
    },
    overrides,
  );
}

// The service, with client and appointment projections and plans mounted on the real runtime.

/** The service's projections and plans, and `more` of its modules (sending, receipts...). */
export function remindersPlansWith(...more: (Type | DynamicModule)[]): Type {
  @Module({
    imports: [
      MessagingModule.forService(REMINDERS_SCHEMA),
      RemindersPolicyModule,
      ClientModule,
      AppointmentModule,
      PlanModule,
      ...more,
    ],
  })
  class RemindersPlansUnderTest {}
  return RemindersPlansUnderTest;
}

const RemindersPlansOnly = remindersPlansWith();

export interface ReminderRow {
  id: string;
  step: string;
  appointment_version: number;
  due_at: Date;
  status: string;
  status_reason: string | null;
}

export interface RemindersPlansHarness {
  running: RunningServices;
  dataSource: DataSource;
  scheduler: JobScheduler;
  /** Publishes on each event's own topic, keyed by subject, and waits until every one is handled. */
  publish(...events: EventEnvelope[]): Promise<void>;
  reminders(appointmentId: string): Promise<ReminderRow[]>;
  job(reminderId: string): Promise<JobStatus | undefined>;
  /** Waits for the start-up sweep of pending reminders. */
  sweepDone(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Boots the reminders service with its client and appointment projections and plans (the module
 * under test, `module`, replaces the service's own) on a real database, the in-process bus and, with
 * `redisPrefix`, BullMQ on the real Redis; otherwise the in-process scheduler.
 */
export async function startRemindersPlans(options: {
  databaseUrl: string;
  clock: Clock;
  redisPrefix?: string;
  env?: Record<string, string>;
  module?: Type | DynamicModule;
}): Promise<RemindersPlansHarness> {
  const config = loadRuntimeConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: options.databaseUrl,
    AUTH_ISSUER: 'https://idp.careloop.test/',
    AUTH_JWKS_URL: 'https://idp.careloop.test/jwks.json',
    OUTBOX_POLL_MS: '50',
    ...(options.redisPrefix ? { REDIS_URL: redisUrl(), REDIS_PREFIX: options.redisPrefix } : {}),
    ...options.env,
  });
  const service: ServiceDefinition = { ...remindersService, module: options.module ?? RemindersPlansOnly };
  const running = await startServices([service], config, { clock: options.clock });
  const dataSource = running.app.get(DataSource);
  const scheduler = running.app.get<JobScheduler>(JOB_SCHEDULER);
  const bus = running.bus.inProcessBus!;
  return {
    running,
    dataSource,
    scheduler,
    publish: async (...events) => {
      await bus.publish(
        events.map((e) => ({
          topic: findEventDefinition(e.type)!.topic,
          key: e.subjectId,
          value: JSON.stringify(e),
          headers: headersFor(e),
        })),
      );
      await bus.idle();
    },
    reminders: (appointmentId) =>
      dataSource.query(
        `SELECT "id", "step", "appointment_version", "due_at", "status", "status_reason"
         FROM "reminders"."reminder" WHERE "appointment_id" = $1
         ORDER BY "appointment_version", array_position(
           ARRAY['offer', 'confirmation', 'three_days_before', 'evening_before', 'two_hours_before', 'missed'], "step")`,
        [appointmentId],
      ),
    job: (reminderId) => scheduler.inspect(REMINDERS_QUEUE, reminderJobId(reminderId)),
    sweepDone: () => running.app.get(ReschedulePendingReminders).settled(),
    close: () => running.close(),
  };
}
