import { z } from 'zod';
import {
  accompanimentSchema,
  destinationKindSchema,
  urgencySchema,
  type Accompaniment,
} from '@careloop/contracts';
import { namedParam } from '../need/named-param';
import { CLOSURE_OUTCOMES, REFERRAL_STATUSES } from './lifecycle/referral-status';

const text = (max: number) => z.string().trim().min(1).max(max);

export const createReferralBody = z
  .object({
    needId: z.uuid(),
    destinationKind: destinationKindSchema,
    /** Required, except for an in-reach referral naming its service: then the service's name. */
    destinationName: text(200).optional(),
    /** An in-reach referral's service (its waiting list); only with destinationKind 'inreach'. */
    inreachServiceId: z.uuid().optional(),
    urgency: urgencySchema,
    reason: text(2000),
    accompaniment: accompanimentSchema
      .superRefine((a, ctx) => {
        if (!a.needed && a.by !== null) {
          ctx.addIssue({ code: 'custom', path: ['by'], message: 'must be null when no one accompanies' });
        }
      })
      .default({ needed: false, by: null, transportArranged: false }),
    /** true: the referral is sent now; false: it is kept as a draft. */
    send: z.boolean().default(true),
  })
  .strict()
  // Checked even when other fields are bad (only not when destinationName itself is), so every
  // missing field is listed at once.
  .refine((b) => b.destinationName !== undefined || namesInreachService(b), {
    path: ['destinationName'],
    message: 'is required, unless an in-reach referral names its service (inreachServiceId)',
    when: (payload) => !payload.issues.some((i) => i.path?.[0] === 'destinationName'),
  });
export type CreateReferralBody = z.infer<typeof createReferralBody>;

function namesInreachService(b: { destinationKind?: unknown; inreachServiceId?: unknown }): boolean {
  return b.destinationKind === 'inreach' && typeof b.inreachServiceId === 'string';
}

const appointment = { appointmentId: z.uuid() };

/** What staff may do to a referral; `outcome-overdue` follows booking's events only. */
export const referralActionBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('send') }).strict(),
  z.object({ type: z.literal('record-acceptance'), note: text(2000).optional() }).strict(),
  z.object({ type: z.literal('record-rejection'), reason: text(2000) }).strict(),
  z.object({ type: z.literal('resend'), note: text(2000).optional() }).strict(),
  z
    .object({
      type: z.literal('appointment-booked'),
      ...appointment,
      startsAt: z.iso.datetime({ offset: true }),
    })
    .strict(),
  z.object({ type: z.literal('appointment-cancelled'), ...appointment, reason: text(2000) }).strict(),
  z.object({ type: z.literal('attended'), ...appointment }).strict(),
  z.object({ type: z.literal('did-not-attend'), ...appointment }).strict(),
  z.object({ type: z.literal('complete'), outcome: text(2000) }).strict(),
  z.object({ type: z.literal('close'), outcome: z.enum(CLOSURE_OUTCOMES), reason: text(2000) }).strict(),
]);
export type ReferralActionBody = z.infer<typeof referralActionBody>;

export const listReferralsQuery = z
  .object({
    status: z.enum(REFERRAL_STATUSES).optional(),
    keyworkerId: text(200).optional(),
    destinationKind: destinationKindSchema.optional(),
    clientId: z.uuid().optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type ListReferralsQuery = z.infer<typeof listReferralsQuery>;

export const referralIdParam = namedParam('id', z.uuid());
export const clientIdParam = namedParam('clientId', z.uuid());

export interface ReferralStatusChangeView {
  fromStatus: string | null;
  toStatus: string;
  action: string;
  reason: string | null;
  appointmentId: string | null;
  source: string;
  changedBy: string;
  changedAt: string;
}

export interface ReferralView {
  id: string;
  clientId: string;
  needId: string;
  destinationKind: string;
  destinationName: string;
  /** The in-reach service whose waiting list the referral joins; null for any other referral. */
  inreachServiceId: string | null;
  urgency: string;
  reason: string;
  accompaniment: Accompaniment;
  status: string;
  statusChangedAt: string;
  overdue: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** Oldest first; present when one referral is read. */
  history?: ReferralStatusChangeView[];
  /** What a member of staff may do next; present when one referral is read. */
  availableActions?: string[];
}

export interface ReferralListView {
  items: ReferralView[];
  total: number;
  /** Per status, over the same filters except `status`. */
  counts: Record<string, number>;
}
