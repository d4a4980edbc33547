import { damResources } from '@spokestack/core/dam';
import { defineFeature } from '../feature.js';
import { seedDam } from './demo.js';
import { damTables } from './resources.js';

/** The creative asset store: libraries, folders, assets and their versions, collections and shares (plain CRUD so far). */
export const dam = defineFeature({ name: 'dam', tables: damTables, resources: damResources, demo: seedDam });
