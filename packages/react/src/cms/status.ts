import type { ContentStatus } from '@spokestack/core/cms';
import type { Tone } from '../ui/Badge.js';

/**
 * The badge tone of each entry status: live is success, waiting on someone is info or warning, gone is neutral.
 *
 * @example <Badge tone={statusTone[entry.status]}>{statusLabels[entry.status]}</Badge>
 */
export const statusTone: Record<ContentStatus, Tone> = {
  DRAFT: 'neutral',
  IN_REVIEW: 'info',
  APPROVED: 'info',
  SCHEDULED: 'warning',
  PUBLISHED: 'success',
  UNPUBLISHED: 'neutral',
  ARCHIVED: 'neutral',
};
