import { formatInLondon } from '@careloop/time';
import { clashingDates, planSessions, type SeriesPattern } from './session-plan';

const weeklyWednesday = (overrides: Partial<SeriesPattern> = {}): SeriesPattern => ({
  rrule: 'FREQ=WEEKLY;BYDAY=WE',
  startTime: '10:00',
  endTime: '13:00',
  slotMinutes: 20,
  validFrom: '2026-03-01',
  validUntil: null,
  ...overrides,
});

const utc = (sessions: ReturnType<typeof planSessions>) =>
  sessions.map((s) => [s.date, s.startsAt.toISOString(), s.endsAt.toISOString()]);
const london = (sessions: ReturnType<typeof planSessions>) =>
  sessions.map(
    (s) => `${formatInLondon(s.startsAt, 'ccc yyyy-MM-dd HH:mm')}-${formatInLondon(s.endsAt, 'HH:mm')}`,
  );

describe('planning the sessions of a series', () => {
  it('keeps a weekly Wednesday 10:00-13:00 at 10:00 London across the last Sunday of March (GMT to BST)', () => {
    const sessions = planSessions(weeklyWednesday(), { from: '2026-03-18', to: '2026-04-08' });
    expect(london(sessions)).toEqual([
      'Wed 2026-03-18 10:00-13:00',
      'Wed 2026-03-25 10:00-13:00',
      'Wed 2026-04-01 10:00-13:00',
      'Wed 2026-04-08 10:00-13:00',
    ]);
    // Before 29 March London is on UTC; after it, an hour ahead.
    expect(utc(sessions)).toEqual([
      ['2026-03-18', '2026-03-18T10:00:00.000Z', '2026-03-18T13:00:00.000Z'],
      ['2026-03-25', '2026-03-25T10:00:00.000Z', '2026-03-25T13:00:00.000Z'],
      ['2026-04-01', '2026-04-01T09:00:00.000Z', '2026-04-01T12:00:00.000Z'],
      ['2026-04-08', '2026-04-08T09:00:00.000Z', '2026-04-08T12:00:00.000Z'],
    ]);
  });

  it('keeps it at 10:00 London across the last Sunday of October (BST to GMT)', () => {
    const sessions = planSessions(weeklyWednesday(), { from: '2026-10-14', to: '2026-11-04' });
    expect(utc(sessions)).toEqual([
      ['2026-10-14', '2026-10-14T09:00:00.000Z', '2026-10-14T12:00:00.000Z'],
      ['2026-10-21', '2026-10-21T09:00:00.000Z', '2026-10-21T12:00:00.000Z'],
      ['2026-10-28', '2026-10-28T10:00:00.000Z', '2026-10-28T13:00:00.000Z'],
      ['2026-11-04', '2026-11-04T10:00:00.000Z', '2026-11-04T13:00:00.000Z'],
    ]);
  });

  it('holds every other Wednesday counting fortnights from validFrom, whatever window is asked for', () => {
    const fortnightly = weeklyWednesday({
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE',
      validFrom: '2026-03-04',
    });
    expect(planSessions(fortnightly, { from: '2026-03-01', to: '2026-04-30' }).map((s) => s.date)).toEqual([
      '2026-03-04',
      '2026-03-18',
      '2026-04-01',
      '2026-04-15',
      '2026-04-29',
    ]);
    // Planning a later window (the horizon job extending) keeps the same fortnights.
    expect(planSessions(fortnightly, { from: '2026-04-02', to: '2026-04-30' }).map((s) => s.date)).toEqual([
      '2026-04-15',
      '2026-04-29',
    ]);
  });

  it('holds no session on an exception date; COUNT still counts it, as an RFC 5545 EXDATE does', () => {
    const sixSessions = weeklyWednesday({ rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=6', validFrom: '2026-05-04' });
    const bankHolidayWeek = new Set(['2026-05-27']);
    expect(
      planSessions(sixSessions, { from: '2026-05-01', to: '2026-07-31' }, bankHolidayWeek).map((s) => s.date),
    ).toEqual(['2026-05-06', '2026-05-13', '2026-05-20', '2026-06-03', '2026-06-10']);
  });

  it('holds nothing outside validFrom..validUntil, nor in an empty window', () => {
    const spring = weeklyWednesday({ validFrom: '2026-04-01', validUntil: '2026-04-15' });
    expect(planSessions(spring, { from: '2026-01-01', to: '2026-12-31' }).map((s) => s.date)).toEqual([
      '2026-04-01',
      '2026-04-08',
      '2026-04-15',
    ]);
    expect(planSessions(spring, { from: '2026-04-16', to: '2026-12-31' })).toEqual([]);
    expect(planSessions(spring, { from: '2026-04-10', to: '2026-04-09' })).toEqual([]);
  });

  it('does not hold a session whose start the spring-forward change skips', () => {
    const small = weeklyWednesday({ rrule: 'FREQ=DAILY', startTime: '01:30', endTime: '03:00' });
    expect(planSessions(small, { from: '2026-03-28', to: '2026-03-30' }).map((s) => s.date)).toEqual([
      '2026-03-28',
      '2026-03-30',
    ]);
  });
});

describe('clashing dates', () => {
  const session = (date: string, from: string, to: string) => ({
    date,
    startsAt: new Date(`${date}T${from}:00Z`),
    endsAt: new Date(`${date}T${to}:00Z`),
  });

  it('names the planned dates that share time with a taken session, not those that only touch one', () => {
    const planned = [
      session('2026-06-03', '09:00', '12:00'),
      session('2026-06-10', '09:00', '12:00'),
      session('2026-06-17', '09:00', '12:00'),
    ];
    const taken = [
      { startsAt: new Date('2026-06-03T12:00:00Z'), endsAt: new Date('2026-06-03T14:00:00Z') },
      { startsAt: new Date('2026-06-10T11:59:00Z'), endsAt: new Date('2026-06-10T14:00:00Z') },
      { startsAt: new Date('2026-06-17T08:00:00Z'), endsAt: new Date('2026-06-17T09:00:00Z') },
    ];
    expect(clashingDates(planned, taken)).toEqual(['2026-06-10']);
  });
});
