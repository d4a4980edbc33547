import type { z } from 'zod';
import type { HttpClient, RequestOptions } from '../shared/http.js';
import type { Operation, OperationOutput } from '../shared/operation.js';
import type { Page } from '../shared/pagination.js';
import { type ResourceClients, resourceClients } from '../shared/resource-client.js';
import { crmOps as ops } from './operations.js';
import { crmResources } from './rows.gen.js';

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

/** Contacts, saved filters and custom field definitions. */
function createContactClient(http: HttpClient, generic: ResourceClients<typeof crmResources>) {
  const listContacts = (query?: Query<typeof ops.listContacts>, options?: RequestOptions) =>
    http.call(ops.listContacts, { query }, options);
  const listSavedFilters = (query?: Query<typeof ops.listSavedFilters>, options?: RequestOptions) =>
    http.call(ops.listSavedFilters, { query }, options);
  return {
    contacts: {
      /** @example const { data } = await sdk.crm.contacts.list({ q: 'acme', tags: ['vip'] }) // or { filterId: saved.id } */
      list: listContacts,
      iterate: (query?: Omit<Query<typeof ops.listContacts>, 'cursor'>, options?: RequestOptions) =>
        pages((cursor) => listContacts({ ...query, cursor }, options)),
      get: (id: string, options?: RequestOptions) => http.call(ops.getContact, { params: { id } }, options),
      /**
       * Email is stored lower-case and unique per organization (409 on a clash); phones become E.164.
       * @example await sdk.crm.contacts.create({ firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Example.com', phone: '020 7946 0958', country: 'GB' })
       */
      create: (body: Body<typeof ops.createContact>, options?: RequestOptions) => http.call(ops.createContact, { body }, options),
      /** @example await sdk.crm.contacts.update(id, { customFields: { industry: 'Retail' }, marketingConsent: true, marketingConsentSource: 'webinar form' }) */
      update: (id: string, body: Body<typeof ops.updateContact>, options?: RequestOptions) =>
        http.call(ops.updateContact, { params: { id }, body }, options),
      delete: generic.contacts.delete,
    },
    savedFilters: {
      list: listSavedFilters,
      iterate: (query?: Omit<Query<typeof ops.listSavedFilters>, 'cursor'>, options?: RequestOptions) =>
        pages((cursor) => listSavedFilters({ ...query, cursor }, options)),
      get: (id: string, options?: RequestOptions) => http.call(ops.getSavedFilter, { params: { id } }, options),
      /** @example await sdk.crm.savedFilters.create({ name: 'Hot leads', filters: { minLeadScore: 50, status: 'ACTIVE' }, isShared: true }) */
      create: (body: Body<typeof ops.createSavedFilter>, options?: RequestOptions) => http.call(ops.createSavedFilter, { body }, options),
      update: (id: string, body: Body<typeof ops.updateSavedFilter>, options?: RequestOptions) =>
        http.call(ops.updateSavedFilter, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteSavedFilter, { params: { id } }, options),
    },
    customFields: {
      list: generic.customFields.list,
      iterate: generic.customFields.iterate,
      get: generic.customFields.get,
      delete: generic.customFields.delete,
      /** @example await sdk.crm.customFields.create({ key: 'industry', label: 'Industry', fieldType: 'select', options: ['Retail', 'SaaS'] }) */
      create: (body: Body<typeof ops.createCustomField>, options?: RequestOptions) => http.call(ops.createCustomField, { body }, options),
      update: (id: string, body: Body<typeof ops.updateCustomField>, options?: RequestOptions) =>
        http.call(ops.updateCustomField, { params: { id }, body }, options),
    },
  };
}

type Rules = ReturnType<typeof createContactClient>;
/** `sdk.crm`, named so that declarations refer to it rather than spelling out every resource client. */
export type CrmClient = Omit<ResourceClients<typeof crmResources>, keyof Rules> & Rules;

/** `sdk.crm`: a typed client per CRM resource, with the CRM rules' operations over the generic CRUD. */
export function createCrmClient(http: HttpClient): CrmClient {
  const generic = resourceClients(http, crmResources);
  return { ...generic, ...createContactClient(http, generic) };
}

/** A contact as the SDK returns it. */
export type CrmContact = OperationOutput<typeof ops.getContact>;
