import { REMINDERS_QUEUE } from '../../apps/reminders/src/plan/reminder-jobs';
import { now } from '../events/tracker';
import { progress } from './progress';
import { queueKeyPrefix, type QueuePath } from './queue-path';
import type { RedisProbe, JobFootprint } from './redis-probe';
import type { ReminderSet } from './reminder-set';

const PROGRESS_EVERY = 100_000;
const SAMPLED_JOBS = 200;

export interface SchedulingFigures {
  label: string;
  reminders: number;
  /** From just before the first job was added to the last one acknowledged. */
  seconds: number;
  schedulesPerSecond: number;
  /** INFO used_memory just before the first job and just after the last. */
  usedMemoryBefore: number;
  usedMemoryAfter: number;
  /** (after - before) / reminders: everything the jobs cost the server, and anyone else's writes. */
  bytesPerReminder: number;
  footprint: JobFootprint;
}

/** Adds every reminder of the set through the path, timed, with Redis memory before and after. */
export async function measureScheduling(
  path: QueuePath,
  set: ReminderSet,
  probe: RedisProbe,
): Promise<SchedulingFigures> {
  await probe.settle();
  const usedMemoryBefore = await probe.usedMemory();
  progress(`${path.label}: scheduling ${set.count} reminders (used_memory ${mb(usedMemoryBefore)} MB)`);
  const began = now();
  let nextReport = PROGRESS_EVERY;
  await path.scheduleAll(set, (added) => {
    if (added < nextReport) return;
    nextReport += PROGRESS_EVERY;
    const seconds = (now() - began) / 1000;
    progress(
      `${path.label}: ${added}/${set.count} after ${seconds.toFixed(1)} s, ${(added / seconds).toFixed(0)}/s`,
    );
  });
  const seconds = (now() - began) / 1000;
  const usedMemoryAfter = await probe.usedMemory();
  const footprint = await probe.jobFootprint(queueKeyPrefix(path.prefix, REMINDERS_QUEUE), SAMPLED_JOBS);
  const figures: SchedulingFigures = {
    label: path.label,
    reminders: set.count,
    seconds,
    schedulesPerSecond: set.count / seconds,
    usedMemoryBefore,
    usedMemoryAfter,
    bytesPerReminder: (usedMemoryAfter - usedMemoryBefore) / set.count,
    footprint,
  };
  progress(
    `${path.label}: ${set.count} in ${seconds.toFixed(1)} s, ${figures.schedulesPerSecond.toFixed(0)}/s, ` +
      `${figures.bytesPerReminder.toFixed(0)} B/reminder (used_memory ${mb(usedMemoryAfter)} MB)`,
  );
  return figures;
}

const mb = (bytes: number): string => (bytes / 1_048_576).toFixed(1);
