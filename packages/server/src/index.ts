export { createApp, type AppOptions, type AppDeps, type SpokeStackApp } from './app.js';
export { createDatabase, migrationsFolder, type Database, type DatabaseOptions, type Db } from './db/client.js';
export * as schema from './db/schema.js';
export { localStorage, type Storage } from './platform/storage.js';
export { systemClock, manualClock, type Clock, type ManualClock } from './platform/clock.js';
export { createLogger, silentLogger, type Logger, type LogLevel } from './platform/logger.js';
export { createOrganization } from './platform/organizations.js';
export { recordActivity, type ActivityInput } from './platform/activity.js';
export type { TenantContext, Actor } from './platform/context.js';
