import { crmResources } from '@spokestack/core/crm';
import { defineFeature } from '../feature.js';
import { seedCrm } from './demo.js';
import { crmTables } from './resources.js';

/** The CRM: contacts, pipelines and deals, campaigns, email and automation (plain CRUD so far). */
export const crm = defineFeature({ name: 'crm', tables: crmTables, resources: crmResources, demo: seedCrm });
