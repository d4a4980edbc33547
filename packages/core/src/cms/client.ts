import type { z } from 'zod';
import type { HttpClient, RequestOptions } from '../shared/http.js';
import type { Operation, OperationOutput } from '../shared/operation.js';
import type { Page } from '../shared/pagination.js';
import { resourceClients } from '../shared/resource-client.js';
import { cmsContentOps as ops } from './contracts.js';
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
      /** @example await sdk.cms.contentTypes.create({ name: 'Blog Post', schema: { fields: [{ name: 'title', type: 'text', required: true }] } }) */
      create: (body: Body<typeof ops.createContentType>, options?: RequestOptions) => http.call(ops.createContentType, { body }, options),
      /**
       * Updates a type; a breaking schema change throws 409 (`error.extensions.affectedEntries`, `reasons`)
       * unless `migration` says how to carry entries over.
       * @example await sdk.cms.contentTypes.update(id, { schema, migration: { defaults: { summary: 'TBD' } } })
       */
      update: (id: string, body: Body<typeof ops.updateContentType>, options?: RequestOptions) => http.call(ops.updateContentType, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteContentType, { params: { id } }, options),
      /** Dry run of a schema change. @example const { affectedEntries } = await sdk.cms.contentTypes.checkSchema(id, { schema }) */
      checkSchema: (id: string, body: Body<typeof ops.checkSchema>, options?: RequestOptions) => http.call(ops.checkSchema, { params: { id }, body }, options),
      /** @example const report = await sdk.cms.contentTypes.missingTranslations(id, { locale: 'fr' }) */
      missingTranslations: (id: string, query?: Query<typeof ops.missingTranslations>, options?: RequestOptions) => http.call(ops.missingTranslations, { params: { id }, query }, options),
    },
    entries: {
      /** @example const { data } = await sdk.cms.entries.list({ type: 'blog-post', q: 'launch' }) // data[0].highlight */
      list: listEntries,
      iterate: (query?: Omit<Query<typeof ops.listEntries>, 'cursor'>, options?: RequestOptions) => pages((cursor) => listEntries({ ...query, cursor }, options)),
      get: (id: string, options?: RequestOptions) => http.call(ops.getEntry, { params: { id } }, options),
      /** @example await sdk.cms.entries.create({ contentTypeId, data: { title: 'Hello' }, tagIds: [tag.id] }) */
      create: (body: Body<typeof ops.createEntry>, options?: RequestOptions) => http.call(ops.createEntry, { body }, options),
      /**
       * Saves a draft. Pass the `version` you edited: if someone saved since, it throws 409 and nothing is lost.
       * @example await sdk.cms.entries.update(entry.id, { data: { title: 'New' }, version: entry.version })
       */
      update: (id: string, body: Body<typeof ops.updateEntry>, options?: RequestOptions) => http.call(ops.updateEntry, { params: { id }, body }, options),
      delete: (id: string, query?: Query<typeof ops.deleteEntry>, options?: RequestOptions) => http.call(ops.deleteEntry, { params: { id }, query }, options),
      versions: {
        list: (id: string, query?: Query<typeof ops.listVersions>, options?: RequestOptions) => http.call(ops.listVersions, { params: { id }, query }, options),
        get: (id: string, number: number, options?: RequestOptions) => http.call(ops.getVersion, { params: { id, number } }, options),
        /** @example const { changes } = await sdk.cms.entries.versions.diff(entry.id, 1, 3) */
        diff: (id: string, from: number, to: number, options?: RequestOptions) => http.call(ops.diffVersions, { params: { id }, query: { from, to } }, options),
        /** Restores a version into the draft as a new version; never publishes. @example await sdk.cms.entries.versions.restore(entry.id, 2) */
        restore: (id: string, number: number, body: Body<typeof ops.restoreVersion> = {}, options?: RequestOptions) => http.call(ops.restoreVersion, { params: { id, number }, body }, options),
      },
      translations: {
        list: (id: string, options?: RequestOptions) => http.call(ops.listTranslations, { params: { id } }, options),
        get: (id: string, locale: string, options?: RequestOptions) => http.call(ops.getTranslation, { params: { id, locale } }, options),
        /** Creates or replaces a translation. @example await sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Bonjour' }, status: 'REVIEW' }) */
        put: (id: string, locale: string, body: Body<typeof ops.putTranslation>, options?: RequestOptions) => http.call(ops.putTranslation, { params: { id, locale }, body }, options),
        delete: (id: string, locale: string, options?: RequestOptions) => http.call(ops.deleteTranslation, { params: { id, locale } }, options),
      },
    },
    localizations: {
      ...resourceClients(http, { localizations: cmsResources.localizations }).localizations,
      create: (body: Body<typeof ops.createLocalization>, options?: RequestOptions) => http.call(ops.createLocalization, { body }, options),
      update: (id: string, body: Body<typeof ops.updateLocalization>, options?: RequestOptions) => http.call(ops.updateLocalization, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteLocalization, { params: { id } }, options),
    },
    tags: {
      list: (query?: Query<typeof ops.listTags>, options?: RequestOptions) => http.call(ops.listTags, { query }, options),
      iterate: (query?: Omit<Query<typeof ops.listTags>, 'cursor'>, options?: RequestOptions) => pages((cursor) => http.call(ops.listTags, { query: { ...query, cursor } }, options)),
      get: (id: string, options?: RequestOptions) => http.call(ops.getTag, { params: { id } }, options),
      /** @example await sdk.cms.tags.create({ name: 'Product Launch' }) // slug 'product-launch' */
      create: (body: Body<typeof ops.createTag>, options?: RequestOptions) => http.call(ops.createTag, { body }, options),
      update: (id: string, body: Body<typeof ops.updateTag>, options?: RequestOptions) => http.call(ops.updateTag, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteTag, { params: { id } }, options),
    },
    categories: {
      /** `sort: 'path'` (the default) lists the tree in order; `under` lists a subtree. */
      list: (query?: Query<typeof ops.listCategories>, options?: RequestOptions) => http.call(ops.listCategories, { query }, options),
      iterate: (query?: Omit<Query<typeof ops.listCategories>, 'cursor'>, options?: RequestOptions) => pages((cursor) => http.call(ops.listCategories, { query: { ...query, cursor } }, options)),
      get: (idOrSlug: string, options?: RequestOptions) => http.call(ops.getCategory, { params: { id: idOrSlug } }, options),
      /** @example await sdk.cms.categories.create({ name: 'Social', parentId: marketing.id }) // path '/marketing/social' */
      create: (body: Body<typeof ops.createCategory>, options?: RequestOptions) => http.call(ops.createCategory, { body }, options),
      /** Renames (slug) or moves (parentId) a category with its subtree. */
      update: (id: string, body: Body<typeof ops.updateCategory>, options?: RequestOptions) => http.call(ops.updateCategory, { params: { id }, body }, options),
      delete: (id: string, query?: Query<typeof ops.deleteCategory>, options?: RequestOptions) => http.call(ops.deleteCategory, { params: { id }, query }, options),
    },
  };
}

/** An entry as the SDK returns it. */
export type CmsEntry = OperationOutput<typeof ops.getEntry>;

/** `sdk.cms`: a typed client per cms resource, with the CMS rules' operations over the generic CRUD. */
export function createCmsClient(http: HttpClient) {
  return { ...resourceClients(http, cmsResources), ...createContentClient(http) };
}
