import type { ReminderStep } from '@careloop/contracts';

/**
 * What a client is sent when their organisation has no template for the step, or has one that names
 * the service and the client did not agree to that. Each says only that there is an appointment,
 * when and where: no service, specialty, substance or condition. Each reminder fits one GSM-7 segment
 * with a long name and location, the offer (which must also say by when to answer) two
 * (DEFAULT_SEGMENTS, default-templates.spec.ts); none says "tomorrow" or "today", which a late send
 * could make wrong; {when} carries the date. "Sorry we missed you" may go the next morning (quiet
 * hours), so it names the appointment by {when} too; it blames nobody, says no place (the client
 * knows it, and a shared phone learns less) and offers help to book again.
 */
export const DEFAULT_TEMPLATES: Readonly<Record<ReminderStep, string>> = {
  // {reply} here is "Reply YES by {expires} to take it, or NO if it does not suit".
  offer: 'Hi {name}, an appointment is free for you on {when} at {where}. {reply}.',
  confirmation: "Hi {name}, you're booked in for {when} at {where}. {reply}.",
  three_days_before: 'Hi {name}, your appointment is on {when} at {where}. {reply}.',
  evening_before: 'Hi {name}, reminder: appointment {when} at {where}. {reply}.',
  two_hours_before: 'Hi {name}, your appointment is soon: {when} at {where}. {reply}.',
  // {reply} here is "Reply YES and we will help you book one".
  missed: 'Hi {name}, sorry we missed you on {when}. Would you like a new appointment? {reply}.',
};

/** Segments each default takes with a long name and location: more than this is worth a warning. */
export const DEFAULT_SEGMENTS: Readonly<Record<ReminderStep, number>> = {
  offer: 2,
  confirmation: 1,
  three_days_before: 1,
  evening_before: 1,
  two_hours_before: 1,
  missed: 1,
};

/**
 * Said instead of a location that would name the service to a client who did not agree to that
 * (a site address such as "Riverside Recovery Centre" with no plain location text set for it).
 */
export const WITHHELD_LOCATION = 'the address you were given';

/**
 * The same, in an offer's text: nobody has given the client an address for an appointment only
 * offered, so the text cannot point to one.
 */
export const WITHHELD_OFFER_LOCATION = 'a place we will confirm';

/** What a text says instead of a location it must not tell. */
export function withheldLocationFor(step: ReminderStep): string {
  return step === 'offer' ? WITHHELD_OFFER_LOCATION : WITHHELD_LOCATION;
}

/** Greeting for a client with no name on record, or whose name would trip the lint (it never should). */
export const WITHHELD_NAME = 'there';
