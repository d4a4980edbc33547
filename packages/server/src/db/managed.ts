/**
 * Share and tracking tokens. Their unique keys span every organization, so a client choosing one
 * could probe or block another tenant's; the server mints them instead (required ones on create,
 * optional ones when a feature shares something).
 */
export const tokenColumns = ['token', 'shareToken', 'trackingUrl'];

/** Columns the server sets itself (identity, tenant, audit, tokens), never accepted from a request body. */
export const serverManagedColumns = new Set(['id', 'organizationId', 'createdAt', 'updatedAt', 'createdById', ...tokenColumns]);

/**
 * Write-only columns, by property name, wherever they appear: credentials and tokens the platform uses
 * again are encrypted, passwords it only checks are hashed. The contract generator leaves them out of
 * every row (a boolean flag stands in: `credentialsSet`, `hasPassword`) and out of `sort=`; the generic
 * CRUD seals or hashes them on write. A new secret column is one line here.
 */
export const secretColumns: Record<string, 'encrypted' | 'password'> = {
  credentials: 'encrypted',
  accessToken: 'encrypted',
  refreshToken: 'encrypted',
  password: 'password',
  sharePassword: 'password',
  secret: 'encrypted',
};

/** The row's stand-in for a secret column. @example secretFlag('sharePassword', 'password') // 'hasSharePassword' */
export const secretFlag = (key: string, kind: 'encrypted' | 'password') =>
  kind === 'password' ? `has${key[0]!.toUpperCase()}${key.slice(1)}` : `${key}Set`;
