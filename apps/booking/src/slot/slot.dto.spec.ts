import { MAX_SLOTS_PER_REQUEST, publishSlotsBody, searchSlotsQuery } from './slot.dto';

const aBody = (overrides: Record<string, unknown> = {}) => ({
  serviceType: 'respiratory',
  providerName: 'St Elsewhere respiratory clinic',
  location: 'Outpatients B, St Elsewhere Hospital',
  slots: [{ startsAt: '2026-12-01T09:00:00Z', endsAt: '2026-12-01T09:20:00Z' }],
  ...overrides,
});

const issuePaths = (input: unknown) => {
  const parsed = publishSlotsBody.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('publishing slots: the request body', () => {
  it('accepts a slot and gives it a capacity of 1 by default', () => {
    expect(publishSlotsBody.parse(aBody()).slots[0]).toMatchObject({ capacity: 1 });
  });

  it('refuses a slot that does not end after it starts, naming the slot', () => {
    const slots = [
      { startsAt: '2026-12-01T09:00:00Z', endsAt: '2026-12-01T09:20:00Z' },
      { startsAt: '2026-12-01T09:20:00Z', endsAt: '2026-12-01T09:20:00Z' },
    ];
    expect(issuePaths(aBody({ slots }))).toEqual(['slots.1.endsAt']);
  });

  it(`refuses none, and more than ${MAX_SLOTS_PER_REQUEST}, slots in one request`, () => {
    const slot = { startsAt: '2026-12-01T09:00:00Z', endsAt: '2026-12-01T09:20:00Z' };
    expect(issuePaths(aBody({ slots: [] }))).toEqual(['slots']);
    expect(issuePaths(aBody({ slots: Array(MAX_SLOTS_PER_REQUEST).fill(slot) }))).toEqual([]);
    expect(issuePaths(aBody({ slots: Array(MAX_SLOTS_PER_REQUEST + 1).fill(slot) }))).toEqual(['slots']);
  });

  it('refuses a zero capacity, times without an offset, blank names and unknown fields', () => {
    expect(
      issuePaths(
        aBody({
          serviceType: ' ',
          extra: true,
          slots: [{ startsAt: '2026-12-01 09:00', endsAt: '2026-12-01T09:20:00Z', capacity: 0 }],
        }),
      ).sort(),
    ).toEqual(['', 'serviceType', 'slots.0.capacity', 'slots.0.startsAt']);
  });
});

describe('searching slots: the query', () => {
  it('needs `to` after `from`', () => {
    expect(
      searchSlotsQuery.safeParse({ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }).success,
    ).toBe(false);
    expect(searchSlotsQuery.safeParse({ serviceType: 'respiratory' }).success).toBe(true);
  });
});
