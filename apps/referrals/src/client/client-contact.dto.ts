import { z } from 'zod';
import { contactPurposeSchema, normaliseUkMobile, type ContactPurpose } from '@careloop/contracts';
import type { ClientContact } from './client-contact.entity';
import { normaliseUkPhone } from './uk-phone';

/**
 * A contact as staff enter it. `own_mobile` must be a UK mobile; other purposes (a hostel office, a
 * pharmacy, a relative) may be a UK landline. Either way the number is stored in E.164 (+44...).
 * `safeToText` needs a mobile. `verified: true` records the caller and now as verifiedBy/verifiedAt.
 */
const contactFields = z.object({
  purpose: contactPurposeSchema,
  phone: z.string().max(40),
  label: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
  safeToText: z.boolean().default(false),
  verified: z.boolean().default(false),
});

function normaliseContact<T extends z.output<typeof contactFields>>(body: T, ctx: z.RefinementCtx) {
  let phone: string;
  let mobile: boolean;
  if (body.purpose === 'own_mobile') {
    const result = normaliseUkMobile(body.phone);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: result.message });
      return z.NEVER;
    }
    phone = result.e164;
    mobile = true;
  } else {
    const result = normaliseUkPhone(body.phone);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: result.message });
      return z.NEVER;
    }
    phone = result.e164;
    mobile = result.mobile;
  }
  if (body.safeToText && !mobile) {
    ctx.addIssue({
      code: 'custom',
      path: ['safeToText'],
      message: 'can only be true for a mobile number (landlines cannot receive texts)',
    });
    return z.NEVER;
  }
  return { ...body, phone, label: body.label ?? null };
}

export const contactBody = contactFields.strict().transform(normaliseContact);
export type ContactBody = z.output<typeof contactBody>;

/**
 * Replacing a contact names the version it was read at: a stale edit (say one that would switch
 * "safe to text" back on after a colleague switched it off) is refused rather than applied.
 */
export const updateContactBody = contactFields
  .extend({ version: z.number().int().positive() })
  .strict()
  .transform(normaliseContact);
export type UpdateContactBody = z.output<typeof updateContactBody>;

export interface ContactView {
  contactId: string;
  purpose: ContactPurpose;
  phone: string;
  label: string | null;
  safeToText: boolean;
  verifiedBy: string | null;
  verifiedAt: string | null;
  version: number;
}

export function toContactView(c: ClientContact): ContactView {
  return {
    contactId: c.id,
    purpose: c.purpose,
    phone: c.phone,
    label: c.label,
    safeToText: c.safeToText,
    verifiedBy: c.verifiedBy,
    verifiedAt: c.verifiedAt?.toISOString() ?? null,
    version: c.version,
  };
}

export const eraseContactDataBody = z
  .object({ reason: z.string().trim().min(1, 'must say why').max(500) })
  .strict();
export type EraseContactDataBody = z.output<typeof eraseContactDataBody>;
