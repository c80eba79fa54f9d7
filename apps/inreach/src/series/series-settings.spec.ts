import { editSeriesBody } from './series.dto';
import { settingsIssues, wholeSlots } from './series-settings';

const morning = {
  startTime: '10:00',
  endTime: '13:00',
  slotMinutes: 20,
  validFrom: '2026-06-01',
  validUntil: null,
};

describe('a series’ settings taken together', () => {
  it('accepts a morning in 20-minute slots, open-ended', () => {
    expect(settingsIssues(morning)).toEqual([]);
  });

  it('names endTime when the session would end before it starts (a session stays within its day)', () => {
    expect(settingsIssues({ ...morning, startTime: '22:00', endTime: '01:00' })).toEqual([
      { path: 'endTime', message: 'must be after startTime (a session ends on the day it starts)' },
    ]);
  });

  it('names slotMinutes when not one slot fits, and validUntil when the series would end before it begins', () => {
    expect(settingsIssues({ ...morning, endTime: '10:15', validUntil: '2026-05-31' })).toEqual([
      { path: 'slotMinutes', message: 'must fit at least once in the 15-minute session' },
      { path: 'validUntil', message: 'must be on or after validFrom' },
    ]);
  });

  it('counts the whole slots of a session; a shorter last part is not one', () => {
    expect(wholeSlots(morning)).toBe(9);
    expect(wholeSlots({ ...morning, endTime: '12:50' })).toBe(8);
  });
});

describe('an edit of a series', () => {
  it('must name a setting to change; effectiveFrom alone is not an edit', () => {
    const parsed = editSeriesBody.safeParse({ effectiveFrom: '2026-06-03' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(['name at least one setting to change']);
  });

  it('can remove the end of a series with validUntil: null, and withdraws nothing published unless told', () => {
    expect(editSeriesBody.parse({ validUntil: null })).toEqual({
      validUntil: null,
      withdrawPublished: false,
    });
  });
});
