import type { AppDeps } from '../app.js';
import { registerContentRoutes } from './content-routes.js';
import { registerPublishingRoutes } from './publishing-routes.js';

/** CMS routes with rules beyond plain CRUD (content types, entries, versions, publishing, delivery). */
export function registerCmsRoutes(deps: AppDeps): void {
  registerContentRoutes(deps);
  registerPublishingRoutes(deps);
}
