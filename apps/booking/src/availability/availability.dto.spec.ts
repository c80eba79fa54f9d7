import { createExceptionBody, createRuleBody } from './availability.dto';

const aRule = (overrides: Record<string, unknown> = {}) => ({
  rrule: 'FREQ=WEEKLY;BYDAY=TU',
  startTime: '09:00',
  endTime: '12:00',
  slotMinutes: 20,
  validFrom: '2026-12-01',
  ...overrides,
});

const issues = (schema: typeof createRuleBody | typeof createExceptionBody, input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('availability rule: the request body', () => {
  it('accepts a weekly session with capacity 1 by default and no end', () => {
    const rule = createRuleBody.parse(aRule());
    expect(rule.capacity).toBe(1);
    expect(rule.validUntil).toBeUndefined();
  });

  it('refuses an RRULE outside the subset, saying which part', () => {
    expect(issues(createRuleBody, aRule({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=1' }))).toEqual([
      {
        path: 'rrule',
        message: 'BYMONTHDAY is not supported (accepted parts: FREQ, INTERVAL, BYDAY, COUNT, UNTIL)',
      },
    ]);
    expect(issues(createRuleBody, aRule({ rrule: 'FREQ=WEEKLY;BYDAY=-1FR' }))[0]?.message).toContain(
      '"-1FR" is not a plain weekday',
    );
  });

  it('refuses times that are not HH:mm, a session ending before it starts, and slots that do not fit', () => {
    expect(issues(createRuleBody, aRule({ startTime: '9:00', endTime: '24:00' })).map((i) => i.path)).toEqual(
      ['startTime', 'endTime'],
    );
    expect(issues(createRuleBody, aRule({ startTime: '12:00', endTime: '09:00' }))).toEqual([
      { path: 'endTime', message: 'must be after startTime' },
    ]);
    expect(issues(createRuleBody, aRule({ endTime: '09:15' }))).toEqual([
      { path: 'slotMinutes', message: 'must fit at least once between startTime and endTime' },
    ]);
    expect(issues(createRuleBody, aRule({ slotMinutes: 4 })).map((i) => i.path)).toEqual(['slotMinutes']);
  });

  it('refuses validUntil before validFrom and dates that do not exist', () => {
    expect(issues(createRuleBody, aRule({ validUntil: '2026-11-30' }))).toEqual([
      { path: 'validUntil', message: 'must be on or after validFrom' },
    ]);
    expect(issues(createRuleBody, aRule({ validFrom: '2026-02-30' })).map((i) => i.path)).toEqual([
      'validFrom',
    ]);
  });
});

describe('availability exception: the request body', () => {
  const anException = (overrides: Record<string, unknown> = {}) => ({
    startsAt: '2026-12-25T00:00:00Z',
    endsAt: '2026-12-27T00:00:00Z',
    reason: 'Christmas bank holidays',
    ...overrides,
  });

  it('accepts a window with a reason', () => {
    expect(issues(createExceptionBody, anException())).toEqual([]);
  });

  it('refuses a window that does not end after it starts, one over a year long, and a blank reason', () => {
    expect(issues(createExceptionBody, anException({ endsAt: '2026-12-25T00:00:00Z' }))).toEqual([
      { path: 'endsAt', message: 'must be after startsAt' },
    ]);
    expect(issues(createExceptionBody, anException({ endsAt: '2027-12-27T00:00:00Z' }))).toEqual([
      { path: 'endsAt', message: 'must be at most 366 days after startsAt' },
    ]);
    expect(issues(createExceptionBody, anException({ reason: '  ' })).map((i) => i.path)).toEqual(['reason']);
  });
});
