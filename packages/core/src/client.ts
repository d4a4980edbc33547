import { createAnalyticsClient } from './analytics/client.js';
import { createCmsClient } from './cms/client.js';
import { createCrmClient } from './crm/client.js';
import { createDamClient } from './dam/client.js';
import { createPlatformClient } from './platform/client.js';
import { HttpClient, type SpokeStackOptions } from './shared/http.js';

/**
 * Creates the typed SDK: one namespace per feature (`platform`, `cms`, `dam`, `analytics`, `crm`),
 * a typed resource per table, and `http` for anything else.
 *
 * @example
 * const sdk = createSpokeStack({ baseUrl: 'https://spokestack.example.com', apiKey: process.env.SPOKESTACK_KEY })
 * const { data } = await sdk.crm.contacts.list({ status: 'ACTIVE' })
 * for await (const contact of sdk.crm.contacts.iterate()) console.log(contact.email)
 */
export function createSpokeStack(options: SpokeStackOptions) {
  const http = new HttpClient(options);
  return {
    http,
    platform: createPlatformClient(http),
    cms: createCmsClient(http),
    dam: createDamClient(http),
    analytics: createAnalyticsClient(http),
    crm: createCrmClient(http),
  };
}

/** The SDK object `createSpokeStack` returns. */
export type SpokeStack = ReturnType<typeof createSpokeStack>;
