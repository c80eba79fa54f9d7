import { DEFAULT_REMINDERS_POLICY, type RemindersPolicy } from '../reminders-policy';
import { planReminders, type PlannedStep } from './reminder-plan';

/** The plan as plain values: step, due instant (UTC), status and reason. */
function plan(startsAt: string, now: string, policy: RemindersPolicy = DEFAULT_REMINDERS_POLICY) {
  return planReminders(new Date(startsAt), new Date(now), policy).map((p: PlannedStep) => ({
    step: p.step,
    dueAt: p.dueAt.toISOString(),
    status: p.status,
    reason: p.reason,
  }));
}

const scheduled = (step: string, dueAt: string) => ({ step, dueAt, status: 'scheduled', reason: null });
const skipped = (step: string, dueAt: string, reason: string) => ({ step, dueAt, status: 'skipped', reason });

describe('planReminders', () => {
  it('plans a confirmation now, then 10:00 three days before, 18:00 the day before and two hours before', () => {
    // Tuesday 10 November 2026 14:30 GMT, booked the Monday before.
    expect(plan('2026-11-10T14:30:00Z', '2026-11-02T10:15:00Z')).toEqual([
      scheduled('confirmation', '2026-11-02T10:15:00.000Z'),
      scheduled('three_days_before', '2026-11-07T10:00:00.000Z'),
      scheduled('evening_before', '2026-11-09T18:00:00.000Z'),
      scheduled('two_hours_before', '2026-11-10T12:30:00.000Z'),
    ]);
  });

  it('keeps London wall-clock times across the spring clock change', () => {
    // Monday 30 March 2026 10:00 BST (09:00Z); the clocks went forward on Sunday 29 March at 01:00.
    expect(plan('2026-03-30T09:00:00Z', '2026-03-20T12:00:00Z')).toEqual([
      scheduled('confirmation', '2026-03-20T12:00:00.000Z'),
      // Friday 27 March 10:00 GMT.
      scheduled('three_days_before', '2026-03-27T10:00:00.000Z'),
      // Sunday 29 March 18:00 BST.
      scheduled('evening_before', '2026-03-29T17:00:00.000Z'),
      // 08:00 BST: two hours of real time, not of wall clock.
      scheduled('two_hours_before', '2026-03-30T07:00:00.000Z'),
    ]);
  });

  it('keeps London wall-clock times across the autumn clock change', () => {
    // Monday 26 October 2026 10:00 GMT; the clocks went back on Sunday 25 October at 02:00 BST.
    expect(plan('2026-10-26T10:00:00Z', '2026-10-19T09:00:00Z')).toEqual([
      scheduled('confirmation', '2026-10-19T09:00:00.000Z'),
      // Friday 23 October 10:00 BST.
      scheduled('three_days_before', '2026-10-23T09:00:00.000Z'),
      // Sunday 25 October 18:00 GMT.
      scheduled('evening_before', '2026-10-25T18:00:00.000Z'),
      scheduled('two_hours_before', '2026-10-26T08:00:00.000Z'),
    ]);
  });

  describe('quiet hours (21:00-08:00 London)', () => {
    it('moves a step falling inside them to their end when that is still before the appointment', () => {
      // 09:00 appointment: two hours before is 07:00, inside quiet hours; 08:00 still gives an hour's notice.
      expect(plan('2026-11-12T09:00:00Z', '2026-11-02T12:00:00Z').at(-1)).toEqual(
        scheduled('two_hours_before', '2026-11-12T08:00:00.000Z'),
      );
    });

    it('moves to 08:00 London on the morning the clocks went forward', () => {
      // Sunday 29 March 2026 09:00 BST: 07:00 BST is quiet; the end of quiet hours is 08:00 BST = 07:00Z.
      expect(plan('2026-03-29T08:00:00Z', '2026-03-20T12:00:00Z').at(-1)).toEqual(
        scheduled('two_hours_before', '2026-03-29T07:00:00.000Z'),
      );
    });

    it('skips a step whose quiet hours end only when the appointment starts, rather than texting the night before', () => {
      // 08:00 appointment: 06:00 is quiet and 08:00 is too late; the evening_before text still goes.
      expect(plan('2026-11-12T08:00:00Z', '2026-11-02T12:00:00Z')).toEqual([
        scheduled('confirmation', '2026-11-02T12:00:00.000Z'),
        scheduled('three_days_before', '2026-11-09T10:00:00.000Z'),
        scheduled('evening_before', '2026-11-11T18:00:00.000Z'),
        skipped('two_hours_before', '2026-11-12T06:00:00.000Z', 'quiet_hours'),
      ]);
    });

    it('holds a confirmation booked at night until 08:00, sending one text when two steps meet there', () => {
      // Booked at 22:30 for 09:00 next morning: the confirmation and the 07:00 reminder both land at 08:00.
      expect(plan('2026-11-12T09:00:00Z', '2026-11-11T22:30:00Z')).toEqual([
        skipped('confirmation', '2026-11-12T08:00:00.000Z', 'same_time'),
        skipped('three_days_before', '2026-11-09T10:00:00.000Z', 'past'),
        skipped('evening_before', '2026-11-11T18:00:00.000Z', 'past'),
        scheduled('two_hours_before', '2026-11-12T08:00:00.000Z'),
      ]);
    });

    it('allows a text at exactly 08:00 and one a second before 21:00, not at 21:00', () => {
      const policy: RemindersPolicy = {
        ...DEFAULT_REMINDERS_POLICY,
        steps: ['evening_before'],
        eveningBeforeAt: '21:00',
      };
      expect(plan('2026-11-12T12:00:00Z', '2026-11-02T12:00:00Z', policy)).toEqual([
        scheduled('evening_before', '2026-11-12T08:00:00.000Z'),
      ]);
      expect(
        plan('2026-11-12T12:00:00Z', '2026-11-11T20:59:59Z', { ...policy, steps: ['confirmation'] }),
      ).toEqual([scheduled('confirmation', '2026-11-11T20:59:59.000Z')]);
    });
  });

  it('booked three hours ahead: only the confirmation and the two-hours-before reminder', () => {
    expect(plan('2026-11-12T13:00:00Z', '2026-11-12T10:00:00Z')).toEqual([
      scheduled('confirmation', '2026-11-12T10:00:00.000Z'),
      skipped('three_days_before', '2026-11-09T10:00:00.000Z', 'past'),
      skipped('evening_before', '2026-11-11T18:00:00.000Z', 'past'),
      scheduled('two_hours_before', '2026-11-12T11:00:00.000Z'),
    ]);
  });

  it('skips steps already past: booked two days ahead, no three-days-before reminder', () => {
    expect(plan('2026-11-11T14:00:00Z', '2026-11-09T12:00:00Z').map((p) => [p.step, p.status])).toEqual([
      ['confirmation', 'scheduled'],
      ['three_days_before', 'skipped'],
      ['evening_before', 'scheduled'],
      ['two_hours_before', 'scheduled'],
    ]);
  });

  it('skips every step of an appointment that has already started', () => {
    expect(plan('2026-11-12T09:00:00Z', '2026-11-12T09:00:00Z').map((p) => [p.status, p.reason])).toEqual([
      ['skipped', 'past'],
      ['skipped', 'past'],
      ['skipped', 'past'],
      ['skipped', 'past'],
    ]);
  });

  it('plans only the steps the policy lists, at the times it sets', () => {
    const policy: RemindersPolicy = {
      ...DEFAULT_REMINDERS_POLICY,
      steps: ['three_days_before', 'evening_before'],
      threeDaysBeforeAt: '11:30',
      eveningBeforeAt: '17:00',
    };
    expect(plan('2026-11-10T14:30:00Z', '2026-11-02T10:15:00Z', policy)).toEqual([
      scheduled('three_days_before', '2026-11-07T11:30:00.000Z'),
      scheduled('evening_before', '2026-11-09T17:00:00.000Z'),
    ]);
  });

  it('applies quiet hours that do not wrap midnight', () => {
    const policy: RemindersPolicy = {
      ...DEFAULT_REMINDERS_POLICY,
      steps: ['confirmation'],
      quietHours: { from: '12:00', to: '14:00' },
    };
    expect(plan('2026-11-12T16:00:00Z', '2026-11-12T12:30:00Z', policy)).toEqual([
      scheduled('confirmation', '2026-11-12T14:00:00.000Z'),
    ]);
  });
});
