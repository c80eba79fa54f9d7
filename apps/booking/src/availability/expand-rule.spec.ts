import { formatInLondon } from '@careloop/time';
import { expandRule, occurrenceDates, sessionSlots, type RuleShape } from './expand-rule';
import { parseRrule } from './rrule';

const aRule = (rrule: string, overrides: Partial<Omit<RuleShape, 'recurrence'>> = {}): RuleShape => ({
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

// A night-time session across the change hour (01:00-02:00), to see what the clocks do to it.
const night = { startTime: '00:30', endTime: '03:00', slotMinutes: 30 };

describe('expanding availability: the spring-forward Sunday', () => {
  it.each([
    ['2026-03-29', '2026-03-29T00:30', '2026-03-29T01:00', '2026-03-29T01:30'],
    ['2027-03-28', '2027-03-28T00:30', '2027-03-28T01:00', '2027-03-28T01:30'],
  ])('on %s the skipped times 01:00 and 01:30 make no slot', (date, gmt0030, bst0200, bst0230) => {
    const slots = sessionSlots(date, night);
    expect(utc(slots)).toEqual([`${gmt0030}/01:00`, `${bst0200}/01:30`, `${bst0230}/02:00`]);
    expect(london(slots)).toEqual([`${date} 00:30`, `${date} 02:00`, `${date} 02:30`]);
  });

  it('does not make a slot that would start before the previous one ends (slots not dividing the hour)', () => {
    // 00:45 GMT lasts until 01:30 UTC, which is 02:30 BST: the 02:15 slot would overlap it.
    const slots = sessionSlots('2026-03-29', { startTime: '00:45', endTime: '03:45', slotMinutes: 45 });
    expect(london(slots)).toEqual(['2026-03-29 00:45', '2026-03-29 03:00']);
    expect(utc(slots)).toEqual(['2026-03-29T00:45/01:30', '2026-03-29T02:00/02:45']);
  });
});

describe('expanding availability: the autumn fall-back Sunday', () => {
  it.each([
    ['2026-10-25', '2026-10-24T23:30', '2026-10-25T00:00', '2026-10-25T00:30', '2026-10-25T02:00'],
    ['2027-10-31', '2027-10-30T23:30', '2027-10-31T00:00', '2027-10-31T00:30', '2027-10-31T02:00'],
  ])('on %s the repeated 01:00 and 01:30 make one slot each, the first time round', (date, a, b, c, d) => {
    const slots = sessionSlots(date, night);
    expect(slots.map((s) => s.startsAt.toISOString().slice(0, 16))).toEqual([a, b, c, d, `${date}T02:30`]);
    // 01:00 and 01:30 appear once, with the BST offset; nothing is made in the repeated GMT hour.
    expect(slots.map((s) => formatInLondon(s.startsAt, 'HH:mm ZZ'))).toEqual([
      '00:30 +01:00',
      '01:00 +01:00',
      '01:30 +01:00',
      '02:00 +00:00',
      '02:30 +00:00',
    ]);
  });
});

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

describe('expanding availability: which dates a rule falls on', () => {
  it('makes whole slots only: what is left before the end time is not offered', () => {
    expect(
      london(sessionSlots('2026-12-01', { startTime: '09:00', endTime: '10:10', slotMinutes: 20 })),
    ).toEqual(['2026-12-01 09:00', '2026-12-01 09:20', '2026-12-01 09:40']);
  });

  it('takes the weekday of validFrom for a weekly rule with no BYDAY', () => {
    expect(
      occurrenceDates(aRule('FREQ=WEEKLY', { validFrom: '2026-12-02' }), '2026-12-01', '2026-12-20'),
    ).toEqual(['2026-12-02', '2026-12-09', '2026-12-16']);
  });

  it('starts a weekly BYDAY rule at the first matching day on or after validFrom, every other week', () => {
    // validFrom is a Wednesday: that week's Thursday counts, its Monday is before validFrom.
    const rule = aRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', { validFrom: '2026-12-02' });
    expect(occurrenceDates(rule, '2026-12-01', '2026-12-31')).toEqual([
      '2026-12-03',
      '2026-12-14',
      '2026-12-17',
      '2026-12-28',
      '2026-12-31',
    ]);
  });

  it('limits a daily rule to its BYDAY weekdays and steps by INTERVAL days', () => {
    expect(
      occurrenceDates(
        aRule('FREQ=DAILY;BYDAY=MO,WE,FR', { validFrom: '2026-12-01' }),
        '2026-12-01',
        '2026-12-07',
      ),
    ).toEqual(['2026-12-02', '2026-12-04', '2026-12-07']);
    expect(
      occurrenceDates(
        aRule('FREQ=DAILY;INTERVAL=3', { validFrom: '2026-12-01' }),
        '2026-12-01',
        '2026-12-10',
      ),
    ).toEqual(['2026-12-01', '2026-12-04', '2026-12-07', '2026-12-10']);
  });

  it('counts COUNT from validFrom, however late the window starts', () => {
    const rule = aRule('FREQ=WEEKLY;BYDAY=TU;COUNT=3', { validFrom: '2026-12-01' });
    expect(occurrenceDates(rule, '2026-12-01', '2027-03-01')).toEqual([
      '2026-12-01',
      '2026-12-08',
      '2026-12-15',
    ]);
    expect(occurrenceDates(rule, '2026-12-09', '2027-03-01')).toEqual(['2026-12-15']);
  });

  it('stops at UNTIL (a date, or the session start passing an instant) and at validUntil', () => {
    const base = { validFrom: '2026-12-01' };
    expect(occurrenceDates(aRule('FREQ=DAILY;UNTIL=20261203', base), '2026-12-01', '2026-12-31')).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
    // 09:00 on 3 December (GMT) is 09:00Z: inside an UNTIL of 09:00Z, outside one of 08:59Z.
    expect(
      occurrenceDates(aRule('FREQ=DAILY;UNTIL=20261203T090000Z', base), '2026-12-01', '2026-12-31'),
    ).toHaveLength(3);
    expect(
      occurrenceDates(aRule('FREQ=DAILY;UNTIL=20261203T085900Z', base), '2026-12-01', '2026-12-31'),
    ).toHaveLength(2);
    expect(
      occurrenceDates(aRule('FREQ=DAILY', { ...base, validUntil: '2026-12-02' }), '2026-12-01', '2026-12-31'),
    ).toEqual(['2026-12-01', '2026-12-02']);
  });
});
