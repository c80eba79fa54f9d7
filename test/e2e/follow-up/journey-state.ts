import { eventually } from '@careloop/testing';
import { consumerLag, endOffsets, messagesIn, topicsUnder } from '../support/kafka-redelivery';
import { readReferral, type ReferralView } from '../support/referral-view';
import {
  appointmentsOf,
  smsOf,
  tasks,
  timelineOf,
  type AppointmentView,
  type ClientSmsView,
  type TaskList,
  type TimelineEntry,
} from './follow-up-api';
import type { FollowUpEnvironment } from './follow-up-env';
import { readReport, type ReferralsReport } from './report-api';

/** The ids of what the journey made, for reading its state back. */
export interface Journey {
  clientId: string;
  referralId: string;
  mobile: string;
  /** The report's period: London days around the journey. */
  period: { from: string; to: string };
}

/** Everything a person could see of the journey, across the three services. */
export interface JourneyState {
  worklists: Record<'mineOpen' | 'mineDone' | 'team' | 'overdue', TaskList>;
  referral: ReferralView;
  timeline: TimelineEntry[];
  sms: ClientSmsView[];
  appointments: AppointmentView[];
  textsToClient: string[];
  report: Omit<ReferralsReport, 'generatedAt'>;
}

export async function stateOf(env: FollowUpEnvironment, journey: Journey): Promise<JourneyState> {
  const { generatedAt: _generatedAt, ...report } = (await readReport(env, journey.period)).json;
  return {
    worklists: {
      mineOpen: await tasks(env, 'view=mine&status=open'),
      mineDone: await tasks(env, 'view=mine&status=done'),
      team: await tasks(env, 'view=team'),
      overdue: await tasks(env, 'view=overdue'),
    },
    referral: await readReferral(env, journey.referralId),
    timeline: await timelineOf(env, journey.clientId),
    sms: await smsOf(env, journey.clientId),
    appointments: await appointmentsOf(env, journey.clientId),
    textsToClient: env.textsTo(journey.mobile),
    report,
  };
}

/** The services of the journey: each has its schema, and its consumer group named after it. */
const SERVICES = ['referrals', 'booking', 'reminders'] as const;

/**
 * Waits until nothing is in flight: every service's outbox relayed, and every consumer group of the
 * services has committed up to the end of every partition it reads, with no message written meanwhile.
 * Resolves to the environment's event topics and dead-letter topics.
 */
export async function settled(
  env: FollowUpEnvironment,
): Promise<{ events: string[]; deadLetters: string[] }> {
  const topics = await topicsUnder(env.topicPrefix);
  const groups = SERVICES.map((service) => `${env.groupPrefix}${service}`);
  await eventually(
    async () => {
      const ends = await endOffsets(topics.events);
      for (const schema of SERVICES) {
        const waiting = await env.sql.query<{ n: string }>(
          `SELECT count(*) AS n FROM "${schema}"."outbox" WHERE "published_at" IS NULL`,
        );
        expect({ schema, unpublished: Number(waiting.rows[0]!.n) }).toEqual({ schema, unpublished: 0 });
      }
      expect(await consumerLag(groups, ends)).toEqual([]);
      expect(await endOffsets(topics.events)).toEqual(ends);
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  return topics;
}

/** Messages the services dead-lettered, on every dead-letter topic of the environment. */
export async function deadLettered(deadLetters: readonly string[]): Promise<number> {
  // The check means something only if the services made their dead-letter topics.
  expect(deadLetters.length).toBeGreaterThan(0);
  return messagesIn(deadLetters);
}
