import { formatInLondon } from '@careloop/time';

/** `Thu 4 Jun 2026, 10:00`: London wall-clock time, as staff read an appointment's time. */
export function londonTime(instant: Date): string {
  return formatInLondon(instant, 'ccc d LLL yyyy, HH:mm');
}

/** `Appointment with <provider> (<service>) moved from <then> to <now> at <where>`. */
export function rescheduledSummary(move: {
  providerName: string;
  serviceType: string;
  previousStartsAt: Date;
  startsAt: Date;
  location: string;
}): string {
  return (
    `Appointment with ${move.providerName} (${move.serviceType}) moved from ${londonTime(move.previousStartsAt)} ` +
    `to ${londonTime(move.startsAt)} at ${move.location}`
  );
}

/** The in-reach session was cancelled and the cascade found no other session with room. */
export function rebookNeededSummary(rebook: {
  providerName: string;
  serviceType: string;
  startsAt: Date;
}): string {
  return (
    `In-reach session with ${rebook.providerName} (${rebook.serviceType}) on ${londonTime(rebook.startsAt)} ` +
    'was cancelled and no other session had room: rebook'
  );
}

/** `Seen at <service> without a booking`. */
export function walkInSummary(serviceName: string): string {
  return `Seen at ${serviceName} without a booking`;
}
