import { seriesChanges, type LiveSession, type SessionSettings } from './series-changes';
import type { PlannedSession } from './session-plan';

const ROOM_2 = 'room-2';
const settings: SessionSettings = { roomId: ROOM_2, slotMinutes: 20, seatsPerSlot: 1, walkInAllowance: 2 };

const planned = (date: string, from = '10:00', to = '13:00'): PlannedSession => ({
  date,
  startsAt: new Date(`${date}T${from}:00Z`),
  endsAt: new Date(`${date}T${to}:00Z`),
});

const live = (
  date: string,
  status: LiveSession['status'],
  overrides: Partial<LiveSession> = {},
): LiveSession => ({
  id: `session-${date}`,
  sessionDate: date,
  roomId: ROOM_2,
  startsAt: new Date(`${date}T10:00:00Z`),
  endsAt: new Date(`${date}T13:00:00Z`),
  slotMinutes: 20,
  seatsPerSlot: 1,
  walkInAllowance: 2,
  status,
  ...overrides,
});

const dates = (items: readonly { sessionDate?: string; date?: string }[]) =>
  items.map((i) => i.sessionDate ?? i.date);

describe('what an edit does to the series’ future sessions', () => {
  it('keeps sessions the new settings plan identically and makes nothing new for their dates', () => {
    const changes = seriesChanges(
      [live('2026-06-03', 'published'), live('2026-06-10', 'planned')],
      [planned('2026-06-03'), planned('2026-06-10')],
      settings,
    );
    expect(dates(changes.kept)).toEqual(['2026-06-03', '2026-06-10']);
    expect(changes).toMatchObject({ dropped: [], affected: [], toMake: [], walkInChanged: [] });
  });

  it('remakes planned sessions at their new time, and names a published one as changed', () => {
    const changes = seriesChanges(
      [live('2026-06-03', 'published'), live('2026-06-10', 'planned')],
      [planned('2026-06-03', '14:00', '17:00'), planned('2026-06-10', '14:00', '17:00')],
      settings,
    );
    expect(dates(changes.dropped)).toEqual(['2026-06-10']);
    expect(changes.affected).toEqual([
      {
        sessionId: 'session-2026-06-03',
        date: '2026-06-03',
        startsAt: '2026-06-03T10:00:00.000Z',
        change: 'changed',
      },
    ]);
    expect(dates(changes.toMake)).toEqual(['2026-06-03', '2026-06-10']);
  });

  it('names a published session whose date the new rule no longer holds as removed', () => {
    const changes = seriesChanges(
      [live('2026-06-03', 'published'), live('2026-06-04', 'planned')],
      [planned('2026-06-04')],
      settings,
    );
    expect(changes.affected).toEqual([expect.objectContaining({ date: '2026-06-03', change: 'removed' })]);
    expect(dates(changes.kept)).toEqual(['2026-06-04']);
    expect(changes.toMake).toEqual([]);
  });

  it('treats another room, slot length or seats per slot as a change to what booking offers', () => {
    const changes = seriesChanges(
      [
        live('2026-06-03', 'published', { roomId: 'room-1' }),
        live('2026-06-10', 'published', { slotMinutes: 30 }),
        live('2026-06-17', 'published', { seatsPerSlot: 2 }),
      ],
      [planned('2026-06-03'), planned('2026-06-10'), planned('2026-06-17')],
      settings,
    );
    expect(changes.affected.map((a) => [a.date, a.change])).toEqual([
      ['2026-06-03', 'changed'],
      ['2026-06-10', 'changed'],
      ['2026-06-17', 'changed'],
    ]);
  });

  it('changes only the walk-in allowance of a published session in place: not bookable, nothing to withdraw', () => {
    const changes = seriesChanges(
      [live('2026-06-03', 'published', { walkInAllowance: 0 })],
      [planned('2026-06-03')],
      settings,
    );
    expect(changes.affected).toEqual([]);
    expect(dates(changes.walkInChanged)).toEqual(['2026-06-03']);
  });
});
