import type { PgTable } from 'drizzle-orm/pg-core';
import { analyticsTables } from '../analytics/resources.js';
import { cmsTables } from '../cms/resources.js';
import { crmTables } from '../crm/resources.js';
import { damTables } from '../dam/resources.js';
import { platformTables } from '../platform/resources.js';

/** Every generic resource, by feature: the single list the router and the contract generator read. */
export const resourceTables: Record<string, Record<string, PgTable>> = {
  platform: platformTables,
  cms: cmsTables,
  dam: damTables,
  analytics: analyticsTables,
  crm: crmTables,
};
