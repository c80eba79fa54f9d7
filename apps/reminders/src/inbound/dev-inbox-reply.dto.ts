import { z } from 'zod';
import { ukMobileSchema, type ReplyIntent } from '@careloop/contracts';

/** A reply typed in the development inbox as if the client had texted it from `from`. */
export const devInboxReplyBody = z
  .object({
    from: ukMobileSchema,
    body: z.string().min(1).max(1600),
  })
  .strict();
export type DevInboxReplyBody = z.output<typeof devInboxReplyBody>;

export interface DevInboxReplyView {
  id: string;
  intent: ReplyIntent;
  /** Whose reply it became: one client's (matched), or nobody's (none, ambiguous). */
  client: 'matched' | 'none' | 'ambiguous';
}
