import { contactOps as ops } from '@spokestack/core/crm';
import type { Db } from '../db/client.js';
import type { Router } from '../http/router.js';
import {
  contactService,
  createContact,
  createCustomField,
  createSavedFilter,
  deleteSavedFilter,
  getSavedFilter,
  listContacts,
  listSavedFilters,
  updateContact,
  updateCustomField,
  updateSavedFilter,
} from './contacts.js';
import { eraseContact, exportContact } from './gdpr.js';
import { findDuplicates, mergeContacts } from './merge.js';

/**
 * Contacts: search, GDPR export and erasure, merge and duplicates, saved filters, custom field definitions.
 *
 * @example contactRoutes(router, db)
 */
export function contactRoutes(router: Router, db: Db): void {
  router.on(ops.listContacts, ({ ctx, query }) => listContacts(db, ctx, query));
  router.on(ops.getContact, ({ ctx, params }) => contactService.get(db, ctx, params.id));
  router.on(ops.createContact, ({ ctx, body }) => createContact(db, ctx, body));
  router.on(ops.updateContact, ({ ctx, params, body }) => updateContact(db, ctx, params.id, body));
  router.on(ops.exportContact, ({ ctx, params }) => exportContact(db, ctx, params.id));
  router.on(ops.eraseContact, ({ ctx, params }) => eraseContact(db, ctx, params.id));
  router.on(ops.mergeContacts, ({ ctx, params, body }) => mergeContacts(db, ctx, params.id, body));
  router.on(ops.listDuplicates, ({ ctx, query }) => findDuplicates(db, ctx, query));
  router.on(ops.listSavedFilters, ({ ctx, query }) => listSavedFilters(db, ctx, query));
  router.on(ops.getSavedFilter, ({ ctx, params }) => getSavedFilter(db, ctx, params.id));
  router.on(ops.createSavedFilter, ({ ctx, body }) => createSavedFilter(db, ctx, body));
  router.on(ops.updateSavedFilter, ({ ctx, params, body }) => updateSavedFilter(db, ctx, params.id, body));
  router.on(ops.deleteSavedFilter, ({ ctx, params }) => deleteSavedFilter(db, ctx, params.id));
  router.on(ops.createCustomField, ({ ctx, body }) => createCustomField(db, ctx, body));
  router.on(ops.updateCustomField, ({ ctx, params, body }) => updateCustomField(db, ctx, params.id, body));
}
