export { createSpokeStack, type SpokeStack } from './client.js';
export { HttpClient, type SpokeStackOptions, type RequestOptions } from './shared/http.js';
export { SpokeStackError, problemTypes, type Problem, type FieldError } from './shared/errors.js';
export {
  defineOperation,
  idParams,
  refusedDescription,
  type Operation,
  type OperationInput,
  type OperationOutput,
  type HttpMethod,
} from './shared/operation.js';
export {
  accessOf,
  allows,
  callers,
  callersOf,
  rolesSentence,
  adminRoles,
  writerRoles,
  type Access,
  type Caller,
} from './shared/access.js';
export { defineResource, resourceOperations, type ResourceDef, type SecretColumn } from './shared/resource.js';
export {
  resourceClient,
  resourceClients,
  type ResourceClient,
  type ResourceClients,
  type RowOf,
  type ListInputOf,
} from './shared/resource-client.js';
export { listQuery, pageOf, defaultPageSize, maxPageSize, type ListQuery, type Page } from './shared/pagination.js';
export * as fields from './shared/fields.js';
export * from './platform/index.js';
// Hosts check publish webhooks without importing the CMS contracts.
export { verifyWebhook, webhookSignatureHeader, type WebhookEvent } from './cms/webhooks.js';
