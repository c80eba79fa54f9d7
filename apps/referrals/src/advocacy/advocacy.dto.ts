import { z } from 'zod';
import { namedParam } from '../need/named-param';
import {
  accompaniedBySchema,
  advocacyActionTypeSchema,
  type AdvocacyActionType,
} from './advocacy-action-type';
import type { AdvocacyAction } from './advocacy-action.entity';

function isObject(payload: { value: unknown }): boolean {
  return typeof payload.value === 'object' && payload.value !== null;
}

/**
 * What staff did. `accompaniedBy` is required for `accompanied` and refused for every other type;
 * `occurredAt` defaults to now and may be up to 30 days earlier (checked by the use case, which
 * knows the time); `referralId` must be this client's referral.
 */
export const recordAdvocacyActionBody = z
  .object({
    type: advocacyActionTypeSchema,
    accompaniedBy: accompaniedBySchema.optional(),
    outcome: z.string().trim().min(1, 'must say what came of it').max(1000),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    referralId: z.uuid('must be a referral id (uuid)').optional(),
  })
  .strict()
  // Checked even when other fields are wrong (`when`), so one 400 lists every problem.
  .refine((b) => b.type !== 'accompanied' || b.accompaniedBy !== undefined, {
    path: ['accompaniedBy'],
    message: 'is required when type is accompanied: peer_supporter or worker',
    when: isObject,
  })
  .refine((b) => b.type === 'accompanied' || b.accompaniedBy === undefined, {
    path: ['accompaniedBy'],
    message: 'is only for type accompanied',
    when: isObject,
  });
export type RecordAdvocacyActionBody = z.output<typeof recordAdvocacyActionBody>;

export const listAdvocacyActionsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type ListAdvocacyActionsQuery = z.output<typeof listAdvocacyActionsQuery>;

export const clientIdParam = namedParam('clientId', z.uuid('must be a client id (uuid)'));

export interface AdvocacyActionView {
  id: string;
  clientId: string;
  referralId: string | null;
  type: AdvocacyActionType;
  accompaniedBy: 'peer_supporter' | 'worker' | null;
  outcome: string;
  occurredAt: string;
  recordedBy: string;
  recordedAt: string;
}

export interface AdvocacyActionPage {
  items: AdvocacyActionView[];
  total: number;
  limit: number;
  offset: number;
}

export function toAdvocacyActionView(a: AdvocacyAction): AdvocacyActionView {
  return {
    id: a.id,
    clientId: a.clientId,
    referralId: a.referralId,
    type: a.actionType,
    accompaniedBy: a.accompaniedBy,
    outcome: a.outcome,
    occurredAt: a.occurredAt.toISOString(),
    recordedBy: a.recordedBy,
    recordedAt: a.recordedAt.toISOString(),
  };
}
