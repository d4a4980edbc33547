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
       * @example
       * await sdk.crm.contacts.create({
       *   firstName: 'Ada', lastName: 'Lovelace', email: 'Ada@Example.com', phone: '020 7946 0958', country: 'GB',
       * })
       */
      create: (body: Body<typeof ops.createContact>, options?: RequestOptions) => http.call(ops.createContact, { body }, options),
      /**
       * @example
       * await sdk.crm.contacts.update(id, {
       *   customFields: { industry: 'Retail' }, marketingConsent: true, marketingConsentSource: 'webinar form',
       * })
       */
      update: (id: string, body: Body<typeof ops.updateContact>, options?: RequestOptions) =>
        http.call(ops.updateContact, { params: { id }, body }, options),
      delete: generic.contacts.delete,
      /**
       * Everything held on a contact, for a GDPR access request (OWNER/ADMIN).
       * @example const { contact, related } = await sdk.crm.contacts.export(id) // related.contact_notes, related.deal_contacts, …
       */
      export: (id: string, options?: RequestOptions) => http.call(ops.exportContact, { params: { id } }, options),
      /**
       * Erases a contact's personal data (GDPR); its deals and anonymised history stay, its address stays suppressed (OWNER/ADMIN).
       * @example const { tables } = await sdk.crm.contacts.erase(id)
       */
      erase: (id: string, options?: RequestOptions) => http.call(ops.eraseContact, { params: { id } }, options),
      /**
       * Merges duplicates into a survivor: their timeline, notes, deals, tasks and memberships move to it.
       * @example await sdk.crm.contacts.merge(survivor.id, { duplicateIds: [dup.id], fields: { email: dup.id } })
       */
      merge: (id: string, body: Body<typeof ops.mergeContacts>, options?: RequestOptions) =>
        http.call(ops.mergeContacts, { params: { id }, body }, options),
      /**
       * Groups of contacts sharing an email (ignoring +tags) or a phone number.
       * @example const { data } = await sdk.crm.contacts.duplicates() // [{ matchedOn: 'phone', value: '+44…', contacts: [a, b] }]
       */
      duplicates: (query?: Query<typeof ops.listDuplicates>, options?: RequestOptions) => http.call(ops.listDuplicates, { query }, options),
    },
    savedFilters: {
      list: listSavedFilters,
      iterate: (query?: Omit<Query<typeof ops.listSavedFilters>, 'cursor'>, options?: RequestOptions) =>
        pages((cursor) => listSavedFilters({ ...query, cursor }, options)),
      get: (id: string, options?: RequestOptions) => http.call(ops.getSavedFilter, { params: { id } }, options),
      /**
       * @example
       * await sdk.crm.savedFilters.create({ name: 'Hot leads', filters: { minLeadScore: 50, status: 'ACTIVE' }, isShared: true })
       */
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
      /**
       * @example
       * await sdk.crm.customFields.create({ key: 'industry', label: 'Industry', fieldType: 'select', options: ['Retail', 'SaaS'] })
       */
      create: (body: Body<typeof ops.createCustomField>, options?: RequestOptions) => http.call(ops.createCustomField, { body }, options),
      update: (id: string, body: Body<typeof ops.updateCustomField>, options?: RequestOptions) =>
        http.call(ops.updateCustomField, { params: { id }, body }, options),
    },
  };
}

/** Pipelines and deals: moves, reopen, history, the board, the forecast, deal contacts, activities and competitors. */
function createDealClient(http: HttpClient, generic: ResourceClients<typeof crmResources>) {
  return {
    pipelines: {
      list: generic.pipelines.list,
      iterate: generic.pipelines.iterate,
      get: generic.pipelines.get,
      delete: generic.pipelines.delete,
      /**
       * @example
       * await sdk.crm.pipelines.create({ name: 'New business', stages: [{ id: 'lead', name: 'Lead', order: 0, probability: 10 }, …] })
       */
      create: (body: Body<typeof ops.createPipeline>, options?: RequestOptions) => http.call(ops.createPipeline, { body }, options),
      /**
       * Removing a stage that holds deals throws 409 (`error.extensions.stagesWithDeals`) unless `moveDeals` says where they go.
       * @example await sdk.crm.pipelines.update(id, { stages, moveDeals: { demo: 'proposal' } })
       */
      update: (id: string, body: Body<typeof ops.updatePipeline>, options?: RequestOptions) =>
        http.call(ops.updatePipeline, { params: { id }, body }, options),
      /** @example const { stages } = await sdk.crm.pipelines.board(id, { closeMonth: '2025-06' }) // stages[0].weighted */
      board: (id: string, query?: Query<typeof ops.getBoard>, options?: RequestOptions) =>
        http.call(ops.getBoard, { params: { id }, query }, options),
    },
    deals: {
      list: generic.deals.list,
      iterate: generic.deals.iterate,
      get: generic.deals.get,
      delete: generic.deals.delete,
      /** @example await sdk.crm.deals.create({ pipelineId, name: 'Acme rebrand', amount: '25000.00', currency: 'EUR' }) */
      create: (body: Body<typeof ops.createDeal>, options?: RequestOptions) => http.call(ops.createDeal, { body }, options),
      update: (id: string, body: Body<typeof ops.updateDeal>, options?: RequestOptions) =>
        http.call(ops.updateDeal, { params: { id }, body }, options),
      /**
       * Throws 409 when the deal left `fromStageId` meanwhile (someone else moved it): reload and retry.
       * @example await sdk.crm.deals.move(deal.id, { fromStageId: 'proposal', stageId: 'lost', lostReason: 'Budget cut' })
       */
      move: (id: string, body: Body<typeof ops.moveDeal>, options?: RequestOptions) =>
        http.call(ops.moveDeal, { params: { id }, body }, options),
      /** @example await sdk.crm.deals.reopen(deal.id) */
      reopen: (id: string, body: Body<typeof ops.reopenDeal> = {}, options?: RequestOptions) =>
        http.call(ops.reopenDeal, { params: { id }, body }, options),
      /** @example const { data } = await sdk.crm.deals.history(deal.id) // data[1].daysInStage */
      history: (id: string, query?: Query<typeof ops.listDealHistory>, options?: RequestOptions) =>
        http.call(ops.listDealHistory, { params: { id }, query }, options),
    },
    /** @example const { rows, total } = await sdk.crm.forecast({ from: '2025-01', to: '2025-06' }) */
    forecast: (query?: Query<typeof ops.getForecast>, options?: RequestOptions) => http.call(ops.getForecast, { query }, options),
    companies: {
      /**
       * A company (a client) with its contacts, deals and their total in the organization's currency.
       * @example const { contacts, deals, total } = await sdk.crm.companies.summary(client.id) // total.amount === '12500.00'
       */
      summary: (id: string, options?: RequestOptions) => http.call(ops.companySummary, { params: { id } }, options),
    },
    dealContacts: {
      list: generic.dealContacts.list,
      iterate: generic.dealContacts.iterate,
      get: generic.dealContacts.get,
      /** @example await sdk.crm.dealContacts.create({ dealId, contactId, role: 'DECISION_MAKER', isPrimary: true }) */
      create: (body: Body<typeof ops.createDealContact>, options?: RequestOptions) => http.call(ops.createDealContact, { body }, options),
      update: (id: string, body: Body<typeof ops.updateDealContact>, options?: RequestOptions) =>
        http.call(ops.updateDealContact, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteDealContact, { params: { id } }, options),
    },
    /** Read-only but for the manual kinds you log: the rules write the rest. */
    dealActivities: {
      list: generic.dealActivities.list,
      iterate: generic.dealActivities.iterate,
      get: generic.dealActivities.get,
      /** @example await sdk.crm.dealActivities.create({ dealId, activityType: 'PROPOSAL_SENT', subject: 'Proposal v2' }) */
      create: (body: Body<typeof ops.createDealActivity>, options?: RequestOptions) => http.call(ops.createDealActivity, { body }, options),
    },
    /** Read-only: moves write it. */
    dealStageHistory: { list: generic.dealStageHistory.list, iterate: generic.dealStageHistory.iterate, get: generic.dealStageHistory.get },
    /** Lines of a deal: totals and the deal amount are computed by the server. */
    dealProducts: {
      list: generic.dealProducts.list,
      iterate: generic.dealProducts.iterate,
      get: generic.dealProducts.get,
      /** @example await sdk.crm.dealProducts.create({ dealId, productId, quantity: '3', discount: '10' }) // total '…' */
      create: (body: Body<typeof ops.createDealLine>, options?: RequestOptions) => http.call(ops.createDealLine, { body }, options),
      update: (id: string, body: Body<typeof ops.updateDealLine>, options?: RequestOptions) =>
        http.call(ops.updateDealLine, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteDealLine, { params: { id } }, options),
    },
    dealCompetitors: {
      list: generic.dealCompetitors.list,
      iterate: generic.dealCompetitors.iterate,
      get: generic.dealCompetitors.get,
      delete: generic.dealCompetitors.delete,
      /** @example await sdk.crm.dealCompetitors.create({ dealId, competitorId, status: 'ACTIVE', pricing: '20% below us' }) */
      create: (body: Body<typeof ops.createDealCompetitor>, options?: RequestOptions) =>
        http.call(ops.createDealCompetitor, { body }, options),
      update: (id: string, body: Body<typeof ops.updateDealCompetitor>, options?: RequestOptions) =>
        http.call(ops.updateDealCompetitor, { params: { id }, body }, options),
    },
  };
}

/** Timelines, notes and hand-logged activities. */
function createTimelineClient(http: HttpClient, generic: ResourceClients<typeof crmResources>) {
  return {
    timelines: {
      /**
       * Pinned notes first, then newest first.
       * @example
       * const { data } = await sdk.crm.timelines.contact(contact.id) // data[0].kind === 'note'
       */
      contact: (id: string, query?: Query<typeof ops.contactTimeline>, options?: RequestOptions) =>
        http.call(ops.contactTimeline, { params: { id }, query }, options),
      /** Every contact of a company (a client). @example await sdk.crm.timelines.company(client.id, { limit: 20 }) */
      company: (id: string, query?: Query<typeof ops.companyTimeline>, options?: RequestOptions) =>
        http.call(ops.companyTimeline, { params: { id }, query }, options),
    },
    /** Read-only but for calls, meetings and emails logged by hand: the rules write the rest. */
    contactActivities: {
      list: generic.contactActivities.list,
      iterate: generic.contactActivities.iterate,
      get: generic.contactActivities.get,
      /**
       * @example
       * await sdk.crm.contactActivities.create({ contactId, activityType: 'CALL_OUTBOUND', subject: 'Intro call', duration: 20 })
       */
      create: (body: Body<typeof ops.logContactActivity>, options?: RequestOptions) => http.call(ops.logContactActivity, { body }, options),
    },
    contactNotes: {
      list: generic.contactNotes.list,
      iterate: generic.contactNotes.iterate,
      get: generic.contactNotes.get,
      /** @example await sdk.crm.contactNotes.create({ contactId, content: 'Prefers calls after 4pm', isPinned: true }) */
      create: (body: Body<typeof ops.createNote>, options?: RequestOptions) => http.call(ops.createNote, { body }, options),
      /** Its author or an OWNER/ADMIN. @example await sdk.crm.contactNotes.update(note.id, { isPinned: false }) */
      update: (id: string, body: Body<typeof ops.updateNote>, options?: RequestOptions) =>
        http.call(ops.updateNote, { params: { id }, body }, options),
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteNote, { params: { id } }, options),
    },
  };
}

/** CSV imports of contacts, run in the background. */
function createImportClient(http: HttpClient, generic: ResourceClients<typeof crmResources>) {
  return {
    contactImports: {
      /**
       * Starts an import of an uploaded CSV (201, QUEUED); poll `get` for progress and per-row errors. `dryRun: true`
       * checks and counts every line and writes no contact.
       * @example
       * const file = await sdk.platform.files.upload(new Blob([csv], { type: 'text/csv' }), { name: 'leads.csv' })
       * const mapping = { Email: 'email', First: 'firstName', Last: 'lastName' } as const
       * const started = await sdk.crm.contactImports.create({ fileId: file.id, mapping })
       */
      create: (body: Body<typeof ops.createContactImport>, options?: RequestOptions) =>
        http.call(ops.createContactImport, { body }, options),
      /** Progress: `status`, `processedBytes` of `totalBytes`, the counters and `errors` (line, column, field, message). */
      get: (id: string, options?: RequestOptions) =>
        generic.contactImports.get(id, options) as Promise<OperationOutput<typeof ops.createContactImport>>,
      list: generic.contactImports.list,
      iterate: generic.contactImports.iterate,
      /**
       * The refused lines as CSV text (`line,column,field,message`), for a download link.
       * @example const csv = await sdk.crm.contactImports.errorsCsv(started.id) // 'line,column,field,message\n3,Last,lastName,…'
       */
      errorsCsv: async (id: string, options?: RequestOptions) =>
        (await http.download('GET', ops.contactImportErrorsCsv.path.replace(':id', encodeURIComponent(id)), options)).text(),
    },
  };
}

/** Lead scoring rules and explained scores. */
function createScoringClient(http: HttpClient, generic: ResourceClients<typeof crmResources>) {
  return {
    leadScoringRules: {
      list: generic.leadScoringRules.list,
      iterate: generic.leadScoringRules.iterate,
      get: generic.leadScoringRules.get,
      /** Every contact is rescored without it. @example await sdk.crm.leadScoringRules.delete(rule.id) */
      delete: (id: string, options?: RequestOptions) => http.call(ops.deleteScoringRule, { params: { id } }, options),
      /**
       * @example
       * await sdk.crm.leadScoringRules.create({ name: 'VIP', condition: { kind: 'tag', tag: 'vip' }, scoreChange: 20, category: 'fit' })
       */
      create: (body: Body<typeof ops.createScoringRule>, options?: RequestOptions) => http.call(ops.createScoringRule, { body }, options),
      update: (id: string, body: Body<typeof ops.updateScoringRule>, options?: RequestOptions) =>
        http.call(ops.updateScoringRule, { params: { id }, body }, options),
    },
    scores: {
      /**
       * Which rules make a contact's score, with each one's points.
       * @example const { leadScore, rules } = await sdk.crm.scores.explain(id)
       */
      explain: (id: string, options?: RequestOptions) => http.call(ops.explainScore, { params: { id } }, options),
      /** Recomputes and stores the scores now. @example await sdk.crm.scores.recompute(id) */
      recompute: (id: string, options?: RequestOptions) => http.call(ops.rescoreContact, { params: { id } }, options),
    },
  };
}

/** Tasks with reminders, recurrence and "my open tasks". */
function createTaskClient(http: HttpClient, generic: ResourceClients<typeof crmResources>) {
  return {
    tasks: {
      ...generic.tasks,
      /**
       * @example
       * await sdk.crm.tasks.create({
       *   title: 'Send proposal', dueDate: '2025-03-05T09:00:00Z', reminderAt: '2025-03-05T08:00:00Z', recurrence: 'WEEKLY',
       * })
       */
      create: (body: Body<typeof ops.createTask>, options?: RequestOptions) => http.call(ops.createTask, { body }, options),
      /** @example const { task, next } = await sdk.crm.tasks.complete(task.id) */
      complete: (id: string, options?: RequestOptions) => http.call(ops.completeTask, { params: { id } }, options),
      /** @example await sdk.crm.tasks.defer(task.id, { dueDate: '2025-03-10T09:00:00Z' }) */
      defer: (id: string, body: Body<typeof ops.deferTask>, options?: RequestOptions) =>
        http.call(ops.deferTask, { params: { id }, body }, options),
      /** @example await sdk.crm.tasks.reassign(task.id, { assignedToId: colleague.id }) */
      reassign: (id: string, body: Body<typeof ops.reassignTask>, options?: RequestOptions) =>
        http.call(ops.reassignTask, { params: { id }, body }, options),
      /** @example const { data } = await sdk.crm.tasks.mine() */
      mine: (query?: Query<typeof ops.myOpenTasks>, options?: RequestOptions) => http.call(ops.myOpenTasks, { query }, options),
    },
  };
}

/** Static, dynamic (segment) and suppression lists. */
function createListClient(http: HttpClient, generic: ResourceClients<typeof crmResources>) {
  const list = (query?: Query<typeof ops.listContactLists>, options?: RequestOptions) =>
    http.call(ops.listContactLists, { query }, options);
  return {
    contactLists: {
      /** `memberCount` is exact, counted when read. @example const { data } = await sdk.crm.contactLists.list({ listType: 'DYNAMIC' }) */
      list,
      iterate: (query?: Omit<Query<typeof ops.listContactLists>, 'cursor'>, options?: RequestOptions) =>
        pages((cursor) => list({ ...query, cursor }, options)),
      get: (id: string, options?: RequestOptions) => http.call(ops.getContactList, { params: { id } }, options),
      delete: generic.contactLists.delete,
      /**
       * @example
       * await sdk.crm.contactLists.create({
       *   name: 'Engaged VIPs', listType: 'DYNAMIC',
       *   segmentRules: { kind: 'group', match: 'all', rules: [
       *     { kind: 'tag', op: 'has', tag: 'vip' },
       *     { kind: 'group', match: 'any', rules: [
       *       { kind: 'email', interaction: 'OPENED', withinDays: 30 },
       *       { kind: 'score', score: 'leadScore', op: 'gte', value: 50 },
       *     ] },
       *   ] },
       * })
       */
      create: (body: Body<typeof ops.createContactList>, options?: RequestOptions) => http.call(ops.createContactList, { body }, options),
      update: (id: string, body: Body<typeof ops.updateContactList>, options?: RequestOptions) =>
        http.call(ops.updateContactList, { params: { id }, body }, options),
      /** @example const { data } = await sdk.crm.contactLists.members(list.id) */
      members: (id: string, query?: Query<typeof ops.listMembers>, options?: RequestOptions) =>
        http.call(ops.listMembers, { params: { id }, query }, options),
      /** Static and suppression lists only. @example await sdk.crm.contactLists.addMembers(list.id, [ada.id]) // { changed: 1, … } */
      addMembers: (id: string, contactIds: string[], options?: RequestOptions) =>
        http.call(ops.addMembers, { params: { id }, body: { contactIds } }, options),
      /** @example await sdk.crm.contactLists.removeMembers(list.id, [ada.id]) */
      removeMembers: (id: string, contactIds: string[], options?: RequestOptions) =>
        http.call(ops.removeMembers, { params: { id }, body: { contactIds } }, options),
      /** @example const { count, sample } = await sdk.crm.contactLists.preview({ segmentRules: { kind: 'tag', op: 'has', tag: 'vip' } }) */
      preview: (body: Body<typeof ops.previewSegment>, options?: RequestOptions) => http.call(ops.previewSegment, { body }, options),
    },
    contactListMembers: {
      list: generic.contactListMembers.list,
      iterate: generic.contactListMembers.iterate,
      get: generic.contactListMembers.get,
      delete: generic.contactListMembers.delete,
      /** @example await sdk.crm.contactListMembers.create({ listId, contactId }) */
      create: (body: Body<typeof ops.createListMember>, options?: RequestOptions) => http.call(ops.createListMember, { body }, options),
    },
  };
}

/** Email templates: merge tags checked when saved, previews and test sends. */
function createTemplateClient(http: HttpClient, generic: ResourceClients<typeof crmResources>) {
  return {
    emailTemplates: {
      list: generic.emailTemplates.list,
      iterate: generic.emailTemplates.iterate,
      get: generic.emailTemplates.get,
      delete: generic.emailTemplates.delete,
      /**
       * Unknown merge tags are a 400 naming them.
       * @example await sdk.crm.emailTemplates.create({ name: 'Welcome', htmlContent: '<p>Hi {{firstName|there}}</p>' })
       */
      create: (body: Body<typeof ops.createEmailTemplate>, options?: RequestOptions) =>
        http.call(ops.createEmailTemplate, { body }, options),
      update: (id: string, body: Body<typeof ops.updateEmailTemplate>, options?: RequestOptions) =>
        http.call(ops.updateEmailTemplate, { params: { id }, body }, options),
      /** @example const { html, text } = await sdk.crm.emailTemplates.preview(id, { contactId: ada.id }) */
      preview: (id: string, body: Body<typeof ops.previewEmailTemplate> = {}, options?: RequestOptions) =>
        http.call(ops.previewEmailTemplate, { params: { id }, body }, options),
      /** @example await sdk.crm.emailTemplates.testSend(id, { to: ['me@agency.test'], contactId: ada.id, subject: 'Hi {{firstName}}' }) */
      testSend: (id: string, body: Body<typeof ops.testSendEmailTemplate>, options?: RequestOptions) =>
        http.call(ops.testSendEmailTemplate, { params: { id }, body }, options),
    },
  };
}

/** Public forms, and the posts a page (or a script) makes to them. */
function createFormClient(http: HttpClient, generic: ResourceClients<typeof crmResources>) {
  return {
    forms: {
      list: generic.forms.list,
      iterate: generic.forms.iterate,
      get: generic.forms.get,
      delete: generic.forms.delete,
      /**
       * One field must be an email mapped to `email`.
       * @example
       * await sdk.crm.forms.create({
       *   name: 'Newsletter', redirectUrl: 'https://agency.test/thanks',
       *   fields: [{ name: 'email', label: 'Email', type: 'email', required: true, mapTo: 'email' }],
       * })
       */
      create: (body: Body<typeof ops.createForm>, options?: RequestOptions) => http.call(ops.createForm, { body }, options),
      update: (id: string, body: Body<typeof ops.updateForm>, options?: RequestOptions) =>
        http.call(ops.updateForm, { params: { id }, body }, options),
      /**
       * Posts a form as a page's script would (no credentials are needed; JSON in, JSON out).
       * @example await sdk.crm.forms.submit(form.id, { email: 'ada@example.com', consent: true, utm_source: 'newsletter' })
       */
      submit: (id: string, values: Body<typeof ops.submitForm>, options?: RequestOptions) =>
        http.call(ops.submitForm, { params: { id }, body: values }, options),
    },
  };
}

/** Email campaigns: sending (now or scheduled), pause, resume, cancel, progress, and what comes back from the messages. */
function createSendingClient(http: HttpClient, generic: ResourceClients<typeof crmResources>) {
  const action =
    (op: typeof ops.pauseEmailCampaign | typeof ops.resumeEmailCampaign | typeof ops.cancelEmailCampaign) =>
    (id: string, options?: RequestOptions) =>
      http.call(op, { params: { id } }, options);
  const publicPath = (path: string, token: string) => path.replace(':token', encodeURIComponent(token));
  return {
    emailCampaigns: {
      list: generic.emailCampaigns.list,
      iterate: generic.emailCampaigns.iterate,
      get: generic.emailCampaigns.get,
      delete: generic.emailCampaigns.delete,
      /**
       * @example
       * await sdk.crm.emailCampaigns.create({
       *   name: 'March news', subject: 'News for {{firstName|you}}', htmlContent: '<p>Hi {{firstName|there}}</p>',
       *   fromName: 'Agency', fromEmail: 'news@agency.test', listId: list.id,
       * })
       */
      create: (body: Body<typeof ops.createEmailCampaign>, options?: RequestOptions) =>
        http.call(ops.createEmailCampaign, { body }, options),
      update: (id: string, body: Body<typeof ops.updateEmailCampaign>, options?: RequestOptions) =>
        http.call(ops.updateEmailCampaign, { params: { id }, body }, options),
      /**
       * Starts the send now (recipients resolved at once), or at `scheduledAt`.
       * @example await sdk.crm.emailCampaigns.send(campaign.id, { scheduledAt: '2026-03-01T09:00:00Z' })
       */
      send: (id: string, body: Body<typeof ops.sendEmailCampaign> = {}, options?: RequestOptions) =>
        http.call(ops.sendEmailCampaign, { params: { id }, body }, options),
      /** @example await sdk.crm.emailCampaigns.pause(campaign.id) */
      pause: action(ops.pauseEmailCampaign),
      /** @example await sdk.crm.emailCampaigns.resume(campaign.id) */
      resume: action(ops.resumeEmailCampaign),
      /** @example await sdk.crm.emailCampaigns.cancel(campaign.id) */
      cancel: action(ops.cancelEmailCampaign),
      /** @example const { sent, total, failed } = await sdk.crm.emailCampaigns.progress(campaign.id) */
      progress: (id: string, options?: RequestOptions) => http.call(ops.emailCampaignProgress, { params: { id } }, options),
    },
    emailEvents: {
      /**
       * Bounce and complaint notices, as a provider's webhook handler would forward them.
       * @example await sdk.crm.emailEvents.record({ events: [{ type: 'bounce', emailCampaignId, email: 'gone@x.test' }] })
       */
      record: (body: Body<typeof ops.recordEmailEvents>, options?: RequestOptions) => http.call(ops.recordEmailEvents, { body }, options),
    },
    /** The public ends of a message's links (no credentials: the token is the proof), for hosts that proxy them. */
    emailLinks: {
      list: generic.emailLinks.list,
      iterate: generic.emailLinks.iterate,
      get: generic.emailLinks.get,
      delete: generic.emailLinks.delete,
      /** The open pixel (a GIF). @example await sdk.crm.emailLinks.open(token) */
      open: (token: string, options?: RequestOptions) => http.download('GET', publicPath(ops.trackOpen.path, token), options),
      /**
       * The redirect of a tracked link: the `Response` (302) with its `Location`.
       * @example (await sdk.crm.emailLinks.click(token)).headers.get('location')
       */
      click: (token: string, options?: RequestOptions) =>
        http.download('GET', publicPath(ops.trackClick.path, token), { ...options, redirect: 'manual' }),
      /** One-click unsubscribe. @example await sdk.crm.emailLinks.unsubscribe(token) // { unsubscribed: true, email } */
      unsubscribe: (token: string, options?: RequestOptions) => http.call(ops.unsubscribe, { params: { token } }, options),
      /** The confirmation page's HTML. @example const html = await (await sdk.crm.emailLinks.unsubscribePage(token)).text() */
      unsubscribePage: (token: string, options?: RequestOptions) =>
        http.download('GET', publicPath(ops.unsubscribePage.path, token), options),
    },
  };
}

/** Automation workflows, their runs (manual and dry) and their execution logs. */
function createAutomationClient(http: HttpClient, generic: ResourceClients<typeof crmResources>) {
  const listWorkflows = (query?: Query<typeof ops.listWorkflows>, options?: RequestOptions) =>
    http.call(ops.listWorkflows, { query }, options);
  return {
    workflows: {
      list: listWorkflows,
      iterate: (query?: Omit<Query<typeof ops.listWorkflows>, 'cursor'>, options?: RequestOptions) =>
        pages((cursor) => listWorkflows({ ...query, cursor }, options)),
      get: (id: string, options?: RequestOptions) => http.call(ops.getWorkflow, { params: { id } }, options),
      delete: generic.workflows.delete,
      /**
       * @example
       * await sdk.crm.workflows.create({
       *   name: 'Welcome', triggerType: 'RECORD_CREATED', triggerConfig: { entity: 'formSubmission' },
       *   conditions: { kind: 'consent', marketingConsent: true },
       *   actions: [
       *     { type: 'wait', config: { duration: '1d' } },
       *     { type: 'send_email', config: { templateId, subject: 'Hi {{firstName}}' } },
       *   ],
       * })
       */
      create: (body: Body<typeof ops.createWorkflow>, options?: RequestOptions) => http.call(ops.createWorkflow, { body }, options),
      update: (id: string, body: Body<typeof ops.updateWorkflow>, options?: RequestOptions) =>
        http.call(ops.updateWorkflow, { params: { id }, body }, options),
      /** @example const run = await sdk.crm.workflows.run(id, { contactId }) // a workflow_executions row */
      run: (id: string, body: Body<typeof ops.runWorkflow> = {}, options?: RequestOptions) =>
        http.call(ops.runWorkflow, { params: { id }, body }, options),
      /** @example const { conditionsMet, steps } = await sdk.crm.workflows.dryRun(id, { contactId }) */
      dryRun: (id: string, body: Body<typeof ops.dryRunWorkflow>, options?: RequestOptions) =>
        http.call(ops.dryRunWorkflow, { params: { id }, body }, options),
    },
    workflowExecutions: {
      /** @example const { data } = await sdk.crm.workflowExecutions.list({ workflowId }) // newest first, with `logs` */
      list: generic.workflowExecutions.list,
      iterate: generic.workflowExecutions.iterate,
      get: generic.workflowExecutions.get,
    },
  };
}

type Rules = ReturnType<typeof createFormClient> &
  ReturnType<typeof createAutomationClient> &
  ReturnType<typeof createTaskClient> &
  ReturnType<typeof createSendingClient> &
  ReturnType<typeof createTemplateClient> &
  ReturnType<typeof createListClient> &
  ReturnType<typeof createImportClient> &
  ReturnType<typeof createScoringClient> &
  ReturnType<typeof createContactClient> &
  ReturnType<typeof createDealClient> &
  ReturnType<typeof createTimelineClient>;
/** `sdk.crm`, named so that declarations refer to it rather than spelling out every resource client. */
export type CrmClient = Omit<ResourceClients<typeof crmResources>, keyof Rules> & Rules;

/** `sdk.crm`: a typed client per CRM resource, with the CRM rules' operations over the generic CRUD. */
export function createCrmClient(http: HttpClient): CrmClient {
  const generic = resourceClients(http, crmResources);
  return {
    ...generic,
    ...createContactClient(http, generic),
    ...createDealClient(http, generic),
    ...createTimelineClient(http, generic),
    ...createTaskClient(http, generic),
    ...createImportClient(http, generic),
    ...createScoringClient(http, generic),
    ...createListClient(http, generic),
    ...createTemplateClient(http, generic),
    ...createFormClient(http, generic),
    ...createAutomationClient(http, generic),
    ...createSendingClient(http, generic),
  };
}

/** A contact as the SDK returns it. */
export type CrmContact = OperationOutput<typeof ops.getContact>;
