import { NotFoundException } from '@nestjs/common';
import type { Principal } from '../principal';

/**
 * Passes only when the record exists and belongs to the principal's organisation. Another
 * organisation's record fails exactly like a missing one, so ids cannot be probed for existence.
 * Pass `notFound` to throw the bounded context's own error (e.g. REFERRAL_NOT_FOUND).
 */
export function assertVisibleTo<T extends { orgId: string }>(
  principal: Principal,
  record: T | null | undefined,
  notFound: () => Error = () => new NotFoundException('Not found'),
): asserts record is T {
  if (!record || record.orgId !== principal.orgId) throw notFound();
}
