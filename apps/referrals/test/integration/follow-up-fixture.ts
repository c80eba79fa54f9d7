import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';
import { deadLetterTopic, findEventDefinition, type EventEnvelope } from '@careloop/contracts';
import { EventContext, headersFor, type InProcessBus } from '@careloop/messaging';
import { Database } from '@careloop/persistence';
import { loadRuntimeConfig, startServices, type RunningServices } from '@careloop/runtime';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { RecordNeed } from '../../src/need/record-need';
import { CreateReferral } from '../../src/referral/create-referral';
import { referralsService } from '../../src/referrals.service';
import { aReferralBody, insertClient } from './referral-fixture';

/** A task as stored, with what the follow-up tests look at. */
export interface TaskRow {
  id: string;
  type: string;
  cause: string;
  summary: string;
  detail: Record<string, unknown>;
  due_at: Date;
  priority: string;
  team_site_id: string;
  assignee_user_id: string | null;
  status: string;
  referral_id: string | null;
  appointment_id: string | null;
  caused_by: string;
}

/**
 * The referrals service as it runs on the in-process bus and a fresh database of the real Postgres:
 * events go through the real consume pipeline (contract validation, inbox, one transaction each) on
 * their producer's topic, keyed by subject. The clock is a test clock.
 */
export async function startReferralsInProcess(label: string, env: Record<string, string> = {}) {
  const testDb: TestDatabase = await createTestDatabase(label);
  const clock = new ManualClock('2026-11-02T10:00:00Z');
  let running: RunningServices | undefined;
  try {
    const config = loadRuntimeConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDb.url,
      AUTH_ISSUER: 'https://idp.careloop.test/',
      AUTH_JWKS_URL: 'https://idp.careloop.test/jwks.json',
      OUTBOX_POLL_MS: '50',
      ...env,
    });
    running = await startServices([referralsService], config, { clock });
  } catch (error) {
    await testDb.drop();
    throw error;
  }
  const started = running;
  const bus = started.bus.inProcessBus as InProcessBus;
  const db = started.app.get(Database);
  const topicOf = (e: EventEnvelope) => findEventDefinition(e.type)!.topic;
  const query = <T>(sql: string, params: unknown[] = []) => db.dataSource.query(sql, params) as Promise<T[]>;

  return {
    running,
    db,
    clock,
    /**
     * Publishes the events as their producers do, and waits until referrals has handled them all. The
     * clock moves on a second first, so what each delivery opens sorts after the one before.
     */
    async deliver(...events: EventEnvelope[]): Promise<void> {
      clock.advance(1_000);
      await bus.publish(
        events.map((e) => ({
          topic: topicOf(e),
          key: e.subjectId,
          value: JSON.stringify(e),
          headers: headersFor(e),
        })),
      );
      await bus.idle();
    },
    /** The ids of the events of these producers' topics that referrals dead-lettered. */
    deadLettered(...events: EventEnvelope[]): string[] {
      const topics = new Set(events.map(topicOf));
      return [...topics].flatMap((t) =>
        bus.messages(deadLetterTopic(t)).map((m) => (JSON.parse(String(m.value)) as EventEnvelope).id),
      );
    },
    /** What a consumer handler gets for an event: its transaction. */
    contextFor(envelope: EventEnvelope, manager: EventContext['manager']): EventContext {
      return new EventContext({
        envelope,
        manager,
        topic: topicOf(envelope),
        partition: 0,
        offset: '0',
        attempt: 1,
        consumer: 'test',
      });
    },
    async tasksOf(clientId: string): Promise<TaskRow[]> {
      return query<TaskRow>(
        `SELECT id::text AS id, type, cause, summary, detail, due_at, priority, team_site_id, assignee_user_id,
                status, referral_id::text AS referral_id, appointment_id::text AS appointment_id, caused_by
           FROM referrals.task WHERE client_id = $1 ORDER BY created_at, type, cause`,
        [clientId],
      );
    },
    /** The audit entries of the tasks opened for the client (reads are audited too, not counted here). */
    async taskAudit(clientId: string): Promise<{ subject_id: string; actor_user_id: string }[]> {
      return query(
        `SELECT subject_id, actor_user_id FROM referrals.audit_log WHERE client_id = $1 AND subject_type = 'task' AND action = 'create' ORDER BY seq`,
        [clientId],
      );
    },
    /** Marks a task done as a worker would, so the rules see it closed. */
    async complete(taskId: string): Promise<void> {
      await query(
        `UPDATE referrals.task SET status = 'done', outcome = 'rebooked', completed_by = 'user-keyworker',
            completed_at = now(), updated_at = now(), version = version + 1 WHERE id = $1`,
        [taskId],
      );
    },
    query,
    async close(): Promise<void> {
      await started.close();
      await testDb.drop();
    },
  };
}

export type ReferralsInProcess = Awaited<ReturnType<typeof startReferralsInProcess>>;

/** A client (keyworker `kw-alex`, site `site-hub`) with a sent referral of the given urgency. */
export async function aClientWithReferral(
  env: ReferralsInProcess,
  worker: Principal,
  urgency: 'routine' | 'soon' | 'urgent' = 'routine',
): Promise<{ clientId: string; referralId: string }> {
  const clientId = await insertClient(env.db, worker.orgId);
  const need = await env.running.app
    .get(RecordNeed)
    .execute(worker, clientId, { category: 'respiratory_copd' }, undefined);
  const { result } = await env.running.app
    .get(CreateReferral)
    .execute(worker, clientId, aReferralBody(need.result.id, { urgency }), undefined);
  return { clientId, referralId: result.id };
}

/** The same event published again by its producer under a new id (a fact reported twice). */
export const resent = <E extends EventEnvelope>(event: E): E => ({ ...event, id: randomUUID() });
