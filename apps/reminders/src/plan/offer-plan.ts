import type { NotTextableReason } from '../client/why-not-textable';
import type { QuietHours } from '../reminders-policy';
import { endOfQuietHours, isQuietTime } from './quiet-hours';

/**
 * Why an offer's text will not be sent:
 * - offer_expired: the offer lapses (or the appointment starts) before the text could go;
 * - offer_expires_in_quiet_hours: the text would wait for the end of quiet hours, and the offer
 *   lapses before then (made late in the evening, expiring before the morning);
 * - the client may not be texted (no consent, no own mobile safe to text, opted out).
 */
export type OfferSkipReason = 'offer_expired' | 'offer_expires_in_quiet_hours' | NotTextableReason;

export type PlannedOffer =
  | { dueAt: Date; status: 'scheduled'; reason: null }
  | { dueAt: Date; status: 'skipped'; reason: OfferSkipReason };

export interface OfferTiming {
  /** When the offer was planned (the hold's arrival). */
  now: Date;
  /** When the hold, and so the offer, lapses. */
  expiresAt: Date;
  startsAt: Date;
}

/**
 * The one text of an in-reach offer: now, or at the end of quiet hours when now is inside them, as
 * long as that is before the offer lapses (and the appointment starts). A client known not to be
 * textable is skipped with that reason: nothing would ever go, and saying so beats a later skip.
 */
export function planOffer(
  { now, expiresAt, startsAt }: OfferTiming,
  quietHours: QuietHours,
  notTextable: NotTextableReason | null,
): PlannedOffer {
  const quiet = isQuietTime(now, quietHours);
  const dueAt = quiet ? endOfQuietHours(now, quietHours) : now;
  if (notTextable) return { dueAt, status: 'skipped', reason: notTextable };
  const deadline = Math.min(expiresAt.getTime(), startsAt.getTime());
  if (dueAt.getTime() >= deadline) {
    const reason = quiet && now.getTime() < deadline ? 'offer_expires_in_quiet_hours' : 'offer_expired';
    return { dueAt, status: 'skipped', reason };
  }
  return { dueAt, status: 'scheduled', reason: null };
}
