import { DEFAULT_REMINDERS_POLICY, remindersPolicyFrom } from './reminders-policy';

describe('remindersPolicyFrom', () => {
  it('gives the default policy when no key is set', () => {
    expect(remindersPolicyFrom({})).toEqual({
      steps: ['confirmation', 'three_days_before', 'evening_before', 'two_hours_before'],
      missedText: true,
      threeDaysBeforeAt: '10:00',
      eveningBeforeAt: '18:00',
      twoHoursBeforeMinutes: 120,
      quietHours: { from: '21:00', to: '08:00' },
    });
    expect(remindersPolicyFrom({})).toEqual(DEFAULT_REMINDERS_POLICY);
  });

  it('reads each key, keeping the steps in plan order whatever order they were listed in', () => {
    expect(
      remindersPolicyFrom({
        REMINDER_STEPS: ['two_hours_before', 'confirmation'],
        REMINDER_QUIET_HOURS: '20:30 - 09:00',
        REMINDER_THREE_DAYS_BEFORE_AT: '11:15',
        REMINDER_EVENING_BEFORE_AT: '17:45',
      }),
    ).toEqual({
      steps: ['confirmation', 'two_hours_before'],
      // Listed steps are all that is sent: "sorry we missed you" too.
      missedText: false,
      threeDaysBeforeAt: '11:15',
      eveningBeforeAt: '17:45',
      twoHoursBeforeMinutes: 120,
      quietHours: { from: '20:30', to: '09:00' },
    });
  });

  it('refuses a bad policy, naming every bad key at once', () => {
    let error: unknown;
    try {
      remindersPolicyFrom({
        REMINDER_STEPS: ['confirmation', 'week_before', 'confirmation'],
        REMINDER_QUIET_HOURS: '9pm-8am',
        REMINDER_THREE_DAYS_BEFORE_AT: '24:00',
        REMINDER_EVENING_BEFORE_AT: '18:00',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RangeError);
    const message = (error as Error).message;
    expect(message).toContain('REMINDER_STEPS: unknown week_before');
    expect(message).toContain('REMINDER_STEPS: a step is listed twice');
    expect(message).toContain('REMINDER_QUIET_HOURS: expected HH:mm-HH:mm');
    expect(message).toContain('REMINDER_THREE_DAYS_BEFORE_AT: expected a time HH:mm, got "24:00"');
    expect(message).not.toContain('REMINDER_EVENING_BEFORE_AT');
  });

  it('sends "sorry we missed you" by default, and only when listed once REMINDER_STEPS is set', () => {
    expect(remindersPolicyFrom({ REMINDER_STEPS: ['missed', 'confirmation'] })).toMatchObject({
      steps: ['confirmation'],
      missedText: true,
    });
    expect(remindersPolicyFrom({ REMINDER_STEPS: ['missed'] })).toMatchObject({
      steps: [],
      missedText: true,
    });
    expect(remindersPolicyFrom({ REMINDER_STEPS: ['evening_before'] }).missedText).toBe(false);
    expect(() => remindersPolicyFrom({ REMINDER_STEPS: ['week_before'] })).toThrow(
      '(known: confirmation, three_days_before, evening_before, two_hours_before, missed)',
    );
  });

  it('refuses the offer step: an offer is texted when it is made, not as a reminder of a booking', () => {
    expect(() => remindersPolicyFrom({ REMINDER_STEPS: ['offer', 'confirmation'] })).toThrow(
      'REMINDER_STEPS: offer is not a reminder of a booked appointment',
    );
  });

  it('refuses quiet hours that start and end at the same time', () => {
    expect(() => remindersPolicyFrom({ REMINDER_QUIET_HOURS: '21:00-21:00' })).toThrow(
      'start and end are the same time',
    );
  });
});

describe('remindersPolicyFrom: day-based steps and quiet hours', () => {
  const refusal = (config: Parameters<typeof remindersPolicyFrom>[0]): string => {
    try {
      remindersPolicyFrom(config);
    } catch (error) {
      expect(error).toBeInstanceOf(RangeError);
      return (error as Error).message;
    }
    throw new Error('expected the policy to be refused');
  };

  it('refuses an evening-before time inside quiet hours that wrap midnight', () => {
    expect(refusal({ REMINDER_EVENING_BEFORE_AT: '22:30' })).toBe(
      'Invalid reminders policy: REMINDER_EVENING_BEFORE_AT: 22:30 is inside REMINDER_QUIET_HOURS ' +
        '(21:00-08:00), so no evening_before reminder could go at its time; choose a time outside them',
    );
    expect(refusal({ REMINDER_EVENING_BEFORE_AT: '07:59' })).toContain('REMINDER_EVENING_BEFORE_AT: 07:59');
    // Quiet hours start inclusive and end exclusive.
    expect(refusal({ REMINDER_EVENING_BEFORE_AT: '21:00' })).toContain('REMINDER_EVENING_BEFORE_AT: 21:00');
    expect(remindersPolicyFrom({ REMINDER_EVENING_BEFORE_AT: '08:00' }).eveningBeforeAt).toBe('08:00');
    expect(remindersPolicyFrom({ REMINDER_EVENING_BEFORE_AT: '20:59' }).eveningBeforeAt).toBe('20:59');
  });

  it('refuses a three-days-before time inside daytime quiet hours', () => {
    expect(
      refusal({ REMINDER_QUIET_HOURS: '12:00-14:00', REMINDER_THREE_DAYS_BEFORE_AT: '13:15' }),
    ).toContain(
      'REMINDER_THREE_DAYS_BEFORE_AT: 13:15 is inside REMINDER_QUIET_HOURS (12:00-14:00), so no three_days_before reminder',
    );
    expect(
      remindersPolicyFrom({ REMINDER_QUIET_HOURS: '12:00-14:00', REMINDER_THREE_DAYS_BEFORE_AT: '14:00' })
        .threeDaysBeforeAt,
    ).toBe('14:00');
  });

  it('says so when new quiet hours swallow a default time, naming both steps at once', () => {
    const message = refusal({ REMINDER_QUIET_HOURS: '09:30-19:00' });
    expect(message).toContain(
      'REMINDER_THREE_DAYS_BEFORE_AT: 10:00 (the default) is inside REMINDER_QUIET_HOURS',
    );
    expect(message).toContain(
      'REMINDER_EVENING_BEFORE_AT: 18:00 (the default) is inside REMINDER_QUIET_HOURS',
    );
  });

  it('ignores the time of a step that is not planned: it is never sent', () => {
    expect(
      remindersPolicyFrom({
        REMINDER_STEPS: ['confirmation', 'two_hours_before'],
        REMINDER_QUIET_HOURS: '09:30-19:00',
      }).steps,
    ).toEqual(['confirmation', 'two_hours_before']);
    expect(
      refusal({ REMINDER_STEPS: ['evening_before'], REMINDER_QUIET_HOURS: '09:30-19:00' }),
    ).not.toContain('REMINDER_THREE_DAYS_BEFORE_AT');
  });
});
