import * as t from './schema.js';

/**
 * Platform tables with plain CRUD under `/v1/platform/…`. Users, memberships, API keys and files have
 * their own routes (secrets, roles, uploads), so they are not here.
 */
export const platformTables = {
  clients: t.clients,
  projects: t.projects,
  briefs: t.briefs,
};
