import { z } from 'zod';

/**
 * An in-reach session as booking needs it to make bookable slots: a visiting service's clinic in a
 * room at a drug and alcohol service's site. Times are instants (UTC); in-reach computed them in
 * Europe/London.
 */
export const inreachSessionSchema = z.object({
  sessionId: z.uuid(),
  /** Null for a one-off session outside any series. */
  seriesId: z.uuid().nullable(),
  serviceId: z.uuid(),
  /** The booking service type the slots carry, e.g. `hepatitis_c`, `respiratory`, `wound_care`. */
  serviceType: z.string().min(1).max(100),
  /** What the clinic is called for staff, e.g. "Hepatitis C treatment clinic". */
  serviceName: z.string().min(1).max(200),
  /** The visiting organisation, as it is named to staff. */
  providerName: z.string().min(1).max(200),
  /** The drug and alcohol service whose building hosts the session (whose clients it is for). */
  hostOrgId: z.string().min(1).max(200),
  siteId: z.uuid(),
  roomName: z.string().min(1).max(200),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  /** Bookable capacity: the session cut into slots of this length, each with seatsPerSlot seats. */
  slotMinutes: z.number().int().min(5).max(480),
  seatsPerSlot: z.number().int().min(1).max(50),
  /** Clients who may be seen without a booking (walk-ins); not bookable. */
  walkInAllowance: z.number().int().min(0).max(200),
});
export type InreachSession = z.infer<typeof inreachSessionSchema>;
