import { randomUUID } from 'node:crypto';
import type { BookingWorld } from './booking-world';
import type { BookingAttempt } from './contest';

/**
 * POST /appointments {slotId, clientId} as the web app sends it (bearer token, Idempotency-Key): 201 is
 * a booking, 409 SLOT_ALREADY_BOOKED a lost race; anything else is unexpected and fails the run.
 */
export function httpBooking(world: BookingWorld): BookingAttempt {
  return async (slotId, clientIndex) => {
    const response = await fetch(`${world.url}/appointments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${world.tokens[clientIndex]}`,
        'content-type': 'application/json',
        accept: 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ slotId, clientId: world.clientIds[clientIndex] }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (response.status === 201) return 'booked';
    const code = problemCode(text);
    if (response.status === 409 && code === 'SLOT_ALREADY_BOOKED') return 'full';
    return { unexpected: `HTTP ${response.status} ${code ?? text.slice(0, 200)}` };
  };
}

function problemCode(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}
