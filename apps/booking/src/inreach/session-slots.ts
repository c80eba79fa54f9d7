import type { InreachSession } from '@careloop/contracts';
import { addDays, sessionSlots, type SlotTimes } from '@careloop/recurrence';
import { toLondonWallClock } from '@careloop/time';
import { InreachError } from './inreach.errors';

const MINUTE_MS = 60_000;

/**
 * The bookable slots of a session, by booking's rule for a day's session in London wall-clock time
 * (`sessionSlots`: no slot in the spring gap, one at the first occurrence of a repeated autumn time),
 * so in-reach sessions and availability rules cut time alike. A session ending at midnight ends at
 * 24:00 of its day. Slots reaching outside the session's instants are dropped (a session starting at
 * the second, GMT, occurrence of a repeated time). The minutes after the last whole slot are not
 * bookable (walk-ins use them). Refused with SESSION_TIMES_INVALID: times off a whole minute, a
 * session ending before it starts or on a later day, one too short for a slot.
 */
export function sessionSlotTimes(
  session: Pick<InreachSession, 'sessionId' | 'startsAt' | 'endsAt' | 'slotMinutes'>,
): SlotTimes[] {
  const startsAt = new Date(session.startsAt);
  const endsAt = new Date(session.endsAt);
  const invalid = (why: string) =>
    new InreachError('SESSION_TIMES_INVALID', {
      detail: `Session ${session.sessionId} (${session.startsAt} to ${session.endsAt}): ${why}`,
      extensions: { sessionId: session.sessionId },
    });
  if (startsAt.getTime() % MINUTE_MS !== 0 || endsAt.getTime() % MINUTE_MS !== 0) {
    throw invalid('its times are not on whole minutes');
  }
  if (endsAt <= startsAt) throw invalid('it does not end after it starts');
  const start = toLondonWallClock(startsAt);
  const end = toLondonWallClock(endsAt);
  const endTime =
    end.date === start.date
      ? end.time.slice(0, 5)
      : end.time === '00:00:00' && end.date === addDays(start.date, 1)
        ? '24:00'
        : null;
  if (endTime === null) throw invalid('it does not end on the London day it starts');
  const slots = sessionSlots(start.date, {
    startTime: start.time.slice(0, 5),
    endTime,
    slotMinutes: session.slotMinutes,
  }).filter((s) => s.startsAt >= startsAt && s.endsAt <= endsAt);
  if (slots.length === 0) throw invalid(`it holds no whole slot of ${session.slotMinutes} minutes`);
  return slots;
}

/**
 * Where the slots are, as staff and the client read it: the room, then the host site's address (what
 * every other slot's location is, and what reminders may show the client; the site's name is a
 * label for staff and may well name the drug service).
 */
export function sessionLocation(siteAddress: string, roomName: string): string {
  return `${roomName}, ${siteAddress}`;
}

/** Longest reason slots.withdrawn.v1 carries. */
const MAX_REASON = 500;

/**
 * Why a session's slots were withdrawn, as staff see it on the slots and their appointments
 * (slotWithdrawnReason) and in slots.withdrawn.v1, with in-reach's note when there is one.
 */
export function sessionWithdrawalReason(reason: 'cancelled' | 'series_changed', note: string | null): string {
  const why =
    reason === 'cancelled' ? 'In-reach session cancelled' : 'In-reach session no longer in its series';
  const text = note ? `${why}: ${note}` : why;
  return text.length <= MAX_REASON ? text : `${text.slice(0, MAX_REASON - 3)}...`;
}
