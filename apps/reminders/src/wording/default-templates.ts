import type { ReminderStep } from '@careloop/contracts';

/**
 * What a client is sent when their organisation has no template for the step, or has one that names
 * the service and the client did not agree to that. Each says only that there is an appointment,
 * when and where: no service, specialty, substance or condition. Each fits one GSM-7 segment with a
 * long name and location (default-templates.spec.ts), and none says "tomorrow" or "today", which a
 * late send could make wrong; {when} carries the date.
 */
export const DEFAULT_TEMPLATES: Readonly<Record<ReminderStep, string>> = {
  confirmation: "Hi {name}, you're booked in for {when} at {where}. {reply}.",
  three_days_before: 'Hi {name}, your appointment is on {when} at {where}. {reply}.',
  evening_before: 'Hi {name}, reminder: appointment {when} at {where}. {reply}.',
  two_hours_before: 'Hi {name}, your appointment is soon: {when} at {where}. {reply}.',
};

/**
 * Said instead of a location that would name the service to a client who did not agree to that
 * (a site address such as "Riverside Recovery Centre" with no plain location text set for it).
 */
export const WITHHELD_LOCATION = 'the address you were given';

/** Greeting for a client with no name on record, or whose name would trip the lint (it never should). */
export const WITHHELD_NAME = 'there';
