import { WITHHELD_LOCATION } from './default-templates';
import { whyBookedLocationIsWithheld } from './safe-booked-location';
import { lintLocationText } from './template-lint';

export interface WhereWithoutConsent {
  /** What {where} says. */
  where: string;
  /** Why WITHHELD_LOCATION is said instead of the location, for a manager to fix; null when it is not. */
  withheldBecause: string | null;
}

/**
 * What {where} says to a client who did not agree to naming the service: (a) the organisation's
 * location text for the provider, linted when saved and again here, as the word list grows; else
 * (b) the booked location when safeBookedLocation allows it; else (c) WITHHELD_LOCATION.
 */
export function whereWithoutConsent(
  locationText: string | null,
  bookedLocation: string,
): WhereWithoutConsent {
  const why =
    locationText === null
      ? whyBookedLocationIsWithheld(bookedLocation)
      : (lintLocationText(locationText).problems[0]?.message ?? null);
  if (why !== null) return { where: WITHHELD_LOCATION, withheldBecause: why };
  return { where: locationText ?? bookedLocation, withheldBecause: null };
}
