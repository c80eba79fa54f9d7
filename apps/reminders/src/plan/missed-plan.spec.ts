import { DEFAULT_REMINDERS_POLICY } from '../reminders-policy';
import { planMissed } from './missed-plan';

const QUIET = DEFAULT_REMINDERS_POLICY.quietHours;
/** Sam's appointment on Tuesday 10 November 2026 at 14:30 GMT, which they missed. */
const STARTS_AT = '2026-11-10T14:30:00Z';

function plan(
  now: string,
  startsAt = STARTS_AT,
  notTextable: Parameters<typeof planMissed>[2] = null,
  rebooked = false,
) {
  const planned = planMissed(
    { now: new Date(now), startsAt: new Date(startsAt), rebooked },
    QUIET,
    notTextable,
  );
  return { ...planned, dueAt: planned.dueAt.toISOString() };
}

describe('planMissed', () => {
  it('texts at once when the non-attendance is recorded in the day', () => {
    expect(plan('2026-11-10T15:10:00Z')).toEqual({
      dueAt: '2026-11-10T15:10:00.000Z',
      status: 'scheduled',
      reason: null,
    });
  });

  it('holds a non-attendance recorded at night until quiet hours end at 08:00 London', () => {
    expect(plan('2026-11-10T22:30:00Z')).toEqual({
      dueAt: '2026-11-11T08:00:00.000Z',
      status: 'scheduled',
      reason: null,
    });
    // In summer 08:00 BST is 07:00Z; after midnight, the same morning's end.
    expect(plan('2026-06-10T00:30:00Z', '2026-06-09T18:00:00Z')).toMatchObject({
      dueAt: '2026-06-10T07:00:00.000Z',
      status: 'scheduled',
    });
  });

  it('never says sorry before the appointment has started, should the outcome arrive early', () => {
    expect(plan('2026-11-10T14:00:00Z')).toMatchObject({
      dueAt: '2026-11-10T14:30:00.000Z',
      status: 'scheduled',
    });
    // An evening appointment recorded early: its start is in quiet hours, so the morning after.
    expect(plan('2026-11-10T20:00:00Z', '2026-11-10T21:15:00Z')).toMatchObject({
      dueAt: '2026-11-11T08:00:00.000Z',
      status: 'scheduled',
    });
  });

  it('skips a text that would go 24 hours or more after the start', () => {
    expect(plan('2026-11-11T14:29:00Z')).toMatchObject({ status: 'scheduled' });
    expect(plan('2026-11-11T14:30:00Z')).toEqual({
      dueAt: '2026-11-11T14:30:00.000Z',
      status: 'skipped',
      reason: 'missed_text_too_late',
    });
    expect(plan('2026-11-13T09:00:00Z')).toMatchObject({ status: 'skipped', reason: 'missed_text_too_late' });
  });

  it('says so when quiet hours end too late for a text that was still in time', () => {
    // Missed at 07:30 on Tuesday, recorded at 22:00 on Tuesday: in time, but 08:00 Wednesday is not.
    expect(plan('2026-11-10T22:00:00Z', '2026-11-10T07:30:00Z')).toEqual({
      dueAt: '2026-11-11T08:00:00.000Z',
      status: 'skipped',
      reason: 'missed_text_too_late_after_quiet_hours',
    });
    // Recorded in the night after the 24 hours had passed: simply too late.
    expect(plan('2026-11-11T22:00:00Z', '2026-11-10T15:00:00Z')).toMatchObject({
      reason: 'missed_text_too_late',
    });
  });

  it('skips a client who may not be texted, with the reason, whatever the time', () => {
    expect(plan('2026-11-10T15:10:00Z', STARTS_AT, 'no_sms_consent')).toEqual({
      dueAt: '2026-11-10T15:10:00.000Z',
      status: 'skipped',
      reason: 'no_sms_consent',
    });
    expect(plan('2026-11-10T22:30:00Z', STARTS_AT, 'opted_out')).toMatchObject({
      status: 'skipped',
      reason: 'opted_out',
    });
  });

  it('skips a client already rebooked after the miss: "reply to rebook" has nothing to offer', () => {
    expect(plan('2026-11-10T15:10:00Z', STARTS_AT, null, true)).toEqual({
      dueAt: '2026-11-10T15:10:00.000Z',
      status: 'skipped',
      reason: 'client_rebooked',
    });
    // The reason that says most: rebooked, even for a client who may not be texted.
    expect(plan('2026-11-10T22:30:00Z', STARTS_AT, 'opted_out', true)).toMatchObject({
      status: 'skipped',
      reason: 'client_rebooked',
    });
  });
});
