import { freeSeats, seatsOf, type SessionSeats } from './free-seats';

const aSession = (overrides: Partial<SessionSeats> = {}): SessionSeats => ({
  startsAt: new Date('2026-03-11T10:00:00Z'),
  endsAt: new Date('2026-03-11T13:00:00Z'),
  slotMinutes: 20,
  seatsPerSlot: 1,
  taken: 0,
  requested: 0,
  ...overrides,
});

describe('the free seats of a session', () => {
  it('are its whole slots times seats per slot when nothing is taken', () => {
    expect(seatsOf(aSession())).toBe(9);
    expect(freeSeats(aSession({ seatsPerSlot: 2 }))).toBe(18);
  });

  it('leave out a last part shorter than a slot: 10:00-12:50 in 20-minute slots is 8 slots', () => {
    expect(seatsOf(aSession({ endsAt: new Date('2026-03-11T12:50:00Z') }))).toBe(8);
  });

  it('less those booked or held, and those offered that booking has not answered yet', () => {
    expect(freeSeats(aSession({ taken: 5, requested: 3 }))).toBe(1);
  });

  it('never fall below zero when more are taken than in-reach counts seats', () => {
    expect(freeSeats(aSession({ taken: 8, requested: 3 }))).toBe(0);
  });
});
