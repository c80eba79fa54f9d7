import { seenAtFor, walkInRefusal, type WalkInSession } from './walk-in-window';

// Wednesday 11 March 2026, 10:00-13:00 London (GMT).
const session: WalkInSession = {
  status: 'published',
  sessionDate: '2026-03-11',
  endsAt: new Date('2026-03-11T13:00:00Z'),
};
const at = (iso: string) => new Date(iso);

describe('when a walk-in may be recorded at a session', () => {
  it('accepts the whole London day of the session, before it starts and after it ends', () => {
    expect(walkInRefusal(session, at('2026-03-11T00:05:00Z'))).toBeNull();
    expect(walkInRefusal(session, at('2026-03-11T11:00:00Z'))).toBeNull();
    expect(walkInRefusal(session, at('2026-03-11T23:59:00Z'))).toBeNull();
  });

  it('accepts up to a day after the end, and refuses after that', () => {
    expect(walkInRefusal(session, at('2026-03-12T13:00:00Z'))).toBeNull();
    expect(walkInRefusal(session, at('2026-03-12T13:00:01Z'))).toBe('not_on_session_day');
  });

  it('refuses a day ahead of the session', () => {
    expect(walkInRefusal(session, at('2026-03-10T23:59:00Z'))).toBe('not_on_session_day');
  });

  it('uses the London date in summer time: 23:30 UTC on the eve is already the day', () => {
    const summer = { ...session, sessionDate: '2026-07-08', endsAt: new Date('2026-07-08T12:00:00Z') };
    expect(walkInRefusal(summer, at('2026-07-07T23:30:00Z'))).toBeNull();
    expect(walkInRefusal(summer, at('2026-07-07T22:30:00Z'))).toBe('not_on_session_day');
  });

  it('refuses a session still planned (never published) on its day', () => {
    expect(walkInRefusal({ ...session, status: 'planned' }, at('2026-03-11T11:00:00Z'))).toBe(
      'session_not_published',
    );
  });

  it('refuses a cancelled session whatever the time', () => {
    expect(walkInRefusal({ ...session, status: 'cancelled' }, at('2026-03-11T11:00:00Z'))).toBe(
      'session_cancelled',
    );
  });
});

describe('when the walk-in client was seen', () => {
  it('is now when not given, on the session’s day', () => {
    expect(seenAtFor(session, at('2026-03-11T11:20:00Z'), undefined)).toEqual({
      seenAt: at('2026-03-11T11:20:00Z'),
    });
  });

  it('must be given when recorded the day after', () => {
    expect(seenAtFor(session, at('2026-03-12T09:00:00Z'), undefined)).toEqual({
      problem: "is required after the session's day (2026-03-11)",
    });
    expect(seenAtFor(session, at('2026-03-12T09:00:00Z'), at('2026-03-11T12:40:00Z'))).toEqual({
      seenAt: at('2026-03-11T12:40:00Z'),
    });
  });

  it('is refused in the future or on another day', () => {
    expect(seenAtFor(session, at('2026-03-11T11:00:00Z'), at('2026-03-11T11:30:00Z'))).toEqual({
      problem: 'must not be in the future',
    });
    expect(seenAtFor(session, at('2026-03-12T09:00:00Z'), at('2026-03-10T12:00:00Z'))).toEqual({
      problem: "must be on the session's day (2026-03-11, London time)",
    });
  });
});
