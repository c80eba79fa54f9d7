import { randomUUID } from 'node:crypto';
import {
  dueAgainAt,
  effectiveStatus,
  isOverdue,
  MAX_SNOOZE_MS,
  newTaskProblems,
  snoozeProblem,
  type NewTaskShape,
} from './task-rules';

const now = new Date('2026-11-02T12:00:00.000Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const hour = 60 * 60_000;

describe('snooze limits', () => {
  it('takes any time after now up to 30 days ahead', () => {
    expect(snoozeProblem(at(1), now)).toBeNull();
    expect(snoozeProblem(at(MAX_SNOOZE_MS), now)).toBeNull();
    expect(MAX_SNOOZE_MS).toBe(30 * 24 * hour);
  });

  it('refuses now, the past and more than 30 days ahead', () => {
    expect(snoozeProblem(now, now)).toBe('NOT_IN_FUTURE');
    expect(snoozeProblem(at(-hour), now)).toBe('NOT_IN_FUTURE');
    expect(snoozeProblem(at(MAX_SNOOZE_MS + 1), now)).toBe('TOO_FAR_AHEAD');
  });
});

describe('a task as staff see it', () => {
  const open = { status: 'open' as const, dueAt: at(hour), snoozedUntil: null };

  it('is overdue once open past its due time, never while snoozed or done', () => {
    expect(isOverdue(open, now)).toBe(false);
    expect(isOverdue({ ...open, dueAt: at(-1) }, now)).toBe(true);
    expect(isOverdue({ ...open, dueAt: now }, now)).toBe(false);
    expect(isOverdue({ status: 'snoozed', dueAt: at(-hour), snoozedUntil: at(hour) }, now)).toBe(false);
    expect(isOverdue({ status: 'done', dueAt: at(-hour), snoozedUntil: null }, now)).toBe(false);
  });

  it('reads a snooze that has ended as open, and overdue from the end of the snooze', () => {
    const woke = { status: 'snoozed' as const, dueAt: at(-3 * hour), snoozedUntil: at(-hour) };
    expect(effectiveStatus(woke, now)).toBe('open');
    expect(dueAgainAt(woke)).toEqual(at(-hour));
    expect(isOverdue(woke, now)).toBe(true);
    const justWoke = { ...woke, snoozedUntil: now };
    expect(effectiveStatus(justWoke, now)).toBe('open');
    expect(isOverdue(justWoke, now)).toBe(false);
  });

  it('keeps the due time when the snooze ends before it', () => {
    const early = { status: 'snoozed' as const, dueAt: at(5 * hour), snoozedUntil: at(-hour) };
    expect(effectiveStatus(early, now)).toBe('open');
    expect(dueAgainAt(early)).toEqual(at(5 * hour));
    expect(isOverdue(early, now)).toBe(false);
  });

  it('is still snoozed before the snooze ends', () => {
    expect(effectiveStatus({ status: 'snoozed', dueAt: at(-hour), snoozedUntil: at(1) }, now)).toBe(
      'snoozed',
    );
  });
});

describe('a task an event opens', () => {
  const appointmentId = randomUUID();
  const task = (overrides: Partial<NewTaskShape> = {}): NewTaskShape => ({
    cause: `dna:${appointmentId}`,
    type: 'dna_follow_up',
    summary: 'Sam missed the hepatitis C clinic: call to rebook',
    referralId: randomUUID(),
    appointmentId,
    dueAt: at(hour),
    causedBy: randomUUID(),
    ...overrides,
  });

  it('passes when it follows the rules', () => {
    expect(newTaskProblems(task())).toEqual([]);
    expect(
      newTaskProblems(
        task({ type: 'sms_opted_out', cause: 'opted_out:c-1:2026-11-02T10:00:00Z', appointmentId: null }),
      ),
    ).toEqual([]);
  });

  it('needs the cause of its type, with a subject', () => {
    expect(newTaskProblems(task({ cause: `reply:${appointmentId}` }))).toEqual([
      'cause must be dna:<subject> for dna_follow_up',
    ]);
    expect(newTaskProblems(task({ cause: 'dna:' }))).toHaveLength(1);
    expect(newTaskProblems(task({ cause: `dna:${'x'.repeat(300)}` }))).toEqual([
      'cause must be at most 300 characters',
    ]);
  });

  it('needs a one-line summary of at most 200 characters', () => {
    for (const summary of ['', '   ', 'two\nlines', 'x'.repeat(201)]) {
      expect(newTaskProblems(task({ summary }))).toEqual(['summary must be one line of 1 to 200 characters']);
    }
  });

  it('names the appointment or referral its type is about', () => {
    expect(newTaskProblems(task({ appointmentId: null }))).toEqual(['dna_follow_up needs the appointment']);
    expect(
      newTaskProblems(task({ type: 'mdt_review', cause: `mdt_review:${appointmentId}`, referralId: null })),
    ).toEqual(['mdt_review needs the referral']);
  });

  it('bounds what it attaches and names its event', () => {
    expect(newTaskProblems(task({ detail: { replyText: 'x'.repeat(9000) } }))).toEqual([
      'detail must be at most 8000 bytes of JSON',
    ]);
    expect(newTaskProblems(task({ causedBy: ' ' }))).toEqual(['causedBy must name the event']);
    expect(newTaskProblems(task({ dueAt: new Date('nonsense') }))).toEqual(['dueAt must be a valid instant']);
  });
});
