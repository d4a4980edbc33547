// Enums of the spec, declared once: the server's PostgreSQL enums and the contracts both use these.

export const contentStatus = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED', 'PUBLISHED', 'UNPUBLISHED', 'ARCHIVED'] as const;
export type ContentStatus = (typeof contentStatus)[number];

export const localizationStatus = ['PENDING', 'IN_PROGRESS', 'REVIEW', 'APPROVED', 'OUTDATED'] as const;
export type LocalizationStatus = (typeof localizationStatus)[number];

export const revisionStatus = ['PENDING', 'APPROVED', 'REJECTED', 'CHANGES_REQUESTED', 'SKIPPED'] as const;
export type RevisionStatus = (typeof revisionStatus)[number];

export const publishAction = ['PUBLISH', 'UNPUBLISH', 'ARCHIVE', 'UPDATE'] as const;
export type PublishAction = (typeof publishAction)[number];

export const scheduleStatus = ['PENDING', 'EXECUTED', 'FAILED', 'CANCELLED'] as const;
export type ScheduleStatus = (typeof scheduleStatus)[number];
