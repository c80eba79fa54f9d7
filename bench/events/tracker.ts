import { performance } from 'node:perf_hooks';

/** Monotonic milliseconds; every timestamp in the benchmark comes from here (one process, one clock). */
export const now = (): number => performance.now();

/**
 * One measured run (a warm-up, a throughput run or a latency run) of one path. Every event of the run
 * gets a start time (platform: just before its transaction commits; raw: just before `send`) and a
 * done time (platform: its projection row committed; raw: the consumer saw it).
 */
export class Phase {
  readonly startedAt = new Map<string, number>();
  /** Platform only: when the relay's publish of the event was acknowledged by the broker. */
  readonly publishedAt = new Map<string, number>();
  /** Platform only: when the consumer's handler was entered (inbox row already written). */
  readonly handledAt = new Map<string, number>();
  readonly doneAt = new Map<string, number>();
  /** Sizes of the publish calls that carried this run's events (platform: relay batches). */
  readonly publishBatches: number[] = [];
  /** Serialized message value bytes, summed over the events published. */
  valueBytes = 0;
  /** When the run began (before the first write or send). */
  beganAt = Number.NaN;
  /** Platform: when the last writer transaction committed; raw: when the last send was acknowledged. */
  writesDoneAt = Number.NaN;
  private readonly finished: Promise<void>;
  private resolveFinished!: () => void;

  constructor(
    readonly name: string,
    readonly expected: number,
  ) {
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    if (expected === 0) this.resolveFinished();
  }

  finish(id: string, at: number): void {
    if (this.doneAt.has(id)) return;
    this.doneAt.set(id, at);
    if (this.doneAt.size >= this.expected) this.resolveFinished();
  }

  get lastDoneAt(): number {
    let last = Number.NaN;
    for (const t of this.doneAt.values()) if (!(t <= last)) last = t;
    return last;
  }

  get lastPublishedAt(): number {
    let last = Number.NaN;
    for (const t of this.publishedAt.values()) if (!(t <= last)) last = t;
    return last;
  }

  /** Resolves once every expected event is done; rejects with the progress so far after `timeoutMs`. */
  async whenFinished(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `${this.name}: only ${this.doneAt.size} of ${this.expected} events arrived within ${timeoutMs} ms ` +
                `(started ${this.startedAt.size}, published ${this.publishedAt.size}, handled ${this.handledAt.size})`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.finished, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Which run an event id belongs to, so the relay wrapper and the consumers can time it. */
export class Tracker {
  private readonly byEvent = new Map<string, Phase>();

  start(id: string, phase: Phase, at: number): void {
    this.byEvent.set(id, phase);
    phase.startedAt.set(id, at);
  }

  phaseOf(id: string | undefined): Phase | undefined {
    return id === undefined ? undefined : this.byEvent.get(id);
  }
}
