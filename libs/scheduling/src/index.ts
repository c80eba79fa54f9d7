export type {
  JobData,
  JobHandler,
  JobScheduler,
  JobState,
  JobStatus,
  JobToSchedule,
  ProcessOptions,
  RunningJob,
  StallOptions,
} from './job-scheduler';
export { JobRunningError } from './job-scheduler';
export { BullMqJobScheduler } from './bullmq-job-scheduler';
export type { BullMqJobSchedulerOptions } from './bullmq-job-scheduler';
export { InProcessJobScheduler } from './in-process-job-scheduler';
export { RepeatingTick } from './repeating-tick';
export type { RepeatingTickOptions } from './repeating-tick';
