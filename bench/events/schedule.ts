import { setTimeout as sleep } from 'node:timers/promises';
import { now } from './tracker';

export interface OfferedLoad {
  /** Events fired. */
  sent: number;
  /** Rate actually offered: events over the time from the first to the last firing. */
  achievedRate: number;
  /** Worst delay of a firing behind its slot (timer and event-loop lag), ms. */
  maxLagMs: number;
}

/**
 * Open-loop load: fires `fire(i)` at `rate` per second for `seconds`, on a fixed schedule, without
 * waiting for earlier firings to finish (a slow pipeline does not slow the offered load down). Waits
 * for every firing, then throws the first error if any failed.
 */
export async function fireAtFixedRate(
  rate: number,
  seconds: number,
  fire: (i: number) => Promise<void>,
): Promise<OfferedLoad> {
  const total = Math.round(rate * seconds);
  const intervalMs = 1000 / rate;
  const errors: unknown[] = [];
  const inFlight: Promise<void>[] = [];
  const begin = now();
  let maxLagMs = 0;
  let lastFiredAt = begin;
  for (let i = 0; i < total; i += 1) {
    const due = begin + i * intervalMs;
    const wait = due - now();
    if (wait >= 1) await sleep(wait);
    lastFiredAt = now();
    maxLagMs = Math.max(maxLagMs, lastFiredAt - due);
    inFlight.push(fire(i).catch((error: unknown) => void errors.push(error)));
  }
  await Promise.all(inFlight);
  if (errors.length > 0) throw errors[0];
  const span = (lastFiredAt - begin) / 1000;
  return { sent: total, achievedRate: span > 0 ? (total - 1) / span : total, maxLagMs };
}
