import {
  completeTaskBody,
  listTasksQuery,
  reassignTaskBody,
  recordContactAttemptBody,
  snoozeTaskBody,
} from './task.dto';

type Schema = {
  safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
};

const issues = (schema: Schema, body: unknown) => {
  const parsed = schema.safeParse(body);
  return parsed.success ? [] : (parsed.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
};
const paths = (schema: Schema, body: unknown) => issues(schema, body).map((i) => i.split(':')[0]);

describe('completing a task', () => {
  it('takes each outcome; rebooked, declined and unreachable need no note', () => {
    for (const outcome of ['rebooked', 'declined', 'unreachable']) {
      expect(issues(completeTaskBody, { outcome })).toEqual([]);
      expect(issues(completeTaskBody, { outcome, note: 'Booked for Tuesday' })).toEqual([]);
    }
  });

  it('needs a note for other and safeguarding_concern', () => {
    for (const outcome of ['other', 'safeguarding_concern']) {
      expect(issues(completeTaskBody, { outcome })).toEqual([
        'note: is required when the outcome is other or safeguarding_concern: say what happened',
      ]);
      expect(paths(completeTaskBody, { outcome, note: '   ' })).toEqual(['note']);
      expect(issues(completeTaskBody, { outcome, note: 'Raised with the safeguarding lead' })).toEqual([]);
    }
  });

  it('refuses an unknown outcome, a long note and unknown fields, listing each', () => {
    expect(paths(completeTaskBody, { outcome: 'closed' })).toEqual(['outcome']);
    expect(paths(completeTaskBody, { outcome: 'other', note: 'x'.repeat(1001) })).toEqual(['note']);
    expect(paths(completeTaskBody, { outcome: 'rebooked', discharge: true })).toEqual(['']);
  });
});

describe('reassigning, snoozing and contact attempts', () => {
  it('reassigns to a user id or to the team (null), never to an empty name', () => {
    expect(issues(reassignTaskBody, { assigneeUserId: 'u-7' })).toEqual([]);
    expect(issues(reassignTaskBody, { assigneeUserId: null })).toEqual([]);
    expect(paths(reassignTaskBody, { assigneeUserId: '  ' })).toEqual(['assigneeUserId']);
    expect(paths(reassignTaskBody, {})).toEqual(['assigneeUserId']);
  });

  it('snoozes until an instant with its offset, for a reason', () => {
    expect(
      issues(snoozeTaskBody, { until: '2026-11-03T09:00:00+00:00', reason: 'Client in hospital' }),
    ).toEqual([]);
    expect(paths(snoozeTaskBody, { until: 'tomorrow', reason: '' }).sort()).toEqual(['reason', 'until']);
  });

  it('records a contact attempt by a known method with a known outcome', () => {
    expect(issues(recordContactAttemptBody, { method: 'via_hostel', outcome: 'message_left' })).toEqual([]);
    expect(
      paths(recordContactAttemptBody, { method: 'pigeon', outcome: 'maybe', madeAt: 'today' }).sort(),
    ).toEqual(['madeAt', 'method', 'outcome']);
  });
});

describe('the worklist query', () => {
  it('defaults to my open tasks, 50 at a time', () => {
    expect(listTasksQuery.parse({})).toEqual({ view: 'mine', limit: 50, offset: 0 });
  });

  it('lists only open tasks as overdue', () => {
    expect(issues(listTasksQuery, { view: 'overdue', status: 'done' })).toEqual([
      'status: overdue lists open tasks only',
    ]);
    expect(issues(listTasksQuery, { view: 'overdue', status: 'open' })).toEqual([]);
  });

  it('names every bad parameter', () => {
    expect(
      paths(listTasksQuery, { view: 'all', type: 'chores', clientId: 'c-1', limit: '0' }).sort(),
    ).toEqual(['clientId', 'limit', 'type', 'view']);
  });
});
