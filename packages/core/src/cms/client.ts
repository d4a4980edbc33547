import type { z } from 'zod';
import type { HttpClient, RequestOptions } from '../shared/http.js';
import type { Operation, OperationOutput } from '../shared/operation.js';
import type { Page } from '../shared/pagination.js';
import { resourceClients } from '../shared/resource-client.js';
import { cmsOps as ops } from './operations.js';
import { cmsResources } from './rows.gen.js';

type Body<O extends Operation> = z.input<NonNullable<O['body']>>;
type Query<O extends Operation> = z.input<NonNullable<O['query']>>;

/** Every item of a paged list, page after page. */
async function* pages<T>(list: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  let cursor: string | null | undefined;
  do {
    const page = await list(cursor ?? undefined);
    yield* page.data;
    cursor = page.nextCursor;
  } while (cursor);
}

/** Content types, entries (versions, translations), tags and categories: the CMS operations with rules. */
function createContentClient(http: HttpClient) {
  const listEntries = (query?: Query<typeof ops.listEntries>, options?: RequestOptions) => http.call(ops.listEntries, { query }, options);
  return {
    contentTypes: {
      list: (query?: Query<typeof ops.listContentTypes>, options?: RequestOptions) => http.call(ops.listContentTypes, { query }, options),
      get: (id: string, options?: RequestOptions) => http.call(ops.getContentType, { params: { id } }, options),
      /** @example await sdk.cms.contentTypes.create({ name: 'Blog Post', schema: { fields: [{ name: 'title', type: 'text', required: true
       * }] } }) */
      create: (body: Body<typeof ops.createContentType>, options?: RequestOptions) => http.call(ops.createContentType, { body }, options),
      /**
       * Updates a type; a breaking schema change throws 409 (`error.extensions.affectedEntries`, `reasons`)
       * unless `migration` says how to carry entries over.
       * @example await sdk.cms.contentTypes.update(id, { schema, migration: { defaults: { summary: 'TBD' } } })
       */
      update: (id: string, body: Body<typeof ops.updateContentType>, options?: RequestOptions) =>
        http.call(ops.updateContentType, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteContentType, { params: { id } }, options),
      /** Dry run of a schema change. @example const { affectedEntries } = await sdk.cms.contentTypes.checkSchema(id, { schema }) */
      checkSchema: (id: string, body: Body<typeof ops.checkSchema>, options?: RequestOptions) =>
        http.call(ops.checkSchema, { params: { id }, body }, options),
      /** @example const report = await sdk.cms.contentTypes.missingTranslations(id, { locale: 'fr' }) */
      missingTranslations: (id: string, query?: Query<typeof ops.missingTranslations>, options?: RequestOptions) =>
        http.call(ops.missingTranslations, { params: { id }, query }, options),
    },
    entries: {
      /** @example const { data } = await sdk.cms.entries.list({ type: 'blog-post', q: 'launch' }) // data[0].highlight */
      list: listEntries,
      iterate: (query?: Omit<Query<typeof ops.listEntries>, 'cursor'>, options?: RequestOptions) =>
        pages((cursor) => listEntries({ ...query, cursor }, options)),
      get: (id: string, options?: RequestOptions) => http.call(ops.getEntry, { params: { id } }, options),
      /** @example await sdk.cms.entries.create({ contentTypeId, data: { title: 'Hello' }, tagIds: [tag.id] }) */
      create: (body: Body<typeof ops.createEntry>, options?: RequestOptions) => http.call(ops.createEntry, { body }, options),
      /**
       * Saves a draft. Pass the `version` you edited: if someone saved since, it throws 409 and nothing is lost.
       * @example await sdk.cms.entries.update(entry.id, { data: { title: 'New' }, version: entry.version })
       */
      update: (id: string, body: Body<typeof ops.updateEntry>, options?: RequestOptions) =>
        http.call(ops.updateEntry, { params: { id }, body }, options),
      delete: (id: string, query?: Query<typeof ops.deleteEntry>, options?: RequestOptions) =>
        http.call(ops.deleteEntry, { params: { id }, query }, options),
      versions: {
        list: (id: string, query?: Query<typeof ops.listVersions>, options?: RequestOptions) =>
          http.call(ops.listVersions, { params: { id }, query }, options),
        get: (id: string, number: number, options?: RequestOptions) => http.call(ops.getVersion, { params: { id, number } }, options),
        /** @example const { changes } = await sdk.cms.entries.versions.diff(entry.id, 1, 3) */
        diff: (id: string, from: number, to: number, options?: RequestOptions) =>
          http.call(ops.diffVersions, { params: { id }, query: { from, to } }, options),
        /** Restores a version into the draft as a new version; never publishes. @example await sdk.cms.entries.versions.restore(entry.id,
         * 2) */
        restore: (id: string, number: number, body: Body<typeof ops.restoreVersion> = {}, options?: RequestOptions) =>
          http.call(ops.restoreVersion, { params: { id, number }, body }, options),
      },
      translations: {
        list: (id: string, options?: RequestOptions) => http.call(ops.listTranslations, { params: { id } }, options),
        get: (id: string, locale: string, options?: RequestOptions) => http.call(ops.getTranslation, { params: { id, locale } }, options),
        /** Creates or replaces a translation. @example await sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Bonjour'
         * }, status: 'REVIEW' }) */
        put: (id: string, locale: string, body: Body<typeof ops.putTranslation>, options?: RequestOptions) =>
          http.call(ops.putTranslation, { params: { id, locale }, body }, options),
        delete: (id: string, locale: string, options?: RequestOptions) =>
          http.call(ops.deleteTranslation, { params: { id, locale } }, options),
      },
    },
    localizations: {
      ...resourceClients(http, { localizations: cmsResources.localizations }).localizations,
      create: (body: Body<typeof ops.createLocalization>, options?: RequestOptions) => http.call(ops.createLocalization, { body }, options),
      update: (id: string, body: Body<typeof ops.updateLocalization>, options?: RequestOptions) =>
        http.call(ops.updateLocalization, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteLocalization, { params: { id } }, options),
    },
    tags: {
      list: (query?: Query<typeof ops.listTags>, options?: RequestOptions) => http.call(ops.listTags, { query }, options),
      iterate: (query?: Omit<Query<typeof ops.listTags>, 'cursor'>, options?: RequestOptions) =>
        pages((cursor) => http.call(ops.listTags, { query: { ...query, cursor } }, options)),
      get: (id: string, options?: RequestOptions) => http.call(ops.getTag, { params: { id } }, options),
      /** @example await sdk.cms.tags.create({ name: 'Product Launch' }) // slug 'product-launch' */
      create: (body: Body<typeof ops.createTag>, options?: RequestOptions) => http.call(ops.createTag, { body }, options),
      update: (id: string, body: Body<typeof ops.updateTag>, options?: RequestOptions) =>
        http.call(ops.updateTag, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteTag, { params: { id } }, options),
    },
    categories: {
      /** `sort: 'path'` (the default) lists the tree in order; `under` lists a subtree. */
      list: (query?: Query<typeof ops.listCategories>, options?: RequestOptions) => http.call(ops.listCategories, { query }, options),
      iterate: (query?: Omit<Query<typeof ops.listCategories>, 'cursor'>, options?: RequestOptions) =>
        pages((cursor) => http.call(ops.listCategories, { query: { ...query, cursor } }, options)),
      get: (idOrSlug: string, options?: RequestOptions) => http.call(ops.getCategory, { params: { id: idOrSlug } }, options),
      /** @example await sdk.cms.categories.create({ name: 'Social', parentId: marketing.id }) // path '/marketing/social' */
      create: (body: Body<typeof ops.createCategory>, options?: RequestOptions) => http.call(ops.createCategory, { body }, options),
      /** Renames (slug) or moves (parentId) a category with its subtree. */
      update: (id: string, body: Body<typeof ops.updateCategory>, options?: RequestOptions) =>
        http.call(ops.updateCategory, { params: { id }, body }, options),
      delete: (id: string, query?: Query<typeof ops.deleteCategory>, options?: RequestOptions) =>
        http.call(ops.deleteCategory, { params: { id }, query }, options),
    },
  };
}

/** An entry as the SDK returns it. */
export type CmsEntry = OperationOutput<typeof ops.getEntry>;

/** `sdk.cms`: a typed client per cms resource, with the CMS rules' operations over the generic CRUD. */
export function createCmsClient(http: HttpClient) {
  const content = createContentClient(http);
  const publishing = createPublishingClient(http);
  return { ...resourceClients(http, cmsResources), ...content, ...publishing, entries: { ...content.entries, ...publishing.entries } };
}

/**
 * Workflows and reviews, comments, publishing and schedules, templates, blocks, brief links, preview
 * tokens and the delivery API (`sdk.cms.delivery`, usable with a publishable `pk_` key).
 */
function createPublishingClient(http: HttpClient) {
  const generic = resourceClients(http, {
    revisions: cmsResources.revisions,
    templates: cmsResources.templates,
    blocks: cmsResources.blocks,
    media: cmsResources.media,
    briefLinks: cmsResources.briefLinks,
  });
  const listWorkflows = (query?: Query<typeof ops.listWorkflows>, options?: RequestOptions) =>
    http.call(ops.listWorkflows, { query }, options);
  const listComments = (query?: Query<typeof ops.listComments>, options?: RequestOptions) =>
    http.call(ops.listComments, { query }, options);
  const listSchedules = (query?: Query<typeof ops.listSchedules>, options?: RequestOptions) =>
    http.call(ops.listSchedules, { query }, options);
  const listDelivered = (type: string, query?: Query<typeof ops.deliveryList>, options?: RequestOptions) =>
    http.call(ops.deliveryList, { params: { type }, query }, options);
  return {
    workflows: {
      list: listWorkflows,
      iterate: (query?: Omit<Query<typeof ops.listWorkflows>, 'cursor'>, options?: RequestOptions) =>
        pages((cursor) => listWorkflows({ ...query, cursor }, options)),
      get: (id: string, options?: RequestOptions) => http.call(ops.getWorkflow, { params: { id } }, options),
      /**
       * @example await sdk.cms.workflows.create({ name: 'Client approval', isDefault: true, stages: [
       *   { name: 'Editorial', status: 'IN_REVIEW', order: 1, assignTo: 'role:ADMIN' },
       *   { name: 'Client', status: 'IN_REVIEW', order: 2, assignTo: 'client' },
       * ] })
       */
      create: (body: Body<typeof ops.createWorkflow>, options?: RequestOptions) => http.call(ops.createWorkflow, { body }, options),
      update: (id: string, body: Body<typeof ops.updateWorkflow>, options?: RequestOptions) =>
        http.call(ops.updateWorkflow, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteWorkflow, { params: { id } }, options),
    },
    entries: {
      /** Opens the first review stage. @example const { revision } = await sdk.cms.entries.submit(entry.id, { note: 'Ready for legal' }) */
      submit: (id: string, body: Body<typeof ops.submitEntry> = {}, options?: RequestOptions) =>
        http.call(ops.submitEntry, { params: { id }, body }, options),
      /** The review history. @example const { data } = await sdk.cms.entries.revisions(entry.id) */
      revisions: (id: string, options?: RequestOptions) => http.call(ops.listEntryRevisions, { params: { id } }, options),
      /** Publishes now (or one locale). @example await sdk.cms.entries.publish(entry.id, { locale: 'fr' }) */
      publish: (id: string, body: Body<typeof ops.publishEntry> = {}, options?: RequestOptions) =>
        http.call(ops.publishEntry, { params: { id }, body }, options),
      unpublish: (id: string, body: Body<typeof ops.unpublishEntry> = {}, options?: RequestOptions) =>
        http.call(ops.unpublishEntry, { params: { id }, body }, options),
      /**
       * What blocks publishing (the entry, or one translation), what an edit does to the review state, and the action row.
       * @example const { ready, blockers, actions } = await sdk.cms.entries.readiness(entry.id, { locale: 'fr' })
       */
      readiness: (id: string, query?: Query<typeof ops.getEntryReadiness>, options?: RequestOptions) =>
        http.call(ops.getEntryReadiness, { params: { id }, query }, options),
      archive: (id: string, options?: RequestOptions) => http.call(ops.archiveEntry, { params: { id } }, options),
      unarchive: (id: string, options?: RequestOptions) => http.call(ops.unarchiveEntry, { params: { id } }, options),
      /** Briefs the entry is linked to. @example const { data } = await sdk.cms.entries.briefs(entry.id) */
      briefs: (id: string, options?: RequestOptions) => http.call(ops.entryBriefs, { params: { id } }, options),
    },
    revisions: {
      list: generic.revisions.list,
      iterate: generic.revisions.iterate,
      get: generic.revisions.get,
      /** @example await sdk.cms.revisions.approve(revision.id, { feedback: 'Looks good' }) */
      approve: (id: string, body: Body<typeof ops.approveRevision> = {}, options?: RequestOptions) =>
        http.call(ops.approveRevision, { params: { id }, body }, options),
      /** @example await sdk.cms.revisions.reject(revision.id, 'The headline overpromises') */
      reject: (id: string, feedback: string, options?: RequestOptions) =>
        http.call(ops.rejectRevision, { params: { id }, body: { feedback } }, options),
      requestChanges: (id: string, feedback: string, options?: RequestOptions) =>
        http.call(ops.requestChanges, { params: { id }, body: { feedback } }, options),
      skip: (id: string, body: Body<typeof ops.skipRevision> = {}, options?: RequestOptions) =>
        http.call(ops.skipRevision, { params: { id }, body }, options),
      /** A link the client reviews through without an account. @example const { url } = await sdk.cms.revisions.reviewLink(revision.id, {
       * expiresInHours: 48 }) */
      reviewLink: (id: string, body: Body<typeof ops.createReviewLink> = {}, options?: RequestOptions) =>
        http.call(ops.createReviewLink, { params: { id }, body }, options),
    },
    /** The public side of review links: no credentials needed, the token is the credential. */
    reviewLinks: {
      view: (token: string, options?: RequestOptions) => http.call(ops.viewReviewLink, { params: { token } }, options),
      /** @example await sdk.cms.reviewLinks.decide(token, { decision: 'approve', reviewerName: 'Dana (Acme)' }) */
      decide: (token: string, body: Body<typeof ops.decideReviewLink>, options?: RequestOptions) =>
        http.call(ops.decideReviewLink, { params: { token }, body }, options),
    },
    comments: {
      list: listComments,
      iterate: (query?: Omit<Query<typeof ops.listComments>, 'cursor'>, options?: RequestOptions) =>
        pages((cursor) => listComments({ ...query, cursor }, options)),
      get: (id: string, options?: RequestOptions) => http.call(ops.getComment, { params: { id } }, options),
      /** @example await sdk.cms.comments.create({ entryId, content: 'Shorter?', fieldName: 'title', selection: { from: 0, to: 12 } }) */
      create: (body: Body<typeof ops.createComment>, options?: RequestOptions) => http.call(ops.createComment, { body }, options),
      update: (id: string, body: Body<typeof ops.updateComment>, options?: RequestOptions) =>
        http.call(ops.updateComment, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteComment, { params: { id } }, options),
      resolve: (id: string, options?: RequestOptions) => http.call(ops.resolveComment, { params: { id } }, options),
      reopen: (id: string, options?: RequestOptions) => http.call(ops.reopenComment, { params: { id } }, options),
    },
    schedules: {
      list: listSchedules,
      iterate: (query?: Omit<Query<typeof ops.listSchedules>, 'cursor'>, options?: RequestOptions) =>
        pages((cursor) => listSchedules({ ...query, cursor }, options)),
      get: (id: string, options?: RequestOptions) => http.call(ops.getSchedule, { params: { id } }, options),
      /** @example await sdk.cms.schedules.create({ entryId, action: 'PUBLISH', scheduledFor: '2025-06-01T09:00:00Z' }) */
      create: (body: Body<typeof ops.createSchedule>, options?: RequestOptions) => http.call(ops.createSchedule, { body }, options),
      /** Moves a pending schedule. @example await sdk.cms.schedules.reschedule(schedule.id, '2025-06-02T09:00:00Z') */
      reschedule: (id: string, scheduledFor: string, options?: RequestOptions) =>
        http.call(ops.updateSchedule, { params: { id }, body: { scheduledFor } }, options),
      cancel: (id: string, options?: RequestOptions) => http.call(ops.cancelSchedule, { params: { id } }, options),
    },
    templates: {
      list: generic.templates.list,
      iterate: generic.templates.iterate,
      get: generic.templates.get,
      delete: generic.templates.delete,
      /** @example await sdk.cms.templates.create({ name: 'Landing', slug: 'landing', contentTypeId, structure: { sections: [{ type:
       * 'hero', fields: ['title'] }] } }) */
      create: (body: Body<typeof ops.createTemplate>, options?: RequestOptions) => http.call(ops.createTemplate, { body }, options),
      update: (id: string, body: Body<typeof ops.updateTemplate>, options?: RequestOptions) =>
        http.call(ops.updateTemplate, { params: { id }, body }, options),
    },
    blocks: {
      list: generic.blocks.list,
      iterate: generic.blocks.iterate,
      get: generic.blocks.get,
      /** @example await sdk.cms.blocks.create({ name: 'Newsletter CTA', slug: 'newsletter-cta', blockType: 'cta', data: { label:
       * 'Subscribe' }, isGlobal: true }) */
      create: (body: Body<typeof ops.createBlock>, options?: RequestOptions) => http.call(ops.createBlock, { body }, options),
      update: (id: string, body: Body<typeof ops.updateBlock>, options?: RequestOptions) =>
        http.call(ops.updateBlock, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteBlock, { params: { id } }, options),
    },
    /** Read-only: rows follow the entries' media fields. */
    media: { list: generic.media.list, iterate: generic.media.iterate, get: generic.media.get },
    briefLinks: {
      list: generic.briefLinks.list,
      iterate: generic.briefLinks.iterate,
      get: generic.briefLinks.get,
      delete: generic.briefLinks.delete,
      /** @example await sdk.cms.briefLinks.create({ briefId, contentEntryId: entry.id, linkType: 'deliverable' }) */
      create: (body: Body<typeof ops.createBriefLink>, options?: RequestOptions) => http.call(ops.createBriefLink, { body }, options),
      update: (id: string, body: Body<typeof ops.updateBriefLink>, options?: RequestOptions) =>
        http.call(ops.updateBriefLink, { params: { id }, body }, options),
      /** Entries linked to a brief. @example const { data } = await sdk.cms.briefLinks.forBrief(brief.id) */
      forBrief: (briefId: string, options?: RequestOptions) => http.call(ops.briefContent, { params: { id: briefId } }, options),
    },
    previewTokens: {
      /** @example const { token } = await sdk.cms.previewTokens.create({ entryId }); await sdk.cms.delivery.get('blog-post', entry.slug, {
       * preview: token }) */
      create: (body: Body<typeof ops.createPreviewToken>, options?: RequestOptions) => http.call(ops.createPreviewToken, { body }, options),
    },
    /** Published content for public sites; works with a publishable (`pk_`) key. */
    delivery: {
      /** @example const { data, nextCursor } = await sdk.cms.delivery.list('blog-post', { locale: 'fr', tag: 'launch', limit: 10 }) */
      list: listDelivered,
      iterate: (type: string, query?: Omit<Query<typeof ops.deliveryList>, 'cursor'>, options?: RequestOptions) =>
        pages((cursor) => listDelivered(type, { ...query, cursor }, options)),
      /** @example const post = await sdk.cms.delivery.get('blog-post', 'hello-world', { locale: 'fr' }) // post.locale: what was served */
      get: (type: string, slug: string, query?: Query<typeof ops.deliveryGet>, options?: RequestOptions) =>
        http.call(ops.deliveryGet, { params: { type, slug }, query }, options),
    },
    /**
     * Publish webhook endpoints (OWNER and ADMIN): every publish and unpublish is POSTed to them, signed with
     * the endpoint's write-only secret; check deliveries with `verifyWebhook` from `@spokestack/core`.
     * @example await sdk.cms.webhooks.create({ url: 'https://build.example.com/hooks/cms', secret: process.env.HOOK_SECRET! })
     */
    webhooks: {
      list: (query?: Query<typeof ops.listWebhooks>, options?: RequestOptions) => http.call(ops.listWebhooks, { query }, options),
      get: (id: string, options?: RequestOptions) => http.call(ops.getWebhook, { params: { id } }, options),
      create: (body: Body<typeof ops.createWebhook>, options?: RequestOptions) => http.call(ops.createWebhook, { body }, options),
      update: (id: string, body: Body<typeof ops.updateWebhook>, options?: RequestOptions) =>
        http.call(ops.updateWebhook, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteWebhook, { params: { id } }, options),
      /** @example const { data } = await sdk.cms.webhooks.deliveries(endpoint.id) // data[0].status, data[0].lastError */
      deliveries: (id: string, options?: RequestOptions) => http.call(ops.listWebhookDeliveries, { params: { id } }, options),
      /** @example const { deliveryId } = await sdk.cms.webhooks.test(endpoint.id) // then find it in deliveries(endpoint.id) */
      test: (id: string, options?: RequestOptions) => http.call(ops.testWebhook, { params: { id } }, options),
    },
  };
}

/** A workflow as the SDK returns it. */
export type CmsWorkflow = OperationOutput<typeof ops.getWorkflow>;
/** An entry as the delivery API serves it. */
export type CmsDeliveredEntry = OperationOutput<typeof ops.deliveryGet>;
