// Every CMS operation, by name: what the server routes and the SDK calls.
import { contentTypeOps } from './content-types.js';
import { entryOps } from './entries.js';
import { versionOps } from './versions.js';
import { localizationOps } from './localization.js';
import { taxonomyOps } from './taxonomy.js';
import { workflowOps } from './workflows.js';
import { commentOps } from './comments.js';
import { publishingOps } from './publishing.js';
import { readinessOps } from './readiness.js';
import { scheduleOps } from './schedules.js';
import { templateOps } from './templates.js';
import { blockOps } from './blocks.js';
import { mediaOps } from './media.js';
import { briefLinkOps } from './brief-links.js';
import { deliveryOps } from './delivery.js';
import { webhookOps } from './webhooks.js';

export const cmsOps = {
  ...contentTypeOps,
  ...entryOps,
  ...versionOps,
  ...localizationOps,
  ...taxonomyOps,
  ...workflowOps,
  ...commentOps,
  ...publishingOps,
  ...readinessOps,
  ...scheduleOps,
  ...templateOps,
  ...blockOps,
  ...mediaOps,
  ...briefLinkOps,
  ...deliveryOps,
  ...webhookOps,
};
