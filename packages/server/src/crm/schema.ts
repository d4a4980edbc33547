import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, pgEnum, pgTable, text, unique } from 'drizzle-orm/pg-core';
import {
  contactType,
  contactStatus,
  contactActivityType,
  dealContactRole,
  dealActivityType,
  productType,
  campaignType,
  campaignStatus,
  campaignMemberStatus,
  emailCampaignStatus,
  emailRecipientStatus,
  emailInteractionType,
  contactListType,
  crmTaskType,
  crmTaskStatus,
  workflowTrigger,
  workflowExecutionStatus,
  priority,
  leadSource,
} from '@spokestack/core/crm';
import { id, json, longText, timestamptz, updatedAt } from '../db/columns.js';
import { adCampaigns } from '../analytics/schema.js';
import { briefs, clients, files, organizationId } from '../platform/schema.js';

export const contactTypeEnum = pgEnum('contact_type', contactType);
export const contactStatusEnum = pgEnum('contact_status', contactStatus);
export const contactActivityTypeEnum = pgEnum('contact_activity_type', contactActivityType);
export const dealContactRoleEnum = pgEnum('deal_contact_role', dealContactRole);
export const dealActivityTypeEnum = pgEnum('deal_activity_type', dealActivityType);
export const productTypeEnum = pgEnum('product_type', productType);
export const campaignTypeEnum = pgEnum('campaign_type', campaignType);
export const campaignStatusEnum = pgEnum('campaign_status', campaignStatus);
export const campaignMemberStatusEnum = pgEnum('campaign_member_status', campaignMemberStatus);
export const emailCampaignStatusEnum = pgEnum('email_campaign_status', emailCampaignStatus);
export const emailRecipientStatusEnum = pgEnum('email_recipient_status', emailRecipientStatus);
export const emailInteractionTypeEnum = pgEnum('email_interaction_type', emailInteractionType);
export const contactListTypeEnum = pgEnum('contact_list_type', contactListType);
export const crmTaskTypeEnum = pgEnum('crm_task_type', crmTaskType);
export const crmTaskStatusEnum = pgEnum('crm_task_status', crmTaskStatus);
export const workflowTriggerEnum = pgEnum('workflow_trigger', workflowTrigger);
export const workflowExecutionStatusEnum = pgEnum('workflow_execution_status', workflowExecutionStatus);
export const priorityEnum = pgEnum('priority', priority);
export const leadSourceEnum = pgEnum('lead_source', leadSource);

/** What contact search matches against (lower-cased name, email and company), as SQL over the contacts row. */
export const contactSearchSql = `lower(first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || coalesce(company_name, ''))`;

/**
 * The address duplicate detection compares: the email without its plus-tag (`ada+news@x.com` → `ada@x.com`).
 * The duplicates query and its index both use this text, so the planner matches them.
 */
export const duplicateEmailSql = `regexp_replace(email, '\\+[^@]*@', '@')`;

/** Spec `Contact`. */
export const contacts = pgTable(
  'contacts',
  {
    id: id(),
    organizationId: organizationId(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    mobile: text('mobile'),
    jobTitle: text('job_title'),
    department: text('department'),
    companyName: text('company_name'),
    companyId: text('company_id').references(() => clients.id),
    linkedIn: text('linked_in'),
    twitter: text('twitter'),
    instagram: text('instagram'),
    avatarUrl: text('avatar_url'),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    country: text('country'),
    contactType: contactTypeEnum('contact_type').notNull().default('PROSPECT'),
    status: contactStatusEnum('status').notNull().default('ACTIVE'),
    source: leadSourceEnum('source'),
    leadScore: integer('lead_score').notNull().default(0),
    engagementScore: integer('engagement_score').notNull().default(0),
    lastScoreUpdate: timestamptz('last_score_update'),
    tags: text('tags').array().notNull().default([]),
    customFields: json('custom_fields').notNull().default({}),
    ownerId: text('owner_id'),
    marketingConsent: boolean('marketing_consent').notNull().default(false),
    marketingConsentDate: timestamptz('marketing_consent_date'),
    dataProcessingConsent: boolean('data_processing_consent').notNull().default(false),
    // Beyond the spec: where and when consent was given, which GDPR asks a controller to be able to show.
    marketingConsentSource: text('marketing_consent_source'),
    dataProcessingConsentDate: timestamptz('data_processing_consent_date'),
    // Beyond the spec: the first campaign that brought the contact (a form post's UTM fields), kept once set.
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
    lastContactedAt: timestamptz('last_contacted_at'),
  },
  (t) => [
    unique('contacts_organization_id_email_key').on(t.organizationId, t.email),
    // The default list order (newest first); without it a large organization's first page sorts every contact.
    index('contacts_organization_id_created_at_idx').on(t.organizationId, t.createdAt, t.id),
    index('contacts_organization_id_idx').on(t.organizationId),
    index('contacts_company_id_idx').on(t.companyId),
    index('contacts_owner_id_idx').on(t.ownerId),
    index('contacts_status_idx').on(t.status),
    index('contacts_tags_idx').using('gin', t.tags),
    // Substring search over name, email and company (pg_trgm; PGlite ships it too). The expression is
    // `contactSearchText`, which the search query repeats exactly so that the planner uses this index.
    index('contacts_search_trgm_idx').using('gin', sql`(${sql.raw(contactSearchSql)}) gin_trgm_ops`),
    // Duplicate detection groups an organization's contacts by address and by number: these give it the
    // rows in group order instead of a sort of every contact (expressions exactly as `findDuplicates` writes them).
    index('contacts_duplicate_email_idx')
      .on(t.organizationId, sql`(${sql.raw(duplicateEmailSql)})`, t.createdAt, t.id)
      .where(sql`email is not null`),
    index('contacts_duplicate_phone_idx').on(t.organizationId, t.phone).where(sql`phone is not null`),
    index('contacts_duplicate_mobile_idx').on(t.organizationId, t.mobile).where(sql`mobile is not null`),
  ],
);

/** Spec `ContactActivity`. */
export const contactActivities = pgTable(
  'contact_activities',
  {
    id: id(),
    organizationId: organizationId(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    activityType: contactActivityTypeEnum('activity_type').notNull(),
    subject: text('subject').notNull(),
    description: longText('description'),
    dealId: text('deal_id').references(() => crmDeals.id, { onDelete: 'set null' }),
    campaignId: text('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    scheduledAt: timestamptz('scheduled_at'),
    duration: integer('duration'),
    outcome: text('outcome'),
    emailId: text('email_id'),
    performedById: text('performed_by_id'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('contact_activities_contact_id_created_at_idx').on(t.contactId, t.createdAt),
    index('contact_activities_activity_type_idx').on(t.activityType),
  ],
);

/** Spec `ContactNote`. */
export const contactNotes = pgTable(
  'contact_notes',
  {
    id: id(),
    organizationId: organizationId(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    content: longText('content').notNull(),
    isPinned: boolean('is_pinned').notNull().default(false),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('contact_notes_contact_id_idx').on(t.contactId)],
);

/** Spec `ContactFormSubmission`. */
export const contactFormSubmissions = pgTable(
  'contact_form_submissions',
  {
    id: id(),
    organizationId: organizationId(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    formId: text('form_id').notNull(),
    formName: text('form_name').notNull(),
    data: json('data').notNull(),
    sourceUrl: text('source_url'),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    submittedAt: timestamptz('submitted_at').notNull().defaultNow(),
  },
  (t) => [index('contact_form_submissions_contact_id_idx').on(t.contactId)],
);

/** Spec `SalesPipeline`. */
export const salesPipelines = pgTable(
  'sales_pipelines',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    description: text('description'),
    stages: json('stages').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    defaultCurrency: text('default_currency').notNull().default('USD'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('sales_pipelines_organization_id_idx').on(t.organizationId)],
);

/** Spec `CRMDeal`. */
export const crmDeals = pgTable(
  'crm_deals',
  {
    id: id(),
    organizationId: organizationId(),
    pipelineId: text('pipeline_id')
      .notNull()
      .references(() => salesPipelines.id),
    name: text('name').notNull(),
    description: longText('description'),
    stageId: text('stage_id').notNull(),
    probability: integer('probability'),
    amount: numeric('amount', { precision: 14, scale: 2 }),
    currency: text('currency').notNull().default('USD'),
    isRecurring: boolean('is_recurring').notNull().default(false),
    recurringPeriod: text('recurring_period'),
    mrr: numeric('mrr', { precision: 12, scale: 2 }),
    expectedCloseDate: timestamptz('expected_close_date'),
    actualCloseDate: timestamptz('actual_close_date'),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    primaryContactId: text('primary_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    ownerId: text('owner_id').notNull(),
    lostReason: text('lost_reason'),
    lostReasonDetails: longText('lost_reason_details'),
    competitorId: text('competitor_id').references(() => competitors.id, { onDelete: 'set null' }),
    source: leadSourceEnum('source'),
    sourceDetails: text('source_details'),
    campaignId: text('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
    lastActivityAt: timestamptz('last_activity_at'),
    // Beyond the spec: the deal's place within its stage on the board (gaps of 1024, so a move writes one row;
    // null = after the ranked ones, by expected close). Kept by the server, set by a within-stage drag.
    boardRank: integer('board_rank'),
  },
  (t) => [
    index('crm_deals_organization_id_idx').on(t.organizationId),
    index('crm_deals_pipeline_id_stage_id_idx').on(t.pipelineId, t.stageId, t.boardRank),
    index('crm_deals_owner_id_idx').on(t.ownerId),
    index('crm_deals_client_id_idx').on(t.clientId),
  ],
);

/** Spec `DealContact`. */
export const dealContacts = pgTable(
  'deal_contacts',
  {
    id: id(),
    organizationId: organizationId(),
    dealId: text('deal_id')
      .notNull()
      .references(() => crmDeals.id, { onDelete: 'cascade' }),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    role: dealContactRoleEnum('role').notNull().default('INFLUENCER'),
    isPrimary: boolean('is_primary').notNull().default(false),
    addedAt: timestamptz('added_at').notNull().defaultNow(),
  },
  (t) => [
    unique('deal_contacts_deal_id_contact_id_key').on(t.dealId, t.contactId),
    index('deal_contacts_deal_id_idx').on(t.dealId),
    index('deal_contacts_contact_id_idx').on(t.contactId),
  ],
);

/** Spec `DealActivity`. */
export const dealActivities = pgTable(
  'deal_activities',
  {
    id: id(),
    organizationId: organizationId(),
    dealId: text('deal_id')
      .notNull()
      .references(() => crmDeals.id, { onDelete: 'cascade' }),
    activityType: dealActivityTypeEnum('activity_type').notNull(),
    subject: text('subject').notNull(),
    description: longText('description'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    performedById: text('performed_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('deal_activities_deal_id_created_at_idx').on(t.dealId, t.createdAt)],
);

/** Spec `DealStageHistory`. */
export const dealStageHistory = pgTable(
  'deal_stage_history',
  {
    id: id(),
    organizationId: organizationId(),
    dealId: text('deal_id')
      .notNull()
      .references(() => crmDeals.id, { onDelete: 'cascade' }),
    fromStageId: text('from_stage_id'),
    toStageId: text('to_stage_id').notNull(),
    daysInStage: integer('days_in_stage'),
    changedById: text('changed_by_id').notNull(),
    changedAt: timestamptz('changed_at').notNull().defaultNow(),
  },
  (t) => [index('deal_stage_history_deal_id_changed_at_idx').on(t.dealId, t.changedAt)],
);

/** Spec `DealProduct`. */
export const dealProducts = pgTable(
  'deal_products',
  {
    id: id(),
    organizationId: organizationId(),
    dealId: text('deal_id')
      .notNull()
      .references(() => crmDeals.id, { onDelete: 'cascade' }),
    productId: text('product_id').references(() => products.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    description: text('description'),
    quantity: numeric('quantity', { precision: 10, scale: 2 }).notNull().default('1'),
    unitPrice: numeric('unit_price', { precision: 12, scale: 2 }).notNull(),
    discount: numeric('discount', { precision: 5, scale: 2 }).notNull().default('0'),
    total: numeric('total', { precision: 14, scale: 2 }).notNull(),
    isRecurring: boolean('is_recurring').notNull().default(false),
    billingPeriod: text('billing_period'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('deal_products_deal_id_idx').on(t.dealId)],
);

/** Spec `DealCompetitor`. */
export const dealCompetitors = pgTable(
  'deal_competitors',
  {
    id: id(),
    organizationId: organizationId(),
    dealId: text('deal_id')
      .notNull()
      .references(() => crmDeals.id, { onDelete: 'cascade' }),
    competitorId: text('competitor_id')
      .notNull()
      .references(() => competitors.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    strengthsWeaknesses: longText('strengths_weaknesses'),
    pricing: text('pricing'),
    status: text('status'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('deal_competitors_deal_id_idx').on(t.dealId)],
);

/** Spec `Product`. */
export const products = pgTable(
  'products',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    description: longText('description'),
    unitPrice: numeric('unit_price', { precision: 12, scale: 2 }).notNull(),
    currency: text('currency').notNull().default('USD'),
    productType: productTypeEnum('product_type').notNull().default('SERVICE'),
    isRecurring: boolean('is_recurring').notNull().default(false),
    billingPeriod: text('billing_period'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('products_organization_id_code_key').on(t.organizationId, t.code),
    index('products_organization_id_idx').on(t.organizationId),
  ],
);

/** Spec `Competitor`. */
export const competitors = pgTable(
  'competitors',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    website: text('website'),
    description: longText('description'),
    strengths: text('strengths').array().notNull().default([]),
    weaknesses: text('weaknesses').array().notNull().default([]),
    marketPosition: text('market_position'),
    pricePosition: text('price_position'),
    notes: longText('notes'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('competitors_organization_id_name_key').on(t.organizationId, t.name),
    index('competitors_organization_id_idx').on(t.organizationId),
  ],
);

/** Spec `Campaign`. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    description: longText('description'),
    campaignType: campaignTypeEnum('campaign_type').notNull(),
    channels: text('channels').array().notNull().default([]),
    status: campaignStatusEnum('status').notNull().default('DRAFT'),
    startDate: timestamptz('start_date'),
    endDate: timestamptz('end_date'),
    budgetAmount: numeric('budget_amount', { precision: 12, scale: 2 }),
    budgetCurrency: text('budget_currency').notNull().default('USD'),
    actualSpend: numeric('actual_spend', { precision: 12, scale: 2 }),
    goals: json('goals'),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    ownerId: text('owner_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
    launchedAt: timestamptz('launched_at'),
  },
  (t) => [
    index('campaigns_organization_id_idx').on(t.organizationId),
    index('campaigns_status_idx').on(t.status),
    index('campaigns_client_id_idx').on(t.clientId),
  ],
);

/** Spec `CampaignMember`. */
export const campaignMembers = pgTable(
  'campaign_members',
  {
    id: id(),
    organizationId: organizationId(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    memberStatus: campaignMemberStatusEnum('member_status').notNull().default('SENT'),
    respondedAt: timestamptz('responded_at'),
    responseType: text('response_type'),
    convertedAt: timestamptz('converted_at'),
    convertedDealId: text('converted_deal_id').references(() => crmDeals.id, { onDelete: 'set null' }),
    addedAt: timestamptz('added_at').notNull().defaultNow(),
    addedById: text('added_by_id'),
  },
  (t) => [
    unique('campaign_members_campaign_id_contact_id_key').on(t.campaignId, t.contactId),
    index('campaign_members_campaign_id_idx').on(t.campaignId),
    index('campaign_members_contact_id_idx').on(t.contactId),
  ],
);

/** Spec `CampaignActivity`. */
export const campaignActivities = pgTable(
  'campaign_activities',
  {
    id: id(),
    organizationId: organizationId(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    activityType: text('activity_type').notNull(),
    description: text('description').notNull(),
    performedById: text('performed_by_id'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('campaign_activities_campaign_id_created_at_idx').on(t.campaignId, t.createdAt)],
);

/** Spec `CampaignAsset`. */
export const campaignAssets = pgTable(
  'campaign_assets',
  {
    id: id(),
    organizationId: organizationId(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    assetId: text('asset_id').notNull(),
    assetType: text('asset_type').notNull(),
    name: text('name').notNull(),
    addedAt: timestamptz('added_at').notNull().defaultNow(),
  },
  (t) => [index('campaign_assets_campaign_id_idx').on(t.campaignId)],
);

/** Spec `EmailCampaign`. */
export const emailCampaigns = pgTable(
  'email_campaigns',
  {
    id: id(),
    organizationId: organizationId(),
    campaignId: text('campaign_id').references(() => campaigns.id),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    previewText: text('preview_text'),
    htmlContent: longText('html_content'),
    plainTextContent: longText('plain_text_content'),
    templateId: text('template_id').references(() => emailTemplates.id, { onDelete: 'set null' }),
    fromName: text('from_name').notNull(),
    fromEmail: text('from_email').notNull(),
    replyTo: text('reply_to'),
    listId: text('list_id').references(() => contactLists.id, { onDelete: 'set null' }),
    segmentRules: json('segment_rules'),
    recipientCount: integer('recipient_count').notNull().default(0),
    status: emailCampaignStatusEnum('status').notNull().default('DRAFT'),
    scheduledAt: timestamptz('scheduled_at'),
    sentAt: timestamptz('sent_at'),
    delivered: integer('delivered').notNull().default(0),
    bounced: integer('bounced').notNull().default(0),
    opened: integer('opened').notNull().default(0),
    uniqueOpens: integer('unique_opens').notNull().default(0),
    clicked: integer('clicked').notNull().default(0),
    uniqueClicks: integer('unique_clicks').notNull().default(0),
    unsubscribed: integer('unsubscribed').notNull().default(0),
    complained: integer('complained').notNull().default(0),
    isABTest: boolean('is_ab_test').notNull().default(false),
    abTestConfig: json('ab_test_config'),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('email_campaigns_organization_id_idx').on(t.organizationId), index('email_campaigns_status_idx').on(t.status)],
);

/** Spec `EmailRecipient`. */
export const emailRecipients = pgTable(
  'email_recipients',
  {
    id: id(),
    organizationId: organizationId(),
    emailCampaignId: text('email_campaign_id')
      .notNull()
      .references(() => emailCampaigns.id, { onDelete: 'cascade' }),
    contactId: text('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    email: text('email').notNull(),
    mergeData: json('merge_data'),
    status: emailRecipientStatusEnum('status').notNull().default('PENDING'),
    sentAt: timestamptz('sent_at'),
    deliveredAt: timestamptz('delivered_at'),
    bouncedAt: timestamptz('bounced_at'),
    bounceType: text('bounce_type'),
    openedAt: timestamptz('opened_at'),
    openCount: integer('open_count').notNull().default(0),
    clickedAt: timestamptz('clicked_at'),
    clickCount: integer('click_count').notNull().default(0),
    unsubscribedAt: timestamptz('unsubscribed_at'),
    complainedAt: timestamptz('complained_at'),
    // Beyond the spec: the sender's claim on the row (crm/sending.ts). The spec's status has no SENDING or
    // FAILED, so a claim is `claimedBy` + `claimedAt`, an SMTP attempt under way `attemptedAt`, and a recipient
    // given up on (in doubt after a crash, or out of retries) `failedAt` with `sendError`.
    claimedBy: text('claimed_by'),
    claimedAt: timestamptz('claimed_at'),
    attemptedAt: timestamptz('attempted_at'),
    attempts: integer('attempts').notNull().default(0),
    failedAt: timestamptz('failed_at'),
    sendError: text('send_error'),
  },
  (t) => [
    index('email_recipients_email_campaign_id_status_idx').on(t.emailCampaignId, t.status),
    unique('email_recipients_email_campaign_id_email_key').on(t.emailCampaignId, t.email),
    index('email_recipients_email_campaign_id_idx').on(t.emailCampaignId),
    index('email_recipients_contact_id_idx').on(t.contactId),
  ],
);

/** Spec `EmailLink`. */
export const emailLinks = pgTable(
  'email_links',
  {
    id: id(),
    organizationId: organizationId(),
    emailCampaignId: text('email_campaign_id')
      .notNull()
      .references(() => emailCampaigns.id, { onDelete: 'cascade' }),
    originalUrl: text('original_url').notNull(),
    trackingUrl: text('tracking_url').notNull().unique('email_links_tracking_url_key'),
    clickCount: integer('click_count').notNull().default(0),
    uniqueClicks: integer('unique_clicks').notNull().default(0),
  },
  (t) => [index('email_links_email_campaign_id_idx').on(t.emailCampaignId)],
);

/** Spec `EmailInteraction`. */
export const emailInteractions = pgTable(
  'email_interactions',
  {
    id: id(),
    organizationId: organizationId(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    emailCampaignId: text('email_campaign_id').references(() => emailCampaigns.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    interactionType: emailInteractionTypeEnum('interaction_type').notNull(),
    occurredAt: timestamptz('occurred_at').notNull().defaultNow(),
    linkUrl: text('link_url'),
    userAgent: text('user_agent'),
    ipAddress: text('ip_address'),
  },
  (t) => [index('email_interactions_contact_id_occurred_at_idx').on(t.contactId, t.occurredAt)],
);

/** Spec `EmailTemplate`. */
export const emailTemplates = pgTable(
  'email_templates',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    description: text('description'),
    htmlContent: longText('html_content').notNull(),
    plainTextContent: longText('plain_text_content'),
    category: text('category'),
    tags: text('tags').array().notNull().default([]),
    thumbnailUrl: text('thumbnail_url'),
    isActive: boolean('is_active').notNull().default(true),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('email_templates_organization_id_idx').on(t.organizationId)],
);

/** Spec `ContactList`. */
export const contactLists = pgTable(
  'contact_lists',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    description: text('description'),
    listType: contactListTypeEnum('list_type').notNull().default('STATIC'),
    segmentRules: json('segment_rules'),
    memberCount: integer('member_count').notNull().default(0),
    lastUpdatedAt: timestamptz('last_updated_at'),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('contact_lists_organization_id_idx').on(t.organizationId)],
);

/** Spec `ContactListMember`. */
export const contactListMembers = pgTable(
  'contact_list_members',
  {
    id: id(),
    organizationId: organizationId(),
    listId: text('list_id')
      .notNull()
      .references(() => contactLists.id, { onDelete: 'cascade' }),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    addedAt: timestamptz('added_at').notNull().defaultNow(),
    addedById: text('added_by_id'),
    source: text('source'),
  },
  (t) => [
    unique('contact_list_members_list_id_contact_id_key').on(t.listId, t.contactId),
    index('contact_list_members_list_id_idx').on(t.listId),
    index('contact_list_members_contact_id_idx').on(t.contactId),
  ],
);

/** Spec `CRMTask`. */
export const crmTasks = pgTable(
  'crm_tasks',
  {
    id: id(),
    organizationId: organizationId(),
    title: text('title').notNull(),
    description: longText('description'),
    taskType: crmTaskTypeEnum('task_type').notNull().default('TODO'),
    priority: priorityEnum('priority').notNull().default('MEDIUM'),
    status: crmTaskStatusEnum('status').notNull().default('PENDING'),
    dueDate: timestamptz('due_date'),
    reminderAt: timestamptz('reminder_at'),
    contactId: text('contact_id').references(() => contacts.id),
    dealId: text('deal_id').references(() => crmDeals.id),
    assignedToId: text('assigned_to_id').notNull(),
    completedAt: timestamptz('completed_at'),
    completedById: text('completed_by_id'),
    // Beyond the spec: a recurring task makes its next occurrence when completed; the reminder job marks what it sent.
    recurrence: text('recurrence'),
    // The day of the month a MONTHLY task falls on, kept from its first occurrence: 31 January → 28 February → 31 March.
    recurrenceDay: integer('recurrence_day'),
    remindedAt: timestamptz('reminded_at'),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('crm_tasks_organization_id_idx').on(t.organizationId),
    index('crm_tasks_contact_id_idx').on(t.contactId),
    index('crm_tasks_deal_id_idx').on(t.dealId),
    index('crm_tasks_assigned_to_id_status_idx').on(t.assignedToId, t.status),
    index('crm_tasks_due_date_idx').on(t.dueDate),
  ],
);

/** Spec `CRMWorkflow`. */
export const crmWorkflows = pgTable(
  'crm_workflows',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    description: text('description'),
    triggerType: workflowTriggerEnum('trigger_type').notNull(),
    triggerConfig: json('trigger_config').notNull(),
    conditions: json('conditions'),
    actions: json('actions').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    runCount: integer('run_count').notNull().default(0),
    lastRunAt: timestamptz('last_run_at'),
    lastError: text('last_error'),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('crm_workflows_organization_id_idx').on(t.organizationId), index('crm_workflows_is_active_idx').on(t.isActive)],
);

/** Spec `WorkflowExecution`. */
export const workflowExecutions = pgTable(
  'workflow_executions',
  {
    id: id(),
    organizationId: organizationId(),
    workflowId: text('workflow_id')
      .notNull()
      .references(() => crmWorkflows.id, { onDelete: 'cascade' }),
    triggeredBy: text('triggered_by').notNull(),
    triggerType: text('trigger_type').notNull(),
    status: workflowExecutionStatusEnum('status').notNull().default('PENDING'),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    completedAt: timestamptz('completed_at'),
    actionsExecuted: integer('actions_executed').notNull().default(0),
    actionsFailed: integer('actions_failed').notNull().default(0),
    logs: json('logs'),
    error: text('error'),
    // Beyond the spec: what the run needs to go on after a wait or a retry, and to refuse loops.
    /** The contact the run acts on (null for a run about no contact: a deleted record, a schedule). */
    contactId: text('contact_id'),
    /** The trigger's event and the actions as they were when it fired, so an edit never changes a run under way. */
    context: json('context'),
    /** The next action to run, as a path (`[2, "then", 0]`); null once the run is over. */
    position: json('position'),
    /** How many workflow runs led to this one (0: a person's or a schedule's change). */
    depth: integer('depth').notNull().default(0),
    /** Makes a time-based trigger fire once per occasion (a cron tick, a date, a period of inactivity). */
    dedupeKey: text('dedupe_key'),
  },
  (t) => [
    index('workflow_executions_workflow_id_started_at_idx').on(t.workflowId, t.startedAt),
    index('workflow_executions_status_idx').on(t.status),
    index('workflow_executions_workflow_id_contact_id_started_at_idx').on(t.workflowId, t.contactId, t.startedAt),
    unique('workflow_executions_workflow_id_dedupe_key_key').on(t.workflowId, t.dedupeKey),
  ],
);

/**
 * Beyond the spec (which has submissions but no forms): a public form whose posts upsert contacts. `fields`
 * says what it asks and where each answer goes on the contact.
 */
export const crmForms = pgTable(
  'crm_forms',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    description: text('description'),
    fields: json('fields').notNull(),
    /** Where a browser goes after a post (http(s)); without it the reply is JSON. */
    redirectUrl: text('redirect_url'),
    /** The text a person agreed to when they ticked the consent box, kept as the consent's source. */
    consentText: text('consent_text'),
    /** A field no person fills (hidden by the page): a post with it set is a bot's, answered as a success and dropped. */
    honeypotField: text('honeypot_field').notNull().default('website'),
    isActive: boolean('is_active').notNull().default(true),
    submissionCount: integer('submission_count').notNull().default(0),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('crm_forms_organization_id_idx').on(t.organizationId)],
);

/** Spec `LeadScoringRule`. */
export const leadScoringRules = pgTable(
  'lead_scoring_rules',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    description: text('description'),
    condition: json('condition').notNull(),
    scoreChange: integer('score_change').notNull(),
    category: text('category'),
    isActive: boolean('is_active').notNull().default(true),
    priority: integer('priority').notNull().default(0),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('lead_scoring_rules_organization_id_is_active_idx').on(t.organizationId, t.isActive)],
);

/** Spec `CampaignBriefLink`. */
export const campaignBriefLinks = pgTable(
  'campaign_brief_links',
  {
    id: id(),
    organizationId: organizationId(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    briefId: text('brief_id')
      .notNull()
      .references(() => briefs.id, { onDelete: 'cascade' }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [unique('campaign_brief_links_campaign_id_brief_id_key').on(t.campaignId, t.briefId)],
);

/** Spec `AdCampaignCRMLink`. */
export const adCampaignCrmLinks = pgTable(
  'ad_campaign_crm_links',
  {
    id: id(),
    organizationId: organizationId(),
    adCampaignId: text('ad_campaign_id')
      .notNull()
      .references(() => adCampaigns.id, { onDelete: 'cascade' }),
    crmCampaignId: text('crm_campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [unique('ad_campaign_crm_links_ad_campaign_id_crm_campaign_id_key').on(t.adCampaignId, t.crmCampaignId)],
);

// Beyond the spec: what the CRM's rules need that the spec leaves out.

/** The definition of a custom field of contacts: `customFields[key]` is validated against it. */
export const crmCustomFields = pgTable(
  'crm_custom_fields',
  {
    id: id(),
    organizationId: organizationId(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    fieldType: text('field_type').notNull(),
    options: text('options').array().notNull().default([]),
    isRequired: boolean('is_required').notNull().default(false),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('crm_custom_fields_organization_id_key_key').on(t.organizationId, t.key)],
);

/** A named contact search (the list's filters) a user keeps, for themselves or the team. */
export const crmSavedFilters = pgTable(
  'crm_saved_filters',
  {
    id: id(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    filters: json('filters').notNull(),
    isShared: boolean('is_shared').notNull().default(false),
    createdById: text('created_by_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('crm_saved_filters_organization_id_idx').on(t.organizationId)],
);

/** What one unit of a currency is worth in the organization's currency, for the forecast. */
export const crmExchangeRates = pgTable(
  'crm_exchange_rates',
  {
    id: id(),
    organizationId: organizationId(),
    currency: text('currency').notNull(),
    rate: numeric('rate', { precision: 20, scale: 10 }).notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('crm_exchange_rates_organization_id_currency_key').on(t.organizationId, t.currency)],
);

/**
 * A CSV import of contacts, run by the `crm.contactImport` job. The counters, the errors and the
 * checkpoint are written in the transaction of each batch, so a job that dies resumes after the last
 * committed batch and nothing is written twice. Errors name line, column and field, never the cell's
 * value (which may be personal data kept past an erasure).
 */
export const crmContactImports = pgTable(
  'crm_contact_imports',
  {
    id: id(),
    organizationId: organizationId(),
    fileId: text('file_id')
      .notNull()
      .references(() => files.id),
    fileName: text('file_name').notNull(),
    mapping: json('mapping').notNull(),
    dedupe: text('dedupe').notNull().default('skip'),
    // Beyond the spec: a dry run checks and counts every line and writes no contact.
    dryRun: boolean('dry_run').notNull().default(false),
    status: text('status').notNull().default('QUEUED'),
    totalBytes: integer('total_bytes').notNull().default(0),
    processedBytes: integer('processed_bytes').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    skippedCount: integer('skipped_count').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    errors: json('errors').notNull().default([]),
    failureReason: text('failure_reason'),
    jobId: text('job_id'),
    createdById: text('created_by_id').notNull(),
    startedAt: timestamptz('started_at'),
    completedAt: timestamptz('completed_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('crm_contact_imports_organization_id_created_at_idx').on(t.organizationId, t.createdAt)],
);
