/**
 * Share and tracking tokens. Their unique keys span every organization, so a client choosing one
 * could probe or block another tenant's; the server mints them instead (required ones on create,
 * optional ones when a feature shares something).
 */
export const tokenColumns = ['token', 'shareToken', 'trackingUrl'];

/** Columns the server sets itself (identity, tenant, audit, tokens), never accepted from a request body. */
export const serverManagedColumns = new Set(['id', 'organizationId', 'createdAt', 'updatedAt', 'createdById', ...tokenColumns]);
