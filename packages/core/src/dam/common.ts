import * as z from 'zod';
import { membershipRole } from '../platform/enums.js';

// What every DAM contract file shares: the OpenAPI tag, the base path, id shapes and role lists.

export const tag = 'DAM';
export const base = '/v1/dam';
export const id = z.string().min(1).max(64);
export const ids = z.array(id).min(1).max(500);
export const allRoles = membershipRole;
export const writers = ['OWNER', 'ADMIN', 'MEMBER'] as const;
export const managers = ['OWNER', 'ADMIN'] as const;
