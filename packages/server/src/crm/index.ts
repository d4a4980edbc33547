import { crmResources } from '@spokestack/core/crm';
import { defineFeature } from '../feature.js';
import { contactRoutes } from './contacts.routes.js';
import { dealRoutes } from './deals.routes.js';
import { timelineRoutes } from './timeline.routes.js';
import { productRoutes } from './products.routes.js';
import { taskRoutes } from './tasks.routes.js';
import { importRoutes } from './imports.routes.js';
import { scoringRoutes } from './scoring.routes.js';
import { listRoutes } from './lists.routes.js';
import { templateRoutes } from './templates.routes.js';
import { formRoutes } from './forms.routes.js';
import { automationRoutes } from './automation.routes.js';
import {
  onWorkflowActivity,
  runWorkflowJob,
  runWorkflowTick,
  workflowRunJobName,
  workflowSweep,
  workflowSweepJobName,
  workflowTickJobName,
} from './automation.js';
import { sendingRoutes } from './sending.routes.js';
import { emailSendJobName, runEmailSend } from './sending.js';
import { runLeadScore } from './scoring.js';
import { scoreJobName } from './activities.js';
import { contactImportJobName, runContactImport } from './imports.js';
import { reminderJobName, runTaskReminder } from './tasks.js';
import { seedCrm } from './demo.js';
import { crmTables } from './resources.js';

/**
 * The CRM: contacts (search, saved filters, custom fields, consent, GDPR, merge, CSV import), pipelines and deals, campaigns,
 * email and automation. Each sub-feature is `<name>.ts` (its rules) beside `<name>.routes.ts`; the
 * rest is the generic CRUD.
 */
export const crm = defineFeature({
  name: 'crm',
  tables: crmTables,
  resources: crmResources,
  routes(router, { db }) {
    for (const routes of [
      contactRoutes,
      dealRoutes,
      timelineRoutes,
      productRoutes,
      taskRoutes,
      importRoutes,
      scoringRoutes,
      listRoutes,
      templateRoutes,
      formRoutes,
      automationRoutes,
      sendingRoutes,
    ])
      routes(router, db);
  },
  jobs: {
    [reminderJobName]: runTaskReminder,
    [contactImportJobName]: runContactImport,
    [scoreJobName]: runLeadScore,
    [workflowRunJobName]: runWorkflowJob,
    [workflowTickJobName]: runWorkflowTick,
    [emailSendJobName]: runEmailSend,
  },
  schedules: { [workflowSweepJobName]: workflowSweep },
  onActivity: onWorkflowActivity,
  demo: seedCrm,
});
