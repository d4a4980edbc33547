// Every CRM operation with rules beyond plain CRUD, by name: what the server routes and the SDK calls.
import { contactOps } from './contacts.js';
import { dealOps } from './deals.js';
import { timelineOps } from './timeline.js';
import { productOps } from './products.js';
import { taskOps } from './tasks.js';
import { importOps } from './imports.js';
import { scoringOps } from './scoring.js';
import { listOps } from './lists.js';
import { templateOps } from './templates.js';
import { formOps } from './forms.js';
import { automationOps } from './automation.js';
import { sendingOps } from './sending.js';

export const crmOps = {
  ...contactOps,
  ...dealOps,
  ...timelineOps,
  ...productOps,
  ...taskOps,
  ...importOps,
  ...scoringOps,
  ...listOps,
  ...templateOps,
  ...formOps,
  ...automationOps,
  ...sendingOps,
};
