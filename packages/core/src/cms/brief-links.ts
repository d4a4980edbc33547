import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { allRoles, base, id, tag, writers } from './common.js';
import { contentStatus } from './enums.js';
import { briefLinks } from './rows.gen.js';

// Links between entries and briefs, listed from both sides.

/** How an entry relates to a brief. */
export const briefLinkTypes = ['deliverable', 'source', 'reference'] as const;
export const briefLinkCreate = z.strictObject({ briefId: id, contentEntryId: id, linkType: z.enum(briefLinkTypes) });
export const briefLinkUpdate = z.strictObject({ linkType: z.enum(briefLinkTypes) });
export const linkedBrief = z.object({
  link: briefLinks.row,
  brief: z.object({
    id: z.string(),
    title: z.string(),
    status: z.string(),
    clientId: z.string().nullable(),
    projectId: z.string().nullable(),
    dueDate: f.timestamp().nullable(),
  }),
});
export const linkedEntry = z.object({
  link: briefLinks.row,
  entry: z.object({
    id: z.string(),
    title: z.string(),
    slug: z.string(),
    locale: z.string(),
    status: z.enum(contentStatus),
    contentTypeId: z.string(),
    clientId: z.string().nullable(),
    updatedAt: f.timestamp(),
  }),
});

export const briefLinkOps = {
  createBriefLink: defineOperation({
    id: 'cms.briefLinks.create',
    description:
      'Links an entry to a brief, saying how it relates: the entry is a deliverable of the brief, a source ' + 'for it, or a reference.',
    method: 'POST',
    path: `${base}/brief-links`,
    tag,
    summary: 'Link an entry to a brief (deliverable, source or reference)',
    body: briefLinkCreate,
    response: briefLinks.row,
    status: 201,
    roles: writers,
  }),
  updateBriefLink: defineOperation({
    id: 'cms.briefLinks.update',
    description: 'Changes how an entry relates to a brief.',
    method: 'PATCH',
    path: `${base}/brief-links/:id`,
    tag,
    summary: 'Change how an entry relates to a brief',
    params: idParams,
    body: briefLinkUpdate,
    response: briefLinks.row,
    roles: writers,
  }),
  entryBriefs: defineOperation({
    id: 'cms.entries.briefs',
    description: 'The briefs an entry is linked to, with how it relates to each.',
    method: 'GET',
    path: `${base}/entries/:id/briefs`,
    tag,
    summary: 'Briefs an entry is linked to',
    params: idParams,
    response: z.object({ data: z.array(linkedBrief) }),
    roles: allRoles,
  }),
  briefContent: defineOperation({
    id: 'platform.briefs.content',
    description: 'The CMS entries linked to a brief, with how each relates to it.',
    method: 'GET',
    path: '/v1/platform/briefs/:id/content',
    tag,
    summary: 'CMS entries linked to a brief',
    params: idParams,
    response: z.object({ data: z.array(linkedEntry) }),
    roles: allRoles,
  }),
};
