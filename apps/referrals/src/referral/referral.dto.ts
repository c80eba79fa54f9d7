import { z } from 'zod';
import { destinationKindSchema, urgencySchema } from '@careloop/contracts';
import type { Referral } from './referral.entity';

export const createReferralBody = z
  .object({
    clientId: z.uuid(),
    destinationKind: destinationKindSchema,
    destinationName: z.string().trim().min(1).max(200),
    urgency: urgencySchema,
    reason: z.string().trim().min(1).max(2000),
  })
  .strict();
export type CreateReferralBody = z.infer<typeof createReferralBody>;

export const referralIdParam = z.uuid();

export interface ReferralView {
  id: string;
  clientId: string;
  destinationKind: string;
  destinationName: string;
  urgency: string;
  reason: string;
  status: string;
  createdBy: string;
  createdAt: string;
}

export function toReferralView(r: Referral): ReferralView {
  return {
    id: r.id,
    clientId: r.clientId,
    destinationKind: r.destinationKind,
    destinationName: r.destinationName,
    urgency: r.urgency,
    reason: r.reason,
    status: r.status,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}
