import type { Clock } from '@careloop/time';
import type { JobScheduler, JobToSchedule, RunningJob } from './job-scheduler';

export interface RepeatingTickOptions {
  /** The JobScheduler queue of the ticks; it carries nothing else. */
  queue: string;
  /** A whole number of seconds, at least 1. */
  intervalSeconds: number;
  clock: Clock;
  /** What the job is called in the error that hands a tick back during shutdown. */
  name: string;
  /**
   * One tick's work, given the clock's now once the next tick is scheduled. It should catch and report
   * its own failures: one that escapes fails the tick job, which the scheduler retries (work and all).
   */
  work: (now: Date) => Promise<void>;
}

// Only scheduling the next tick should throw (the work catches its own): retry it for a while (about
// 8 minutes of backoff) before the job is left failed.
const TICK_RETRIES = { concurrency: 1, maxAttempts: 10, backoffMs: 1000 } as const;

/**
 * A job that runs `work` every `intervalSeconds` on a JobScheduler queue, for work that finds what is
 * due in the database (so a late or repeated run is harmless). Ticks fall on whole multiples of the
 * interval since the epoch and a tick's job id is `tick:<epoch seconds>`, so every process derives the
 * same id and the scheduler keeps one job per tick however many processes ask for it. Each tick
 * schedules the next before working, and every process schedules one at start, so neither a failing
 * run nor a restart stops it; after a pause it runs once with the late now, never once per missed tick.
 */
export class RepeatingTick {
  readonly queue: string;
  readonly intervalSeconds: number;
  private scheduler: JobScheduler | undefined;
  private stopping = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: RepeatingTickOptions) {
    if (!Number.isInteger(options.intervalSeconds) || options.intervalSeconds < 1)
      throw new RangeError(
        `The tick interval of "${options.queue}" must be a positive whole number of seconds, got ${options.intervalSeconds}`,
      );
    this.queue = options.queue;
    this.intervalSeconds = options.intervalSeconds;
  }

  /** Runs the queue's ticks in this process and schedules the next one; returns its due time (epoch seconds). */
  async start(scheduler: JobScheduler): Promise<number> {
    if (this.scheduler) throw new Error(`The ${this.options.name} has already started`);
    this.scheduler = scheduler;
    scheduler.process(this.queue, (job) => this.onTick(job), TICK_RETRIES);
    const next = this.nextTickAfter(this.options.clock.now());
    await scheduler.schedule(this.queue, tickJob(next));
    return next;
  }

  /** Schedules nothing more and lets a running tick finish (while the database is still open). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private async onTick(job: RunningJob): Promise<void> {
    // Failing hands the tick back to the queue: another process, or this one after a restart, runs it.
    if (this.stopping)
      throw new Error(`The ${this.options.name} is shutting down; the tick runs elsewhere or later`);
    const run = this.tick(Number(job.data['tick']));
    this.inFlight.add(run);
    try {
      await run;
    } finally {
      this.inFlight.delete(run);
    }
  }

  private async tick(tickSeconds: number): Promise<void> {
    const { clock, work } = this.options;
    // Never the same tick again (a job that ran a little early), and never a backlog of missed ones.
    const next = Math.max(tickSeconds + this.intervalSeconds, this.nextTickAfter(clock.now()));
    await this.scheduler!.schedule(this.queue, tickJob(next));
    await work(clock.now());
  }

  private nextTickAfter(now: Date): number {
    return (Math.floor(now.getTime() / 1000 / this.intervalSeconds) + 1) * this.intervalSeconds;
  }
}

/** The job of the tick due at `tickSeconds` (epoch seconds): its id and data are the tick alone. */
function tickJob(tickSeconds: number): JobToSchedule {
  return { id: `tick:${tickSeconds}`, runAt: new Date(tickSeconds * 1000), data: { tick: tickSeconds } };
}
