import { offerTaskDueAt } from './offer-untextable-task';

const at = (iso: string) => new Date(iso);

describe('when the keyworker must have told the client of an offer', () => {
  it('by the end of the working day it was held, when the hold lasts beyond it', () => {
    // Monday 09:30, lapsing Wednesday: Monday 17:00 (London is on GMT in November).
    expect(
      offerTaskDueAt(at('2026-11-02T09:30:00Z'), at('2026-11-04T09:30:00Z'), at('2026-11-02T09:31:00Z')),
    ).toEqual(at('2026-11-02T17:00:00Z'));
    // In summer 17:00 London is 16:00 UTC.
    expect(
      offerTaskDueAt(at('2026-07-06T08:00:00Z'), at('2026-07-08T08:00:00Z'), at('2026-07-06T08:00:00Z')),
    ).toEqual(at('2026-07-06T16:00:00Z'));
  });

  it('two hours before the hold lapses, when that comes first', () => {
    expect(
      offerTaskDueAt(at('2026-11-02T09:30:00Z'), at('2026-11-02T15:00:00Z'), at('2026-11-02T09:31:00Z')),
    ).toEqual(at('2026-11-02T13:00:00Z'));
    // Held Friday evening, lapsing Sunday evening: before the hold lapses, not Monday's end of day.
    expect(
      offerTaskDueAt(at('2026-11-06T20:00:00Z'), at('2026-11-08T20:00:00Z'), at('2026-11-06T20:00:05Z')),
    ).toEqual(at('2026-11-08T18:00:00Z'));
  });

  it('the next working day for a hold made after hours, bank holidays skipped', () => {
    // Christmas Eve 18:00: Friday and Monday are bank holidays, the hold lasts into Wednesday.
    expect(
      offerTaskDueAt(at('2026-12-24T18:00:00Z'), at('2026-12-30T12:00:00Z'), at('2026-12-24T18:00:01Z')),
    ).toEqual(at('2026-12-29T17:00:00Z'));
  });

  it('never before now: a late hold, or a late event, is due at once', () => {
    const now = at('2026-11-02T14:00:00Z');
    expect(offerTaskDueAt(at('2026-11-02T13:00:00Z'), at('2026-11-02T15:00:00Z'), now)).toEqual(now);
    expect(offerTaskDueAt(at('2026-10-30T09:00:00Z'), at('2026-11-03T09:00:00Z'), now)).toEqual(now);
  });
});
