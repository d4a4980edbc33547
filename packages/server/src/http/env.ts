import type { TenantContext } from '../platform/context.js';

/** Hono variables set for every request. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** The authenticated tenant; set by operations that require credentials. */
    tenant: TenantContext;
  };
}
