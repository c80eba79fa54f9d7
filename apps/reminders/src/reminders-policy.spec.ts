import { DEFAULT_REMINDERS_POLICY, remindersPolicyFrom } from './reminders-policy';

describe('remindersPolicyFrom', () => {
  it('gives the default policy when no key is set', () => {
    expect(remindersPolicyFrom({})).toEqual({
      steps: ['confirmation', 'three_days_before', 'evening_before', 'two_hours_before'],
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

  it('refuses quiet hours that start and end at the same time', () => {
    expect(() => remindersPolicyFrom({ REMINDER_QUIET_HOURS: '21:00-21:00' })).toThrow(
      'start and end are the same time',
    );
  });
});
