import * as z from 'zod';
import * as f from '../shared/fields.js';
import { membershipRole } from '../platform/enums.js';

// What every CRM contract file shares: the OpenAPI tag, the base path, id shapes, role sets.

export const tag = 'CRM';
export const base = '/v1/crm';
export const id = z.string().min(1).max(64);
export const deleted = z.object({ id: z.string(), deleted: z.literal(true) });
export const allRoles = membershipRole;
export const writers = ['OWNER', 'ADMIN', 'MEMBER'] as const;
export const admins = ['OWNER', 'ADMIN'] as const;
/** The CRM is the agency's own sales data: CLIENT members see none of it. */
export const staff = writers;
/** A boolean filter: `true` from the SDK, `"true"` from a query string. */
export const boolFilter = () => z.union([z.boolean(), f.queryBool()]).optional();
/** An ISO 4217 currency code. */
export const currency = z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 currency code like "EUR"');
/** A money amount as a decimal string (never a float): 12 integer digits, 2 fraction digits. */
export const money = f.decimal(14, 2);
