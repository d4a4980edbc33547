import * as z from 'zod';
import type { MembershipRole } from '../platform/enums.js';
import { locale } from '../platform/contracts.js';
import { defineOperation, idParams } from '../shared/operation.js';
import { allRoles, base, tag } from './common.js';
import type { ContentStatus } from './enums.js';

// Readiness: what stands between an entry (or one of its translations) and going live, what an edit
// will do to its review state, and which actions it offers now. The server computes the blockers (one
// check used by submit, approve, publish and schedules); `entryActions` turns them and the entry's
// state into the action row, here in core so the server and the React editor derive it the same way.

/** Why an entry cannot go live (yet). */
export const blockerCode = [
  /** The entry is archived. */
  'archived',
  /** Its type has an approval workflow and the entry is not approved. */
  'not-approved',
  /** A field is missing, invalid, or points at something that is gone (`path` names it). */
  'invalid-data',
  /** An image has no alt text (`path` names it). */
  'missing-alt-text',
  /** `expiresAt` is already past. */
  'expired',
  /** The entry has no translation in the locale. */
  'no-translation',
  /** The translation is not APPROVED (it is PENDING, IN_PROGRESS, REVIEW or OUTDATED). */
  'translation-not-approved',
  /** A translation goes live over its source's published version, and the source is not live. */
  'source-not-live',
] as const;
export type BlockerCode = (typeof blockerCode)[number];

export const readinessBlocker = z.object({
  code: z.enum(blockerCode),
  /** The field at fault, as publish's problem names it (`data.hero.alt`, `expiresAt`); null for state blockers. */
  path: z.string().nullable(),
  /** In words, for an editor. */
  message: z.string(),
});
export type ReadinessBlocker = z.output<typeof readinessBlocker>;

/** The blockers that are about the content (fixed by editing), not about the entry's state. */
export const contentBlockerCodes: readonly BlockerCode[] = ['invalid-data', 'missing-alt-text', 'expired'];

/**
 * What saving an edit to the entry's content does to its review and live state:
 * `none` (a draft stays a draft); `returns-to-draft` (with a workflow, an entry IN_REVIEW, APPROVED or
 * SCHEDULED goes back to DRAFT: the pending review or the approval is withdrawn and a scheduled publish
 * is cancelled, so nothing unreviewed goes live); `stays-private` (the entry is live: the edit is a
 * draft that readers see only once it is published again — after a new review, with a workflow).
 */
export const editEffect = ['none', 'returns-to-draft', 'stays-private'] as const;
export type EditEffect = (typeof editEffect)[number];

/** The actions of an entry's action row, in display order. */
export const entryAction = ['submit', 'approve', 'publish', 'schedule', 'unpublish', 'archive', 'unarchive'] as const;
export type EntryAction = (typeof entryAction)[number];

export const entryActionState = z.object({
  action: z.enum(entryAction),
  available: z.boolean(),
  /** Why it is not available, in words; null when it is. */
  reason: z.string().nullable(),
});
export type EntryActionState = z.output<typeof entryActionState>;

export const entryReadiness = z.object({
  entryId: z.string(),
  /** The locale checked: the entry's own, or one translation's. */
  locale: z.string(),
  /** Whether publishing now would succeed (no blockers). */
  ready: z.boolean(),
  blockers: z.array(readinessBlocker),
  editEffect: z.enum(editEffect),
  /** `editEffect` in words, to show before the first edit; null for `none`. */
  editEffectMessage: z.string().nullable(),
  /** Every action of the row, available or with the reason it is not. */
  actions: z.array(entryActionState),
});
export type EntryReadiness = z.output<typeof entryReadiness>;

export const readinessQuery = z.object({ locale: locale.optional() });

/** What `entryActions` needs to know about an entry, its workflow and the caller. */
export interface EntryActionInput {
  status: ContentStatus;
  /** Whether the checked locale is live now (its published slug is set). */
  live: boolean;
  /** Whether the checked locale is the entry's own (translations are not reviewed through the workflow). */
  source: boolean;
  hasWorkflow: boolean;
  role: MembershipRole;
  /** Whether the caller may decide the entry's pending review (its assignee, or an OWNER/ADMIN). */
  canDecide: boolean;
  /** Whether the draft differs from what is live (nothing to publish otherwise). */
  hasUnpublishedChanges: boolean;
  blockers: readonly ReadinessBlocker[];
}

const listOf = (blockers: readonly ReadinessBlocker[]) =>
  blockers.map((b) => (b.path ? `${b.path.replace(/^data\./, '')}: ${b.message}` : b.message)).join('; ');

/**
 * The action row of an entry: every action with whether it is available now and, when not, why —
 * derived from its status, its workflow, the caller's role and the readiness blockers. The server
 * returns it with the readiness (`GET /v1/cms/entries/{id}/readiness`); an editor shows the available
 * ones and may explain the others.
 *
 * @example
 * const row = entryActions({ status: 'APPROVED', live: false, source: true, hasWorkflow: true, role: 'MEMBER',
 *   canDecide: false, hasUnpublishedChanges: true, blockers: [] })
 * row.find((a) => a.action === 'publish')?.available // true
 */
export function entryActions(input: EntryActionInput): EntryActionState[] {
  const { status, live, source, hasWorkflow, role, canDecide, blockers } = input;
  const content = blockers.filter((b) => contentBlockerCodes.includes(b.code));
  const state = (action: EntryAction, reason: string | null): EntryActionState => ({ action, available: reason === null, reason });
  const readOnly = role === 'CLIENT' ? 'Client members can review and comment, not change entries' : null;
  const archived = status === 'ARCHIVED' ? 'The entry is archived; unarchive it first' : null;
  const notReady = content.length ? `Fix first: ${listOf(content)}` : null;

  const submit = !source
    ? 'Translations are approved by their translation status, not the workflow'
    : !hasWorkflow
      ? 'The content type has no approval workflow; publish directly'
      : status === 'IN_REVIEW'
        ? 'Already in review'
        : status === 'APPROVED' || status === 'SCHEDULED'
          ? 'Already approved'
          : notReady;
  const approve =
    status !== 'IN_REVIEW'
      ? 'Nothing to approve: the entry is not in review'
      : canDecide
        ? null
        : 'Only the reviewer of this stage (or an admin) decides it';
  // Publishing is blocked by anything but "not live yet"; a translation's own blockers come first.
  const publishBlockers = blockers.filter((b) => b.code !== 'archived');
  const publish =
    live && !input.hasUnpublishedChanges
      ? 'Already live; edit it to have something to publish'
      : publishBlockers.length
        ? publishBlockers.some((b) => b.code === 'not-approved')
          ? status === 'IN_REVIEW'
            ? 'Waiting for the review to finish'
            : 'Submit it for review first; it goes live only once approved'
          : `Fix first: ${listOf(publishBlockers)}`
        : null;
  const schedule = status === 'SCHEDULED' && source ? 'Already scheduled; move or cancel the schedule instead' : publish;
  return [
    state('submit', readOnly ?? archived ?? submit),
    state('approve', archived ?? approve),
    state('publish', readOnly ?? archived ?? publish),
    state('schedule', readOnly ?? archived ?? schedule),
    state('unpublish', readOnly ?? (live ? null : 'Not live')),
    state('archive', readOnly ?? (archived ? 'Already archived' : null)),
    state('unarchive', readOnly ?? (status === 'ARCHIVED' ? null : 'Not archived')),
  ];
}

/**
 * What an edit to the entry's content will do to its review state (see `editEffect`), and in words.
 *
 * @example editEffectOf({ status: 'APPROVED', hasWorkflow: true, live: false }) // { editEffect: 'returns-to-draft', … }
 */
export function editEffectOf(input: { status: ContentStatus; hasWorkflow: boolean; live: boolean }): {
  editEffect: EditEffect;
  editEffectMessage: string | null;
} {
  const { status, hasWorkflow, live } = input;
  if (hasWorkflow && (status === 'IN_REVIEW' || status === 'APPROVED' || status === 'SCHEDULED')) {
    const what =
      status === 'IN_REVIEW'
        ? 'withdraws it from review'
        : status === 'APPROVED'
          ? 'withdraws its approval'
          : 'withdraws its approval and cancels its scheduled publish';
    return {
      editEffect: 'returns-to-draft',
      editEffectMessage:
        `Editing this ${status === 'IN_REVIEW' ? 'entry in review' : 'approved entry'} ${what}: it goes back to draft ` +
        `and must be reviewed again before it can be published`,
    };
  }
  if (live)
    return {
      editEffect: 'stays-private',
      editEffectMessage: hasWorkflow
        ? 'This entry is live: your edits stay private until they are reviewed, approved and published'
        : 'This entry is live: your edits stay private until you publish them',
    };
  return { editEffect: 'none', editEffectMessage: null };
}

export const readinessOps = {
  getEntryReadiness: defineOperation({
    id: 'cms.entries.readiness',
    method: 'GET',
    path: `${base}/entries/:id/readiness`,
    tag,
    summary: 'What blocks publishing an entry (or one translation), what an edit will do to its review state, and its actions',
    description:
      'Runs the one readiness check that submit for review, approve, publish and schedules use: required fields, valid values ' +
      'and references, image alt text, expiry, workflow approval, and for a translation its APPROVED status and a live source. ' +
      '`ready` says whether publishing now would succeed; `blockers` name each problem (with the field path publish would name). ' +
      '`editEffect` says what saving a content edit does: `returns-to-draft` when the entry is in review, approved or scheduled ' +
      'under a workflow (the pending review or approval is withdrawn), `stays-private` when it is live. `actions` is the action ' +
      "row for the caller's role, each with the reason it is unavailable.",
    params: idParams,
    query: readinessQuery,
    response: entryReadiness,
    roles: allRoles,
  }),
};
