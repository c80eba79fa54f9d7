import { parseRrule, type RecurringTimes } from '@careloop/recurrence';
import { formatInLondon } from '@careloop/time';
import { expandRule } from './expand-rule';

const aRule = (
  rrule: string,
  overrides: Partial<Omit<RecurringTimes, 'recurrence'>> = {},
): RecurringTimes => ({
  recurrence: parseRrule(rrule),
  startTime: '09:00',
  endTime: '12:00',
  slotMinutes: 20,
  validFrom: '2026-01-01',
  validUntil: null,
  ...overrides,
});

const utc = (slots: { startsAt: Date; endsAt: Date }[]) =>
  slots.map((s) => `${s.startsAt.toISOString().slice(0, 16)}/${s.endsAt.toISOString().slice(11, 16)}`);
const london = (slots: { startsAt: Date }[]) =>
  slots.map((s) => formatInLondon(s.startsAt, 'yyyy-MM-dd HH:mm'));

describe('expanding availability: London wall-clock time in GMT and BST', () => {
  it('keeps a daily 09:00 slot at 09:00 London across both 2026 changes, so its UTC time moves', () => {
    const rule = aRule('FREQ=DAILY', { startTime: '09:00', endTime: '09:20' });
    const spring = expandRule(rule, '2026-03-27', '2026-03-30');
    const autumn = expandRule(rule, '2026-10-23', '2026-10-26');
    expect(utc(spring)).toEqual([
      '2026-03-27T09:00/09:20',
      '2026-03-28T09:00/09:20',
      '2026-03-29T08:00/08:20',
      '2026-03-30T08:00/08:20',
    ]);
    expect(utc(autumn)).toEqual([
      '2026-10-23T08:00/08:20',
      '2026-10-24T08:00/08:20',
      '2026-10-25T09:00/09:20',
      '2026-10-26T09:00/09:20',
    ]);
    expect([...spring, ...autumn].every((s) => formatInLondon(s.startsAt, 'HH:mm') === '09:00')).toBe(true);
  });

  it('keeps a weekly Tuesday 09:00-10:00 session at the same London time across the 2026 autumn change', () => {
    const rule = aRule('FREQ=WEEKLY;BYDAY=TU', {
      startTime: '09:00',
      endTime: '10:00',
      validFrom: '2026-10-12',
    });
    const slots = expandRule(rule, '2026-10-12', '2026-11-04');
    expect(slots.map((s) => s.startsAt.toISOString().slice(0, 16))).toEqual([
      '2026-10-13T08:00',
      '2026-10-13T08:20',
      '2026-10-13T08:40',
      '2026-10-20T08:00',
      '2026-10-20T08:20',
      '2026-10-20T08:40',
      '2026-10-27T09:00',
      '2026-10-27T09:20',
      '2026-10-27T09:40',
      '2026-11-03T09:00',
      '2026-11-03T09:20',
      '2026-11-03T09:40',
    ]);
    expect(new Set(london(slots).map((t) => t.slice(11)))).toEqual(new Set(['09:00', '09:20', '09:40']));
  });

  it('does the same across the 2027 spring change: 09:00 GMT, then 09:00 BST (08:00 UTC)', () => {
    const rule = aRule('FREQ=WEEKLY;BYDAY=TU', {
      startTime: '09:00',
      endTime: '09:20',
      validFrom: '2027-03-15',
    });
    expect(utc(expandRule(rule, '2027-03-15', '2027-04-07'))).toEqual([
      '2027-03-16T09:00/09:20',
      '2027-03-23T09:00/09:20',
      '2027-03-30T08:00/08:20',
      '2027-04-06T08:00/08:20',
    ]);
  });
});
