// Enums of the spec, declared once: the server's PostgreSQL enums and the contracts both use these.

export const contactType = ['PROSPECT', 'LEAD', 'CUSTOMER', 'PARTNER', 'VENDOR', 'INFLUENCER', 'PRESS', 'INVESTOR', 'OTHER'] as const;
export type ContactType = (typeof contactType)[number];

export const contactStatus = ['ACTIVE', 'INACTIVE', 'UNSUBSCRIBED', 'BOUNCED', 'DO_NOT_CONTACT', 'ARCHIVED'] as const;
export type ContactStatus = (typeof contactStatus)[number];

export const contactActivityType = [
  'EMAIL_SENT',
  'EMAIL_RECEIVED',
  'EMAIL_OPENED',
  'EMAIL_CLICKED',
  'CALL_OUTBOUND',
  'CALL_INBOUND',
  'MEETING',
  'NOTE',
  'TASK_COMPLETED',
  'DEAL_CREATED',
  'DEAL_WON',
  'DEAL_LOST',
  'FORM_SUBMISSION',
  'WEBSITE_VISIT',
  'DOCUMENT_VIEWED',
  'CAMPAIGN_ADDED',
  'STATUS_CHANGED',
] as const;
export type ContactActivityType = (typeof contactActivityType)[number];

export const dealContactRole = [
  'DECISION_MAKER',
  'INFLUENCER',
  'CHAMPION',
  'BLOCKER',
  'END_USER',
  'PROCUREMENT',
  'FINANCE',
  'LEGAL',
  'TECHNICAL',
] as const;
export type DealContactRole = (typeof dealContactRole)[number];

export const dealActivityType = [
  'CREATED',
  'STAGE_CHANGED',
  'AMOUNT_CHANGED',
  'OWNER_CHANGED',
  'CONTACT_ADDED',
  'CONTACT_REMOVED',
  'NOTE_ADDED',
  'MEETING_SCHEDULED',
  'PROPOSAL_SENT',
  'WON',
  'LOST',
  'REOPENED',
] as const;
export type DealActivityType = (typeof dealActivityType)[number];

export const productType = ['SERVICE', 'RETAINER', 'PROJECT', 'HOURLY', 'LICENSE', 'PHYSICAL'] as const;
export type ProductType = (typeof productType)[number];

export const campaignType = [
  'BRAND_AWARENESS',
  'LEAD_GENERATION',
  'PRODUCT_LAUNCH',
  'EVENT_PROMOTION',
  'CONTENT_MARKETING',
  'EMAIL_NURTURE',
  'RETARGETING',
  'SEASONAL',
  'REFERRAL',
  'OTHER',
] as const;
export type CampaignType = (typeof campaignType)[number];

export const campaignStatus = ['DRAFT', 'PLANNED', 'ACTIVE', 'PAUSED', 'COMPLETED', 'CANCELLED'] as const;
export type CampaignStatus = (typeof campaignStatus)[number];

export const campaignMemberStatus = ['PENDING', 'SENT', 'OPENED', 'CLICKED', 'RESPONDED', 'CONVERTED', 'UNSUBSCRIBED', 'BOUNCED'] as const;
export type CampaignMemberStatus = (typeof campaignMemberStatus)[number];

export const emailCampaignStatus = ['DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'PAUSED', 'CANCELLED', 'FAILED'] as const;
export type EmailCampaignStatus = (typeof emailCampaignStatus)[number];

export const emailRecipientStatus = ['PENDING', 'SENT', 'DELIVERED', 'BOUNCED', 'OPENED', 'CLICKED', 'UNSUBSCRIBED', 'COMPLAINED'] as const;
export type EmailRecipientStatus = (typeof emailRecipientStatus)[number];

export const emailInteractionType = ['SENT', 'DELIVERED', 'OPENED', 'CLICKED', 'UNSUBSCRIBED', 'BOUNCED', 'COMPLAINED'] as const;
export type EmailInteractionType = (typeof emailInteractionType)[number];

export const contactListType = ['STATIC', 'DYNAMIC', 'SUPPRESSION'] as const;
export type ContactListType = (typeof contactListType)[number];

export const crmTaskType = ['TODO', 'CALL', 'EMAIL', 'MEETING', 'FOLLOW_UP', 'DEMO', 'PROPOSAL', 'CONTRACT', 'OTHER'] as const;
export type CRMTaskType = (typeof crmTaskType)[number];

export const crmTaskStatus = ['PENDING', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'DEFERRED'] as const;
export type CRMTaskStatus = (typeof crmTaskStatus)[number];

export const workflowTrigger = [
  'RECORD_CREATED',
  'RECORD_UPDATED',
  'RECORD_DELETED',
  'FIELD_CHANGED',
  'DEAL_STAGE_CHANGED',
  'DEAL_WON',
  'DEAL_LOST',
  'SCHEDULED',
  'DATE_BASED',
  'INACTIVITY',
  'EMAIL_OPENED',
  'EMAIL_CLICKED',
  'EMAIL_REPLIED',
  'MANUAL',
] as const;
export type WorkflowTrigger = (typeof workflowTrigger)[number];

export const workflowExecutionStatus = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type WorkflowExecutionStatus = (typeof workflowExecutionStatus)[number];

export const priority = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
export type Priority = (typeof priority)[number];

export const leadSource = [
  'WEBSITE',
  'REFERRAL',
  'SOCIAL',
  'EMAIL',
  'PAID_ADS',
  'EVENT',
  'COLD_OUTREACH',
  'PARTNER',
  'IMPORT',
  'OTHER',
] as const;
export type LeadSource = (typeof leadSource)[number];
