import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@careloop/auth';
import { Database } from '@careloop/persistence';
import { createTestDatabase, type TestDatabase } from '@careloop/testing';
import { ManualClock } from '@careloop/time';
import { recordAdvocacyActionBody } from '../../src/advocacy/advocacy.dto';
import { RecordAdvocacyAction } from '../../src/advocacy/record-advocacy-action';
import { SqlClientDirectory } from '../../src/need/client-directory';
import { RecordCheck } from '../../src/recall/record-check';
import { referralsService } from '../../src/referrals.service';
import { GetClientTimeline } from '../../src/timeline/get-client-timeline';
import { TIMELINE_SOURCES } from '../../src/timeline/sources';
import { timelineQuery, type TimelineView } from '../../src/timeline/timeline.dto';
import { aPrincipal, insertClient, needUseCases } from './needs-support';

describe('client timeline on real Postgres', () => {
  let testDb: TestDatabase;
  let db: Database;
  const clock = new ManualClock('2026-11-02T10:00:00Z');
  const nurse = aPrincipal();
  const elsewhere = aPrincipal({ orgId: 'org-hillside' });
  let needs: ReturnType<typeof needUseCases>;
  let advocacy: RecordAdvocacyAction;
  let recall: RecordCheck;
  let timeline: GetClientTimeline;

  beforeAll(async () => {
    testDb = await createTestDatabase('timeline');
    db = await Database.open({ url: testDb.url, logger: { info: () => undefined, warn: () => undefined } }, [
      referralsService.database,
    ]);
    const audit = new AuditTrail();
    const clients = new SqlClientDirectory();
    needs = needUseCases(db, clock);
    advocacy = new RecordAdvocacyAction(db.dataSource, audit, clients, clock);
    recall = new RecordCheck(db.dataSource, audit, clients, clock);
    timeline = new GetClientTimeline(db.dataSource, audit, clients, TIMELINE_SOURCES);
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const read = (
    clientId: string,
    query: Record<string, unknown> = {},
    principal = nurse,
  ): Promise<TimelineView> => timeline.execute(principal, clientId, timelineQuery.parse(query));
  const at = (iso: string) => clock.set(iso);
  const act = async (clientId: string, outcome: string, extra: Record<string, unknown> = {}) =>
    (
      await advocacy.execute(
        nurse,
        clientId,
        recordAdvocacyActionBody.parse({ type: 'phoned_surgery', outcome, ...extra }),
        undefined,
      )
    ).result;

  /** A referral with its history and an appointment, as the referral context stores them. */
  async function insertReferral(clientId: string, needId: string) {
    const id = randomUUID();
    const appointmentId = randomUUID();
    const q = (sql: string, params: unknown[]) => db.dataSource.query(sql, params);
    await q(
      `INSERT INTO referrals.referral (id, org_id, client_id, need_id, destination_kind, destination_name, urgency,
         reason, accompaniment, status, status_changed_at, created_by, created_at, updated_at, version)
       VALUES ($1, $2, $3, $4, 'outpatient', 'St Elsewhere respiratory clinic', 'soon', 'Breathless', '{}',
         'booked', '2026-10-05T09:00:00Z', 'kw-alex', '2026-10-03T09:00:00Z', '2026-10-05T09:00:00Z', 3)`,
      [id, nurse.orgId, clientId, needId],
    );
    const change = (from: string | null, to: string, atIso: string, source: string, appointment?: string) =>
      q(
        `INSERT INTO referrals.referral_status_change (id, referral_id, org_id, client_id, from_status, to_status,
           action, reason, appointment_id, changed_by, source, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'test', NULL, $7, $8, $9, $10)`,
        [
          randomUUID(),
          id,
          nurse.orgId,
          clientId,
          from,
          to,
          appointment ?? null,
          source === 'event' ? 'system:booking' : 'kw-alex',
          source,
          atIso,
        ],
      );
    await change(null, 'draft', '2026-10-03T09:00:00Z', 'staff');
    await change('draft', 'sent', '2026-10-04T09:00:00Z', 'staff');
    await q(
      `INSERT INTO referrals.client_appointment (appointment_id, org_id, client_id, referral_id, provider_name,
         service_type, location, starts_at, ends_at, status, updated_at)
       VALUES ($1, $2, $3, $4, 'St Elsewhere Hospital', 'respiratory clinic', 'Outpatients B', '2026-10-20T14:00:00Z',
         '2026-10-20T14:30:00Z', 'booked', '2026-10-05T09:00:00Z')`,
      [appointmentId, nurse.orgId, clientId, id],
    );
    await change('sent', 'booked', '2026-10-05T09:00:00Z', 'event', appointmentId);
    return { id, appointmentId };
  }

  it('merges every kind into one newest-first view, with refs and who did it', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    at('2026-10-01T09:00:00Z');
    const { result: need } = await needs.recordNeed.execute(
      nurse,
      clientId,
      { category: 'respiratory_copd', notes: 'Breathless on stairs', identifiedAt: '2026-10-01T08:00:00Z' },
      undefined,
    );
    at('2026-10-02T09:00:00Z');
    await needs.changeStatus.execute(
      nurse,
      need.id,
      { status: 'referred', reason: 'Referred to clinic' },
      undefined,
    );
    const referral = await insertReferral(clientId, need.id);
    at('2026-10-21T11:00:00Z');
    const action = await act(clientId, 'Clinic confirms she attended', {
      type: 'chased_provider',
      referralId: referral.id,
      occurredAt: '2026-10-21T10:30:00Z',
    });
    at('2026-10-22T09:00:00Z');
    await recall.execute(
      nurse,
      clientId,
      { checkType: 'hepatitis_c_screen', doneOn: '2026-10-22' },
      undefined,
    );

    const view = await read(clientId);
    expect(view.entries.map((e) => [e.kind, e.occurredAt])).toEqual([
      ['recall_check', '2026-10-22T09:00:00.000Z'],
      ['advocacy_action', '2026-10-21T10:30:00.000Z'],
      ['appointment', '2026-10-20T14:00:00.000Z'],
      ['referral_status_changed', '2026-10-05T09:00:00.000Z'],
      ['referral_status_changed', '2026-10-04T09:00:00.000Z'],
      ['referral_created', '2026-10-03T09:00:00.000Z'],
      ['need_status_changed', '2026-10-02T09:00:00.000Z'],
      ['need_recorded', '2026-10-01T08:00:00.000Z'],
    ]);
    expect(view.nextBefore).toBeNull();
    expect(view.notYetAvailable).toEqual([]);
    const byKind = Object.fromEntries(view.entries.map((e) => [e.kind, e]));
    expect(byKind['advocacy_action']).toEqual({
      kind: 'advocacy_action',
      id: action.id,
      occurredAt: '2026-10-21T10:30:00.000Z',
      summary: 'Chased the provider: Clinic confirms she attended',
      refs: { referralId: referral.id },
      by: nurse.userId,
    });
    expect(byKind['appointment']).toMatchObject({
      summary: 'Appointment with St Elsewhere Hospital (respiratory clinic): booked',
      refs: { appointmentId: referral.appointmentId, referralId: referral.id },
    });
    expect(view.entries[3]).toMatchObject({
      summary: 'Referral to St Elsewhere respiratory clinic moved from sent to booked',
      refs: { referralId: referral.id, needId: need.id, appointmentId: referral.appointmentId },
      by: 'system:booking',
    });
    expect(byKind['need_recorded']).toMatchObject({
      summary: 'Need recorded: respiratory / COPD',
      by: nurse.userId,
    });
    expect(byKind['recall_check']!.summary).toBe('Hepatitis C screen done on 2026-10-22');
    // The need's clinical notes and the referral's reason stay out of the timeline.
    expect(JSON.stringify(view)).not.toMatch(/Breathless on stairs|"Breathless"/);
  });

  it('pages through ties across kinds without gaps or repeats', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    at('2026-11-01T12:00:00Z');
    // Many entries at one instant, of several kinds, and some a millisecond apart.
    for (let i = 0; i < 9; i++) await act(clientId, `call ${i}`, { occurredAt: '2026-11-01T09:00:00.000Z' });
    for (let i = 0; i < 4; i++) {
      await needs.recordNeed.execute(
        nurse,
        clientId,
        { category: 'dental', identifiedAt: '2026-11-01T09:00:00.000Z' },
        undefined,
      );
    }
    for (let i = 0; i < 5; i++)
      await act(clientId, `late ${i}`, { occurredAt: `2026-11-01T09:00:00.00${i}Z` });
    const all = await read(clientId, { limit: '100' });
    expect(all.entries).toHaveLength(18);

    for (const limit of [1, 3, 4, 7, 17]) {
      const seen: string[] = [];
      let before: string | null = null;
      for (let n = 0; n < 50; n++) {
        const page: TimelineView = await read(clientId, {
          limit: String(limit),
          ...(before ? { before } : {}),
        });
        expect(page.entries.length).toBeLessThanOrEqual(limit);
        seen.push(...page.entries.map((e) => `${e.kind}:${e.id}`));
        before = page.nextBefore;
        if (!before) break;
      }
      expect(seen).toEqual(all.entries.map((e) => `${e.kind}:${e.id}`));
    }
  });

  it('takes a plain instant as "strictly before"', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    at('2026-11-02T10:00:00Z');
    const early = await act(clientId, 'early', { occurredAt: '2026-11-01T08:00:00Z' });
    await act(clientId, 'on the dot', { occurredAt: '2026-11-01T09:00:00Z' });
    const view = await read(clientId, { before: '2026-11-01T09:00:00Z' });
    expect(view.entries.map((e) => e.id)).toEqual([early.id]);
  });

  it("shows only this client's entries, and another organisation's client as unknown", async () => {
    const clientId = await insertClient(db, nurse.orgId);
    const neighbour = await insertClient(db, nurse.orgId);
    at('2026-11-02T10:00:00Z');
    await act(neighbour, 'their call');
    expect((await read(clientId)).entries).toEqual([]);
    const theirClient = await insertClient(db, elsewhere.orgId);
    await expect(read(theirClient)).rejects.toMatchObject({ code: 'CLIENT_NOT_FOUND' });
    await expect(read(neighbour, {}, elsewhere)).rejects.toMatchObject({ code: 'CLIENT_NOT_FOUND' });
  });

  it('audits each read once, for the client', async () => {
    const clientId = await insertClient(db, nurse.orgId);
    await act(clientId, 'a call');
    await read(clientId, { limit: '5' });
    const rows: { action: string; subject_type: string; subject_id: string; details: { entries: number } }[] =
      await db.dataSource.query(
        `SELECT action, subject_type, subject_id, details FROM referrals.audit_log
          WHERE client_id = $1 AND subject_type = 'client_timeline'`,
        [clientId],
      );
    expect(rows).toEqual([
      {
        action: 'read',
        subject_type: 'client_timeline',
        subject_id: clientId,
        details: { before: null, limit: 5, entries: 1 },
      },
    ]);
  });
});
