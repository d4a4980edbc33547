export { createApp, registerSchedules, startWorker, type AppOptions, type SpokeStackApp } from './app.js';
export type { Worker, JobHandler } from './jobs/worker.js';
export { createDatabase, migrationsFolder, type Database, type DatabaseOptions, type Db } from './db/client.js';
export * as schema from './db/schema.js';
export { localStorage, type Storage } from './platform/storage.js';
export { s3Storage, s3StorageFromEnv, type S3StorageOptions } from './platform/s3-storage.js';
export { systemClock, manualClock, type Clock, type ManualClock } from './platform/clock.js';
export { createLogger, silentLogger, type Logger, type LogLevel } from './platform/logger.js';
export { createOrganization } from './platform/organizations.js';
export { recordActivity, type ActivityInput } from './platform/activity.js';
export type { TenantContext, AppContext, Actor } from './platform/context.js';
export type { Feature, FeatureJob, FeatureSchedule } from './feature.js';
export {
  startServer,
  resolveSettings,
  openDatabase,
  openStorage,
  loadSecret,
  ConfigError,
  type ServeOptions,
  type RunningServer,
  type InstanceSettings,
} from './serve.js';
export {
  deliveryCurl,
  ensureDemo,
  seedDemo,
  demoOrganization,
  type EnsureDemoResult,
  type SeedDemoResult,
  type DemoCounts,
} from './demo/index.js';
export { useTagger } from './dam/tagging.js';
export { registerConnector } from './analytics/sync-schedule.js';
export type { Connector, ConnectorReport, ConnectorRun } from './analytics/syncs.js';
