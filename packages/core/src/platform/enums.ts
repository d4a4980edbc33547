/** Roles a member holds in an organization. CLIENT is read-only and sees only what is shared with its client. */
export const membershipRole = ['OWNER', 'ADMIN', 'MEMBER', 'CLIENT'] as const;
export type MembershipRole = (typeof membershipRole)[number];

/** SECRET keys are for server code; PUBLISHABLE keys may ship to browsers and only read published content. */
export const apiKeyKind = ['SECRET', 'PUBLISHABLE'] as const;
export type ApiKeyKind = (typeof apiKeyKind)[number];

/** Life of a background job. DEAD jobs exhausted their attempts and keep their last error. */
export const jobStatus = ['QUEUED', 'RUNNING', 'COMPLETED', 'DEAD', 'CANCELLED'] as const;
export type JobStatus = (typeof jobStatus)[number];

export const briefStatus = ['DRAFT', 'ACTIVE', 'IN_REVIEW', 'COMPLETED', 'CANCELLED'] as const;
export type BriefStatus = (typeof briefStatus)[number];

export const projectStatus = ['PLANNED', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED'] as const;
export type ProjectStatus = (typeof projectStatus)[number];
