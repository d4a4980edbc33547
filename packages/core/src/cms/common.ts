import * as z from 'zod';
import * as f from '../shared/fields.js';
import { membershipRole } from '../platform/enums.js';

// What every CMS contract file shares: the OpenAPI tag, the base path, id and slug shapes.

export const tag = 'CMS';
export const base = '/v1/cms';
export const id = z.string().min(1).max(64);
export const ids = z.array(id).max(200);
export const deleted = z.object({ id: z.string(), deleted: z.literal(true) });
export const allRoles = membershipRole;
export const writers = ['OWNER', 'ADMIN', 'MEMBER'] as const;
/** A boolean filter: `true` from the SDK, `"true"` from a query string. */
export const boolFilter = () => z.union([z.boolean(), f.queryBool()]).optional();
/** The summary of an operation the generic CRUD would offer but the CMS refuses (405). */
export const refuse = (what: string) => `Not allowed: ${what}`;

/** A URL slug: lowercase letters and digits in words joined by `-`. */
export const slug = z
  .string()
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a slug: lowercase letters and digits, words joined by "-"');

/** A `#RRGGBB` colour. */
export const color = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'Expected a colour like "#6B7280"');
