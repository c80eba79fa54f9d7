import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditTrail, type Principal } from '@careloop/auth';
import { Database } from '@careloop/persistence';
import { loadRuntimeConfig, startServices } from '@careloop/runtime';
import { useServiceOverHttp, type HttpMethod } from '@careloop/testing';
import type { Clock } from '@careloop/time';
import { referralsService } from '../../src/referrals.service';
import { OpenTask, type NewTask } from '../../src/task/open-task';

/**
 * The referrals service as it is deployed (all its modules, real tokens from a test identity provider,
 * its own database on the real Postgres), on the in-process bus and the given clock: started before
 * the spec's tests, stopped after. Call it in the describe block before the spec's own beforeAll.
 */
export function useReferralsOverHttp(database: string | undefined, clock: Clock) {
  const referrals = useServiceOverHttp({
    name: 'Referrals',
    database,
    start: (env) => startServices([referralsService], loadRuntimeConfig(env), { clock }),
  });
  return {
    call: <T = Record<string, unknown>>(
      who: Principal,
      method: HttpMethod,
      path: string,
      body?: unknown,
      headers?: Record<string, string>,
    ) => referrals.call<T>(who, method, path, body, headers),
    get dataSource(): DataSource {
      return referrals.served.app.get(Database).dataSource;
    },
  };
}

/** A CDAS keyworker at the hub; override the site ids to make a colleague of another team. */
export function aWorker(orgId: string, overrides: Partial<Principal> = {}): Principal {
  return {
    userId: `user-${randomUUID()}`,
    name: 'Alex Morgan',
    roles: ['drug_worker'],
    orgId,
    orgKind: 'cdas',
    siteIds: ['site-hub'],
    ...overrides,
  };
}

/** A client as the client context stores one: Sam Carter, at a site, with a keyworker. */
export async function insertTaskClient(
  ds: DataSource,
  orgId: string,
  o: { keyworkerId: string; siteId?: string; preferredName?: string | null },
): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO referrals.client (id, org_id, version, given_name, family_name, preferred_name, date_of_birth,
       keyworker_id, site_id, no_fixed_abode, recently_released_from_prison, interpreter_needed,
       created_by, created_at, updated_by, updated_at)
     VALUES ($1, $2, 1, 'Samuel', 'Carter', $3, '1981-03-14', $4, $5, false, false, false, 'test', now(), 'test', now())`,
    [
      id,
      orgId,
      o.preferredName === undefined ? 'Sam' : o.preferredName,
      o.keyworkerId,
      o.siteId ?? 'site-hub',
    ],
  );
  return id;
}

/** A sent, urgent referral of the client, as the referral context stores one. */
export async function insertTaskReferral(ds: DataSource, orgId: string, clientId: string): Promise<string> {
  const needId = randomUUID();
  const id = randomUUID();
  await ds.query(
    `INSERT INTO referrals.need (id, org_id, client_id, category, status, identified_at, identified_by,
       recorded_by, recorded_at, updated_at)
     VALUES ($1, $2, $3, 'hepatitis_c', 'referred', now(), 'test', 'test', now(), now())`,
    [needId, orgId, clientId],
  );
  await ds.query(
    `INSERT INTO referrals.referral (id, org_id, client_id, need_id, destination_kind, destination_name, urgency,
       reason, accompaniment, status, status_changed_at, created_by, created_at, updated_at, version)
     VALUES ($1, $2, $3, $4, 'outpatient', 'St Elsewhere Hepatology', 'urgent', 'Positive antibody test',
       '{"needed": false}', 'did_not_attend', now(), 'test', now(), now(), 1)`,
    [id, orgId, clientId, needId],
  );
  return id;
}

/** The appointment as booking's events left it in the projection: missed. */
export async function insertMissedAppointment(
  ds: DataSource,
  orgId: string,
  clientId: string,
  referralId: string | null,
): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO referrals.client_appointment (appointment_id, org_id, client_id, referral_id, provider_name,
       service_type, location, starts_at, ends_at, status, updated_at)
     VALUES ($1, $2, $3, $4, 'St Elsewhere Hepatology', 'hepatitis C treatment', 'Clinic room 2',
       '2026-11-02T10:00:00Z', '2026-11-02T10:20:00Z', 'did_not_attend', now())`,
    [id, orgId, clientId, referralId],
  );
  return id;
}

/** A follow-up for a missed appointment, as the DNA consumer opens one; override anything. */
export function aDnaTask(
  base: { orgId: string; clientId: string; referralId: string | null; appointmentId: string },
  overrides: Partial<NewTask> = {},
): NewTask {
  return {
    cause: `dna:${base.appointmentId}`,
    type: 'dna_follow_up',
    orgId: base.orgId,
    clientId: base.clientId,
    referralId: base.referralId,
    appointmentId: base.appointmentId,
    summary: 'Missed hepatitis C treatment at St Elsewhere Hepatology: call to rebook',
    priority: 'high',
    dueAt: new Date('2026-11-03T17:00:00Z'),
    assignTo: 'keyworker',
    detail: { rebookSearch: { serviceType: 'hepatitis C treatment', preferDays: ['tue'] } },
    causedBy: randomUUID(),
    ...overrides,
  };
}

/** Opens a task in its own transaction, as a consumer does inside its inbox transaction. */
export function openTask(ds: DataSource, task: NewTask, now: Date) {
  const opener = new OpenTask(new AuditTrail());
  return ds.transaction((manager) => opener.execute(manager, task, now));
}

export async function taskRow(ds: DataSource, id: string): Promise<Record<string, unknown>> {
  const [row] = (await ds.query(`SELECT * FROM referrals.task WHERE id = $1`, [id])) as Record<
    string,
    unknown
  >[];
  if (!row) throw new Error(`no task ${id}`);
  return row;
}

export async function tableCount(ds: DataSource, table: 'task' | 'task_contact_attempt' | 'audit_log') {
  const [row] = (await ds.query(`SELECT count(*)::int AS n FROM referrals.${table}`)) as { n: number }[];
  return row!.n;
}
