import { lintLocationText } from './template-lint';

/**
 * Words that mark a hospital department, whose name often says what it treats ("Bluebell Ward",
 * "Renal Unit", "Fracture Clinic", "Dept of Haematology") in words no list can keep up with. Plurals
 * and "Dept." too; never inside a longer word ("Wardour Street", "Community Hall").
 */
const DEPARTMENT_CUE = /(?<![\p{L}\p{N}])(?:wards?|units?|clinics?|departments?|depts?)(?![\p{L}\p{N}])/giu;

/** "Unit 4, Mill Lane Trading Estate": the postal form of a business unit, where many services rent rooms. */
const NUMBERED_UNIT = /^units?[\s.]*\d/iu;

/**
 * Why a booked location must not be told to a client who did not agree to naming the service, or
 * null when it may be. Booking's locations are written by whoever set up the clinic, for the clinic:
 * besides failing the location lint (a listed word, an opt-out instruction), one that reads like a
 * hospital department is withheld, since a word list misses the department's own name.
 */
export function whyBookedLocationIsWithheld(location: string): string | null {
  if (location.trim() === '') return 'The appointment has no location';
  const [problem] = lintLocationText(location).problems;
  if (problem) return problem.message;
  for (const match of location.matchAll(DEPARTMENT_CUE)) {
    if (NUMBERED_UNIT.test(location.slice(match.index))) continue;
    return (
      `"${match[0]}" reads like a hospital department, whose name can tell whoever else reads the ` +
      "client's phone what the appointment is for. Set a plain location text for the provider"
    );
  }
  return null;
}

/** The booked location when it may be told to a client who did not agree to naming the service, else null. */
export function safeBookedLocation(location: string): string | null {
  return whyBookedLocationIsWithheld(location) === null ? location : null;
}
