export {
  createJobQueue,
  type EnqueueItem,
  type EnqueueOptions,
  type Job,
  type JobLookupOptions,
  type JobQueue,
  type JobQueueDeps,
  type JobSchedule,
  type ScheduleOptions,
} from './queue.js';
export { createWorker, defaultBackoff, type JobHandler, type JobHandlers, type Worker, type WorkerOptions } from './worker.js';
export { pruneJobName, pruneJobs, schedulePrune } from './prune.js';
