/** Port for "now". Domain code asks an injected clock, never `new Date()`, so tests can control time. */
export interface Clock {
  now(): Date;
}

/** A clock that tells listeners when time jumps, so an in-process scheduler can run jobs that became due. */
export interface ObservableClock extends Clock {
  /** Registers a listener called after every change of time; returns a function that unregisters it. */
  onAdvance(listener: (now: Date) => void): () => void;
}

export function isObservableClock(clock: Clock): clock is ObservableClock {
  return typeof (clock as Partial<ObservableClock>).onAdvance === 'function';
}
