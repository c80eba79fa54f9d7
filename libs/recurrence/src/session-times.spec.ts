import { formatInLondon } from '@careloop/time';
import { sessionInstants, sessionSlots } from './session-times';

const utc = (slots: { startsAt: Date; endsAt: Date }[]) =>
  slots.map((s) => `${s.startsAt.toISOString().slice(0, 16)}/${s.endsAt.toISOString().slice(11, 16)}`);
const london = (slots: { startsAt: Date }[]) =>
  slots.map((s) => formatInLondon(s.startsAt, 'yyyy-MM-dd HH:mm'));
const iso = (span: { startsAt: Date; endsAt: Date } | null) =>
  span && [span.startsAt.toISOString(), span.endsAt.toISOString()];

// A night-time session across the change hour (01:00-02:00), to see what the clocks do to it.
const night = { startTime: '00:30', endTime: '03:00', slotMinutes: 30 };

describe('session slots: the spring-forward Sunday', () => {
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

describe('session slots: the autumn fall-back Sunday', () => {
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

describe('session slots: whole slots only', () => {
  it('does not offer what is left before the end time', () => {
    expect(
      london(sessionSlots('2026-12-01', { startTime: '09:00', endTime: '10:10', slotMinutes: 20 })),
    ).toEqual(['2026-12-01 09:00', '2026-12-01 09:20', '2026-12-01 09:40']);
  });
});

describe('session instants: when a whole session starts and ends', () => {
  it.each([
    ['2026-03-29', '2026-03-29T09:00:00.000Z', '2026-03-29T12:00:00.000Z'],
    ['2026-10-25', '2026-10-25T10:00:00.000Z', '2026-10-25T13:00:00.000Z'],
    ['2027-03-28', '2027-03-28T09:00:00.000Z', '2027-03-28T12:00:00.000Z'],
    ['2027-10-31', '2027-10-31T10:00:00.000Z', '2027-10-31T13:00:00.000Z'],
  ])('keeps a 10:00-13:00 session at 10:00 London on the change Sunday %s', (date, startsAt, endsAt) => {
    expect(iso(sessionInstants(date, '10:00', '13:00'))).toEqual([startsAt, endsAt]);
  });

  it('starts and ends where its first and last slots do, on either change Sunday', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      const session = sessionInstants(date, '10:00', '13:00');
      const slots = sessionSlots(date, { startTime: '10:00', endTime: '13:00', slotMinutes: 20 });
      expect(session).toEqual({ startsAt: slots[0]?.startsAt, endsAt: slots.at(-1)?.endsAt });
    }
  });

  it('lasts the real time between its wall-clock times across a change in the night', () => {
    // 00:30-03:00: an hour shorter in spring, an hour longer in autumn (00:30 BST to 03:00 GMT).
    expect(iso(sessionInstants('2026-03-29', '00:30', '03:00'))).toEqual([
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T02:00:00.000Z',
    ]);
    expect(iso(sessionInstants('2026-10-25', '00:30', '03:00'))).toEqual([
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T03:00:00.000Z',
    ]);
  });

  it('places a start in the repeated autumn hour at its first occurrence (BST)', () => {
    expect(iso(sessionInstants('2026-10-25', '01:30', '04:00'))).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T04:00:00.000Z',
    ]);
  });

  it('holds no session on the spring Sunday whose start or end the clocks skip', () => {
    expect(sessionInstants('2026-03-29', '01:30', '03:00')).toBeNull();
    expect(sessionInstants('2026-03-29', '00:00', '01:30')).toBeNull();
    // The same times a week later exist, so the session is held.
    expect(iso(sessionInstants('2026-04-05', '01:30', '03:00'))).toEqual([
      '2026-04-05T00:30:00.000Z',
      '2026-04-05T02:00:00.000Z',
    ]);
  });

  it('reads times with seconds, as a Postgres time column gives them', () => {
    expect(sessionInstants('2026-10-25', '10:00:00', '13:00:00')).toEqual(
      sessionInstants('2026-10-25', '10:00', '13:00'),
    );
  });

  it('refuses a session that does not end after it starts, or a time that is not one', () => {
    expect(() => sessionInstants('2026-12-01', '13:00', '10:00')).toThrow(
      'A session must end after it starts: 13:00-10:00 on 2026-12-01',
    );
    expect(() => sessionInstants('2026-12-01', '10:00', '10:00')).toThrow(RangeError);
    expect(() => sessionInstants('2026-12-01', '10:00', '25:00')).toThrow(RangeError);
  });
});
