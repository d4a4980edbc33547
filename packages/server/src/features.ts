import { analytics } from './analytics/index.js';
import { cms } from './cms/index.js';
import { crm } from './crm/index.js';
import { dam } from './dam/index.js';
import type { Feature } from './feature.js';
import { platform } from './platform/index.js';

/**
 * The features `createApp` mounts and the demo seeds, in dependency order: the platform first, the
 * DAM before the CMS (content uses assets). Adding a feature is one line here and its own `index.ts`.
 */
export const features: Feature[] = [platform, dam, cms, analytics, crm];
