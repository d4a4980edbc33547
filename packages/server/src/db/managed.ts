/** Columns the server sets itself (identity, tenant, audit), never accepted from a request body. */
export const serverManagedColumns = new Set(['id', 'organizationId', 'createdAt', 'updatedAt', 'createdById']);
