import type { HttpClient } from '../shared/http.js';
import { resourceClients } from '../shared/resource-client.js';
import { cmsResources } from './rows.gen.js';

/** `sdk.cms`: a typed client per cms resource. */
export function createCmsClient(http: HttpClient) {
  return { ...resourceClients(http, cmsResources) };
}
