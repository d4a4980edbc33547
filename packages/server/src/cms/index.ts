import { cmsResources } from '@spokestack/core/cms';
import { defineFeature } from '../feature.js';
import { blockRoutes } from './blocks.routes.js';
import { briefLinkRoutes } from './brief-links.routes.js';
import { commentRoutes } from './comments.routes.js';
import { contentTypeRoutes } from './content-types.routes.js';
import { deliveryRoutes } from './delivery.routes.js';
import { seedCms } from './demo.js';
import { entryRoutes } from './entries.routes.js';
import { localizationRoutes } from './localization.routes.js';
import { mediaRoutes } from './media.routes.js';
import { publishingRoutes } from './publishing.routes.js';
import { cmsTables } from './resources.js';
import { scheduleRoutes } from './schedules.routes.js';
import { runSchedule, scheduleJobName } from './schedules.js';
import { taxonomyRoutes } from './taxonomy.routes.js';
import { templateRoutes } from './templates.routes.js';
import { versionRoutes } from './versions.routes.js';
import { webhookRoutes } from './webhooks.routes.js';
import { deliverWebhook, webhookJobName } from './webhooks.js';
import { workflowRoutes } from './workflows.routes.js';

/**
 * The headless CMS: content types, entries and their versions, translations, taxonomy, workflows and
 * reviews, comments, publishing and schedules, templates, blocks, media, brief links, the delivery
 * API and its publish webhooks. Each sub-feature is `<name>.ts` (its rules) beside `<name>.routes.ts` (its operations).
 */
export const cms = defineFeature({
  name: 'cms',
  tables: cmsTables,
  resources: cmsResources,
  routes(router, { db }) {
    for (const routes of [
      contentTypeRoutes,
      entryRoutes,
      versionRoutes,
      localizationRoutes,
      taxonomyRoutes,
      workflowRoutes,
      commentRoutes,
      publishingRoutes,
      scheduleRoutes,
      templateRoutes,
      blockRoutes,
      mediaRoutes,
      briefLinkRoutes,
      deliveryRoutes,
      webhookRoutes,
    ])
      routes(router, db);
  },
  jobs: { [scheduleJobName]: runSchedule, [webhookJobName]: deliverWebhook },
  demo: seedCms,
});
