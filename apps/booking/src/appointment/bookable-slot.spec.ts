import { randomUUID } from 'node:crypto';
import type { Principal } from '@careloop/auth';
import type { Slot } from '../slot/slot.entity';
import { assertBookable } from './bookable-slot';

const now = new Date('2026-11-30T09:00:00Z');
const cdas: Pick<Principal, 'orgId' | 'orgKind'> = { orgId: 'org-riverside-cdas', orgKind: 'cdas' };

const aSlot = (overrides: Partial<Slot> = {}): Slot =>
  ({
    id: randomUUID(),
    orgId: 'org-st-elsewhere',
    startsAt: new Date('2026-12-03T09:00:00Z'),
    status: 'open',
    reservedFor: null,
    releasedAt: null,
    ...overrides,
  }) as Slot;

const refusal = (slot: Slot | null, principal = cdas) => {
  try {
    assertBookable(slot, 'slot-id', principal, now);
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('whether a caller can take a seat in a slot', () => {
  it('an open future slot, never reserved or reserved for the caller', () => {
    expect(refusal(aSlot())).toBeNull();
    expect(refusal(aSlot({ reservedFor: { kind: 'organisation', orgId: cdas.orgId } }))).toBeNull();
    expect(refusal(aSlot({ reservedFor: { kind: 'all_cdas' } }))).toBeNull();
  });

  it('refuses a missing, withdrawn or started slot, each with its own code', () => {
    expect(refusal(null)).toBe('SLOT_NOT_FOUND');
    expect(refusal(aSlot({ status: 'withdrawn' }))).toBe('SLOT_WITHDRAWN');
    expect(refusal(aSlot({ startsAt: now }))).toBe('SLOT_ALREADY_STARTED');
  });

  it("refuses another organisation's reservation until it is released", () => {
    const forOthers = { kind: 'organisation' as const, orgId: 'org-other-cdas' };
    expect(refusal(aSlot({ reservedFor: forOthers }))).toBe('SLOT_RESERVED');
    expect(
      refusal(aSlot({ reservedFor: { kind: 'all_cdas' } }), { orgId: 'org-gp', orgKind: 'gp_practice' }),
    ).toBe('SLOT_RESERVED');
    expect(refusal(aSlot({ reservedFor: forOthers, releasedAt: now }))).toBeNull();
  });
});
