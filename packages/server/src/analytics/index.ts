import { analyticsResources } from '@spokestack/core/analytics';
import { defineFeature } from '../feature.js';
import { seedAnalytics } from './demo.js';
import { analyticsTables } from './resources.js';

/** Analytics: ad platforms and their metrics, social listening, web analytics, reports and attribution (plain CRUD so far). */
export const analytics = defineFeature({ name: 'analytics', tables: analyticsTables, resources: analyticsResources, demo: seedAnalytics });
