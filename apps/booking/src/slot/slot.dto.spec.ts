import { randomUUID } from 'node:crypto';
import {
  MAX_SLOT_HOURS,
  MAX_SLOTS_PER_REQUEST,
  MAX_SLOTS_PER_WITHDRAWAL,
  publishSlotsBody,
  withdrawSlotsBody,
} from './slot.dto';
import { searchSlotsQuery } from './slot-search.dto';

const SCHEDULE = '6f1c2b9e-5d47-4a51-9a53-2f0f3c1f7a10';
const aBody = (overrides: Record<string, unknown> = {}) => ({
  scheduleId: SCHEDULE,
  slots: [{ startsAt: '2026-12-01T09:00:00Z', endsAt: '2026-12-01T09:20:00Z' }],
  ...overrides,
});

const issuePaths =
  (schema: {
    safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[] }[] } };
  }) =>
  (input: unknown) => {
    const parsed = schema.safeParse(input);
    return parsed.success ? [] : (parsed.error?.issues ?? []).map((i) => i.path.join('.'));
  };
const publishIssues = issuePaths(publishSlotsBody);
const withdrawIssues = issuePaths(withdrawSlotsBody);

describe('publishing slots: the request body', () => {
  it('accepts slots on a schedule and gives each a capacity of 1 by default, unreserved', () => {
    const parsed = publishSlotsBody.parse(aBody());
    expect(parsed.slots[0]).toMatchObject({ capacity: 1 });
    expect(parsed.reservation).toBeUndefined();
  });

  it('refuses the old shape: provider name, service type and location come from the schedule', () => {
    expect(
      publishIssues({
        serviceType: 'respiratory',
        providerName: 'St Elsewhere respiratory clinic',
        location: 'Outpatients B',
        slots: aBody().slots,
      }),
    ).toEqual(['scheduleId', '']);
  });

  it('refuses a slot that does not end after it starts, naming the slot', () => {
    const slots = [
      { startsAt: '2026-12-01T09:00:00Z', endsAt: '2026-12-01T09:20:00Z' },
      { startsAt: '2026-12-01T09:20:00Z', endsAt: '2026-12-01T09:20:00Z' },
    ];
    expect(publishIssues(aBody({ slots }))).toEqual(['slots.1.endsAt']);
  });

  it(`refuses a slot longer than ${MAX_SLOT_HOURS} hours, naming it; a whole day is accepted`, () => {
    const slots = [
      { startsAt: '2026-12-01T09:00:00Z', endsAt: '2026-12-02T09:00:00Z' },
      { startsAt: '2026-12-01T09:00:00Z', endsAt: '2026-12-02T09:00:01Z' },
      { startsAt: '2026-12-01T09:00:00Z', endsAt: '2027-12-01T09:20:00Z' },
    ];
    expect(publishIssues(aBody({ slots }))).toEqual(['slots.1.endsAt', 'slots.2.endsAt']);
  });

  it(`refuses none, and more than ${MAX_SLOTS_PER_REQUEST}, slots in one request`, () => {
    const slot = { startsAt: '2026-12-01T09:00:00Z', endsAt: '2026-12-01T09:20:00Z' };
    expect(publishIssues(aBody({ slots: [] }))).toEqual(['slots']);
    expect(publishIssues(aBody({ slots: Array(MAX_SLOTS_PER_REQUEST).fill(slot) }))).toEqual([]);
    expect(publishIssues(aBody({ slots: Array(MAX_SLOTS_PER_REQUEST + 1).fill(slot) }))).toEqual(['slots']);
  });

  it('refuses a zero capacity, times without an offset, a schedule id that is not a uuid and unknown fields', () => {
    expect(
      publishIssues(
        aBody({
          scheduleId: 'clinic-1',
          extra: true,
          slots: [{ startsAt: '2026-12-01 09:00', endsAt: '2026-12-01T09:20:00Z', capacity: 0 }],
        }),
      ).sort(),
    ).toEqual(['', 'scheduleId', 'slots.0.capacity', 'slots.0.startsAt']);
  });

  it('accepts a reservation for one organisation or every CDAS, with an optional release time', () => {
    expect(
      publishSlotsBody.parse(aBody({ reservation: { reservedFor: { kind: 'all_cdas' } } })).reservation,
    ).toEqual({ reservedFor: { kind: 'all_cdas' } });
    expect(
      publishIssues(
        aBody({
          reservation: {
            reservedFor: { kind: 'organisation', orgId: 'org-riverside-cdas' },
            releaseBeforeMinutes: 2880,
          },
        }),
      ),
    ).toEqual([]);
    expect(publishIssues(aBody({ reservation: { reservedFor: { kind: 'organisation' } } }))).toEqual([
      'reservation.reservedFor.orgId',
    ]);
    expect(
      publishIssues(aBody({ reservation: { reservedFor: { kind: 'all_cdas' }, releaseBeforeMinutes: 0 } })),
    ).toEqual(['reservation.releaseBeforeMinutes']);
  });
});

describe('withdrawing slots: the request body', () => {
  it('needs slot ids, without repeats, and a reason', () => {
    const id = randomUUID();
    expect(withdrawIssues({ slotIds: [id], reason: 'Clinic moved to Thursday' })).toEqual([]);
    expect(withdrawIssues({ slotIds: [id, id], reason: 'Moved' })).toEqual(['slotIds']);
    expect(withdrawIssues({ slotIds: [], reason: ' ' }).sort()).toEqual(['reason', 'slotIds']);
    expect(withdrawIssues({ slotIds: ['slot-1'], reason: 'Moved' })).toEqual(['slotIds.0']);
    const many = Array.from({ length: MAX_SLOTS_PER_WITHDRAWAL + 1 }, () => randomUUID());
    expect(withdrawIssues({ slotIds: many, reason: 'Moved' })).toEqual(['slotIds']);
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
