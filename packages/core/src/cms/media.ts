import * as z from 'zod';
import { defineOperation, idParams, refusedDescription } from '../shared/operation.js';
import { base, refuse, tag, writers } from './common.js';

// Content media: which files the entries use, kept by the entries' media fields (read-only).

export const mediaOps = {
  createMediaRefused: defineOperation({
    id: 'cms.media.create',
    description: refusedDescription,
    method: 'POST',
    path: `${base}/media`,
    tag,
    summary: refuse("content media rows follow the entries' media fields"),
    body: z.unknown(),
    response: z.never(),
    roles: writers,
  }),
  updateMediaRefused: defineOperation({
    id: 'cms.media.update',
    description: refusedDescription,
    method: 'PATCH',
    path: `${base}/media/:id`,
    tag,
    summary: refuse("edit the entry's media field"),
    params: idParams,
    body: z.unknown(),
    response: z.never(),
    roles: writers,
  }),
  deleteMediaRefused: defineOperation({
    id: 'cms.media.delete',
    description: refusedDescription,
    method: 'DELETE',
    path: `${base}/media/:id`,
    tag,
    summary: refuse("edit the entry's media field"),
    params: idParams,
    response: z.never(),
    roles: writers,
  }),
};
