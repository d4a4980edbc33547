import type { HttpClient } from '../shared/http.js';
import { resourceClients } from '../shared/resource-client.js';
import { analyticsResources } from './rows.gen.js';

/** `sdk.analytics`: a typed client per analytics resource. */
export function createAnalyticsClient(http: HttpClient) {
  return { ...resourceClients(http, analyticsResources) };
}
