import { z } from 'zod';

/** Who caused an event: a member of staff, the system (a job, a consumer) or the client (an SMS reply). */
export const actorSchema = z.object({
  kind: z.enum(['user', 'system', 'client']),
  id: z.string().min(1).max(200),
});
export type Actor = z.infer<typeof actorSchema>;

/** `<aggregate>.<what-happened>.v<version>`, e.g. `referral.created.v1`. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z-]*(\.[a-z][a-z-]*)+\.v([1-9][0-9]*)$/;

/**
 * The envelope every event travels in, whatever the transport. `data` is checked separately against
 * the schema registered for `type`, so the envelope can be read (and dead-lettered) before that.
 */
export const eventEnvelopeSchema = z
  .object({
    id: z.uuid(),
    type: z.string().regex(EVENT_TYPE_PATTERN, 'type must look like aggregate.what-happened.v1'),
    version: z.number().int().positive(),
    occurredAt: z.iso.datetime({ offset: true }),
    // As long as a principal's org_id claim may be, so any authenticated caller's org fits.
    orgId: z.string().min(1).max(200),
    actor: actorSchema,
    correlationId: z.string().min(1).max(200),
    causationId: z.string().min(1).max(200).nullable(),
    subjectId: z.string().min(1).max(200),
    data: z.unknown(),
  })
  .refine((e) => e.type.endsWith(`.v${e.version}`), {
    message: 'version must match the .vN suffix of type',
    path: ['version'],
  });

export type EventEnvelope<TData = unknown, TType extends string = string> = Omit<
  z.infer<typeof eventEnvelopeSchema>,
  'data' | 'type'
> & { type: TType; data: TData };
