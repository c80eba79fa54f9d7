import { londonTime } from '../care-events/care-event-summary';
import { SUMMARY_MAX } from '../task/task-rules';

/**
 * The one staff-facing line of each task opened from an event. No SMS body here (the task's detail
 * and the timeline carry what the client wrote); names are shortened so a line always fits.
 */

interface Appointment {
  serviceType: string;
  providerName: string;
  startsAt: Date;
}

const SERVICE_MAX = 40;
const PROVIDER_MAX = 60;
const OFFER_PROVIDER_MAX = 50;

/** `COPD review with Hillside Surgery on Tue 10 Nov 2026, 10:00`. */
function appointmentWords({ serviceType, providerName, startsAt }: Appointment): string {
  return `${clip(serviceType, SERVICE_MAX)} with ${clip(providerName, PROVIDER_MAX)} on ${londonTime(startsAt)}`;
}

/** The ways of missing an appointment that the referral counts as not attended (book again). */
export type MissedOutcome = 'did_not_attend' | 'cancelled_late' | 'left_before_seen';

const MISSED_WORDS: Record<MissedOutcome, string> = {
  did_not_attend: 'Did not attend',
  cancelled_late: 'Cancelled late',
  left_before_seen: 'Left before being seen at',
};

export function dnaFollowUpSummary(
  appointment: Appointment,
  outcome: MissedOutcome = 'did_not_attend',
): string {
  return oneLine(
    `${MISSED_WORDS[outcome]} ${appointmentWords(appointment)}: contact the client and offer a new appointment`,
  );
}

export function mdtReviewSummary(didNotAttend: number): string {
  return oneLine(
    `Repeated non-attendance (${didNotAttend} missed appointments on this referral): ` +
      'discuss at the multidisciplinary meeting',
  );
}

export function outcomeUnknownSummary(appointment: Appointment): string {
  return oneLine(
    `No attendance recorded for ${appointmentWords(appointment)}: ask the provider, ask the client`,
  );
}

export function rebookNeededSummary(appointment: Appointment): string {
  return oneLine(
    `In-reach ${appointmentWords(appointment)} cancelled, no other session had room: rebook with the client`,
  );
}

/**
 * `Tell the client about a seat offered at <provider> (<service>) on <when>, held until <expiry>`: the
 * hold's end is what the worker works to (confirm or release it before then). The provider is
 * shortened a little more than elsewhere, so the expiry always fits.
 */
export function offerUntextableSummary(offer: Appointment & { expiresAt: Date }): string {
  return oneLine(
    `Tell the client about a seat offered at ${clip(offer.providerName, OFFER_PROVIDER_MAX)} ` +
      `(${clip(offer.serviceType, SERVICE_MAX)}) on ${londonTime(offer.startsAt)}, ` +
      `held until ${londonTime(offer.expiresAt)}`,
  );
}

/** Why a reply needs a person: see replyFollowUp. */
export type ReplyFollowUp = 'rebook' | 'other' | 'yes_to_missed';

export function replyTaskSummary(kind: ReplyFollowUp): string {
  switch (kind) {
    case 'rebook':
      return "The client replied they can't make it: agree a new appointment with them";
    case 'yes_to_missed':
      return 'The client replied YES to "sorry we missed you": help them book a new appointment';
    case 'other':
      return 'The client replied by text: read it and answer them';
  }
}

export function deliveryFailedSummary(
  outcome: 'undelivered' | 'failed' | 'unknown',
  errorCode: string | null,
): string {
  if (outcome === 'unknown') {
    return 'A text may not have reached the client (interrupted while sending): check with them whether it arrived';
  }
  const why = errorCode ? `${outcome}, error ${clip(errorCode, 50)}` : outcome;
  return oneLine(`A text to the client was not delivered (${why}): check their number`);
}

/** A keyword the client texted (STOP), or the gateway's code for an opt-out it enforces (21610). */
export function optedOutSummary(keyword: string): string {
  const word = clip(keyword, 50);
  return oneLine(
    /^\d+$/.test(word)
      ? `The phone network says the client has stopped texts (code ${word}): talk to them about keeping in touch`
      : `The client texted ${word}: no more texts go to them. Talk to them about keeping in touch`,
  );
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** One line of at most SUMMARY_MAX characters, whatever the names in it. */
function oneLine(text: string): string {
  return clip(text, SUMMARY_MAX);
}
