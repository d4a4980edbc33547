import type { HttpClient } from '../shared/http.js';
import { resourceClients } from '../shared/resource-client.js';
import { damResources } from './rows.gen.js';

/** `sdk.dam`: a typed client per dam resource. */
export function createDamClient(http: HttpClient) {
  return { ...resourceClients(http, damResources) };
}
