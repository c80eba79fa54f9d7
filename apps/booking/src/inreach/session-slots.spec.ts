import { InreachError } from './inreach.errors';
import { sessionLocation, sessionSlotTimes, sessionWithdrawalReason } from './session-slots';

const SESSION_ID = '6f1c2a9e-3b1d-4c55-9a57-0c1f4d2b8e11';

const session = (startsAt: string, endsAt: string, slotMinutes = 30) => ({
  sessionId: SESSION_ID,
  startsAt,
  endsAt,
  slotMinutes,
});

const asIso = (slots: { startsAt: Date; endsAt: Date }[]) =>
  slots.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()]);

const refusal = (fn: () => unknown): { code: string; detail: string | undefined } => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InreachError) return { code: error.code, detail: error.detail };
    throw error;
  }
  throw new Error('expected an InreachError');
};

describe('sessionSlotTimes', () => {
  it('cuts a winter session (GMT) into whole slots; minutes after the last slot are not bookable', () => {
    // Wednesday 10:00-11:40 London = UTC in January.
    expect(asIso(sessionSlotTimes(session('2030-01-09T10:00:00Z', '2030-01-09T11:40:00Z')))).toEqual([
      ['2030-01-09T10:00:00.000Z', '2030-01-09T10:30:00.000Z'],
      ['2030-01-09T10:30:00.000Z', '2030-01-09T11:00:00.000Z'],
      ['2030-01-09T11:00:00.000Z', '2030-01-09T11:30:00.000Z'],
    ]);
  });

  it('reads a summer session in London time (BST), whatever offset the instants were written with', () => {
    // 10:00-11:00 BST is 09:00-10:00 UTC.
    expect(
      asIso(sessionSlotTimes(session('2030-07-10T10:00:00+01:00', '2030-07-10T11:00:00+01:00', 20))),
    ).toEqual([
      ['2030-07-10T09:00:00.000Z', '2030-07-10T09:20:00.000Z'],
      ['2030-07-10T09:20:00.000Z', '2030-07-10T09:40:00.000Z'],
      ['2030-07-10T09:40:00.000Z', '2030-07-10T10:00:00.000Z'],
    ]);
  });

  it('cuts by London clock time across the spring change, as availability rules do', () => {
    // Sunday 31 March 2030: clocks go from 01:00 GMT to 02:00 BST. Session 00:00 GMT-03:00 BST in
    // 40 minutes: 01:20 does not exist and 02:00 BST (01:00 UTC) would overlap the 00:40 slot, so
    // two slots, where cutting the instants would make a third at 01:20 UTC.
    expect(asIso(sessionSlotTimes(session('2030-03-31T00:00:00Z', '2030-03-31T02:00:00Z', 40)))).toEqual([
      ['2030-03-31T00:00:00.000Z', '2030-03-31T00:40:00.000Z'],
      ['2030-03-31T00:40:00.000Z', '2030-03-31T01:20:00.000Z'],
    ]);
  });

  it('keeps every slot within the session when it starts at the repeated (GMT) hour of the autumn change', () => {
    // Sunday 27 October 2030: 01:00-02:00 happens twice. A session from the second 01:00 (01:00 UTC)
    // to 03:00 GMT: the first 01:00 (BST, 00:00 UTC) is before it, so no slot starts there.
    expect(asIso(sessionSlotTimes(session('2030-10-27T01:00:00Z', '2030-10-27T03:00:00Z', 60)))).toEqual([
      ['2030-10-27T02:00:00.000Z', '2030-10-27T03:00:00.000Z'],
    ]);
  });

  it('lets a session run to midnight', () => {
    expect(asIso(sessionSlotTimes(session('2030-01-09T23:00:00Z', '2030-01-10T00:00:00Z', 60)))).toEqual([
      ['2030-01-09T23:00:00.000Z', '2030-01-10T00:00:00.000Z'],
    ]);
  });

  it.each([
    [
      'ends before it starts',
      '2030-01-09T11:00:00Z',
      '2030-01-09T10:00:00Z',
      30,
      'does not end after it starts',
    ],
    ['ends as it starts', '2030-01-09T10:00:00Z', '2030-01-09T10:00:00Z', 30, 'does not end after it starts'],
    [
      'runs past midnight',
      '2030-01-09T23:00:00Z',
      '2030-01-10T01:00:00Z',
      30,
      'does not end on the London day',
    ],
    ['is off a whole minute', '2030-01-09T10:00:30Z', '2030-01-09T11:00:00Z', 30, 'not on whole minutes'],
    [
      'is shorter than a slot',
      '2030-01-09T10:00:00Z',
      '2030-01-09T10:20:00Z',
      30,
      'holds no whole slot of 30',
    ],
  ])('refuses a session that %s, naming the session and why', (_, startsAt, endsAt, minutes, why) => {
    const refused = refusal(() => sessionSlotTimes(session(startsAt, endsAt, minutes)));
    expect(refused.code).toBe('SESSION_TIMES_INVALID');
    expect(refused.detail).toContain(SESSION_ID);
    expect(refused.detail).toContain(why);
  });

  it('sends a refused session to the dead letters, as it can never succeed', () => {
    expect(() => sessionSlotTimes(session('2030-01-09T11:00:00Z', '2030-01-09T10:00:00Z'))).toThrow(
      expect.objectContaining({ consumerDecision: 'dead-letter' }),
    );
  });
});

describe('sessionLocation', () => {
  it("is the room and the host site's address, as staff and the client read it", () => {
    expect(sessionLocation('12 High Street, Exampletown', 'Clinic room 2')).toBe(
      'Clinic room 2, 12 High Street, Exampletown',
    );
  });
});

describe('sessionWithdrawalReason', () => {
  it('says why the session went, with in-reach’s note when there is one', () => {
    expect(sessionWithdrawalReason('cancelled', null)).toBe('In-reach session cancelled');
    expect(sessionWithdrawalReason('cancelled', 'Specialist on leave')).toBe(
      'In-reach session cancelled: Specialist on leave',
    );
    expect(sessionWithdrawalReason('series_changed', null)).toBe('In-reach session no longer in its series');
  });

  it('keeps within the 500 characters slots.withdrawn.v1 carries', () => {
    const reason = sessionWithdrawalReason('series_changed', 'x'.repeat(500));
    expect(reason).toHaveLength(500);
    expect(reason.endsWith('...')).toBe(true);
  });
});
