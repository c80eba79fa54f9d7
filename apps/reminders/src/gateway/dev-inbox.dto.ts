import { z } from 'zod';
import { ukMobileSchema } from '@careloop/contracts';

/** `to` as typed (07700 900123) or in E.164; a '+' sent unencoded arrives as a space and still reads. */
export const devInboxQuery = z.object({ to: ukMobileSchema.optional() }).strict();
export type DevInboxQuery = z.output<typeof devInboxQuery>;
