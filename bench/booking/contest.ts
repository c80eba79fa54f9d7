import { now } from '../events/tracker';

/** What one booking attempt came to: a seat, a clear "slot full", or anything else (a failure). */
export type Outcome = 'booked' | 'full' | { unexpected: string };

/** One way of booking a slot for a client: over HTTP, or the bare SQL transaction. */
export type BookingAttempt = (slotId: string, clientIndex: number) => Promise<Outcome>;

export interface RoundResult {
  /** From just before the first attempt started to the last one answered. */
  seconds: number;
  /** Each attempt's latency in ms, from just before it started to its answer. */
  latenciesMs: number[];
  outcomes: Outcome[];
}

/**
 * Every client tries to book at once, client i on slot i mod slots, so each slot has the same number
 * of contenders and exactly one of them can win it.
 */
export async function contestSlots(
  slotIds: readonly string[],
  clients: number,
  attempt: BookingAttempt,
): Promise<RoundResult> {
  const began = now();
  const answers = await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const started = now();
      const outcome = await attempt(slotIds[i % slotIds.length]!, i).catch((error: unknown): Outcome => ({
        unexpected: error instanceof Error ? error.message : String(error),
      }));
      return { outcome, ms: now() - started };
    }),
  );
  return {
    seconds: (now() - began) / 1000,
    latenciesMs: answers.map((a) => a.ms),
    outcomes: answers.map((a) => a.outcome),
  };
}
