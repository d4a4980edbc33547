import type { HttpClient } from '../shared/http.js';
import { resourceClients } from '../shared/resource-client.js';
import { crmResources } from './rows.gen.js';

/** `sdk.crm`: a typed client per crm resource. */
export function createCrmClient(http: HttpClient) {
  return { ...resourceClients(http, crmResources) };
}
