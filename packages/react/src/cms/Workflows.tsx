import type { ContentEditorStrings } from './strings.js';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { StringsOverride } from './parts.js';
import type { Me, SpokeStackError } from '@spokestack/core';
import type { EntryRow, RevisionRow } from '@spokestack/core/cms';
import { useMe } from '../platform/me.js';
import { Button } from '../ui/Button.js';
import { useToast } from '../ui/Toast.js';
import { useEntryEditorContext } from './controller.js';
import { useDecideRevision, useEntryRevisions, useSubmitEntry, useWorkflows } from './hooks/workflows.js';
import { format, useStrings } from './strings.js';
import { AskDialog, savedFirst } from './review-actions.js';

/**
 * Whether the caller may decide a revision, as the server decides it: its assignee, or an OWNER/ADMIN.
 *
 * @example {mayDecide(me, pending, entry) && <Button onClick={approve}>Approve</Button>}
 */
export function mayDecide(me: Me | undefined, revision: RevisionRow, entry: EntryRow): boolean {
  if (!me) return false;
  const { actor } = me;
  if (actor.role === 'OWNER' || actor.role === 'ADMIN') return true;
  if (revision.assignedToType === 'user') return actor.type === 'user' && actor.id === revision.assignedToId;
  if (revision.assignedToType === 'role') return actor.role === revision.assignedToId;
  return actor.role === 'CLIENT' && actor.clientId !== null && actor.clientId === entry.clientId;
}

export interface WorkflowActionsProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Replacements for the editor's strings (i18n), over those of the enclosing editor. */
  overrides?: Partial<ContentEditorStrings>;
  /** Class name of the root element. */
  className?: string;
}

// The part itself; the export below adds its `overrides`.
const WorkflowActionsRoot = forwardRef<HTMLDivElement, Omit<WorkflowActionsProps, 'overrides'>>(function WorkflowActionsRoot(
  { className, ...props },
  ref,
) {
  const editor = useEntryEditorContext();
  const t = useStrings();
  const me = useMe();
  const { toast } = useToast();
  const workflows = useWorkflows();
  const revisions = useEntryRevisions(editor.entryId);
  const fail = (error: SpokeStackError) => toast({ title: error.title, description: error.detail, tone: 'danger' });
  const submit = useSubmitEntry({ onError: fail, onSuccess: () => toast({ title: t.submitted, tone: 'success' }) });
  const decide = useDecideRevision({ onError: fail });
  const { entry, type } = editor;
  if (!entry || !type || editor.mode === 'create') return null;
  const workflow = workflows.data?.find((w) => (type.workflowId ? w.id === type.workflowId : w.isDefault));
  const pending = revisions.data?.findLast((r) => r.status === 'PENDING');
  const lastDecided = revisions.data?.findLast((r) => r.status !== 'PENDING');
  const canSubmit = Boolean(workflow) && !editor.readOnly && ['DRAFT', 'UNPUBLISHED', 'PUBLISHED'].includes(entry.status);
  const feedback =
    entry.status === 'DRAFT' && lastDecided && (lastDecided.status === 'REJECTED' || lastDecided.status === 'CHANGES_REQUESTED')
      ? lastDecided
      : null;
  const run = async (action: () => Promise<unknown>) => {
    if (await savedFirst(editor)) await action();
  };
  return (
    <div ref={ref} data-scope="review" data-part="root" data-state={entry.status} className={className} {...props}>
      {feedback?.feedback && (
        <p data-scope="review" data-part="feedback" role="note">
          <strong>{feedback.status === 'REJECTED' ? t.reject : t.requestChanges}:</strong> {feedback.feedback}
        </p>
      )}
      {entry.status === 'IN_REVIEW' && pending && (
        <span data-scope="review" data-part="stage">
          {format(t.pendingReview, { stage: pending.stageName })}
        </span>
      )}
      {canSubmit && (
        <AskDialog
          trigger={t.submit}
          title={t.submit}
          label={t.submitNote}
          required={false}
          confirm={t.submit}
          pending={submit.isPending}
          onConfirm={(note) => run(() => submit.mutateAsync({ id: entry.id, note: note || undefined }))}
        />
      )}
      {entry.status === 'IN_REVIEW' && pending && mayDecide(me.data, pending, entry) && (
        <>
          <Button
            size="sm"
            loading={decide.isPending && decide.variables?.decision === 'approve'}
            onClick={() => void run(() => decide.mutateAsync({ revisionId: pending.id, decision: 'approve' }))}
          >
            {t.approve}
          </Button>
          <AskDialog
            trigger={t.requestChanges}
            title={t.requestChanges}
            label={t.feedback}
            required
            confirm={t.requestChanges}
            pending={decide.isPending}
            onConfirm={(feedback) => run(() => decide.mutateAsync({ revisionId: pending.id, decision: 'requestChanges', feedback }))}
          />
          <AskDialog
            trigger={t.reject}
            title={t.reject}
            label={t.feedback}
            required
            confirm={t.reject}
            pending={decide.isPending}
            onConfirm={(feedback) => run(() => decide.mutateAsync({ revisionId: pending.id, decision: 'reject', feedback }))}
          />
        </>
      )}
    </div>
  );
});

/**
 * The entry's approval workflow in the editor header: "Submit for review" (with a note) while it is a draft and
 * its type has a workflow; while in review, the stage it waits in and — for the stage's assignee or an OWNER/ADMIN,
 * a client included — Approve, Request changes and Reject (both with feedback). The last feedback is shown after
 * a rejection. Pending changes are saved before any action.
 *
 * @example <WorkflowActions /> // inside a ContentEditor or EntryForm.Root
 */
export const WorkflowActions = forwardRef<HTMLDivElement, WorkflowActionsProps>(function WorkflowActions({ overrides, ...props }, ref) {
  return (
    <StringsOverride overrides={overrides}>
      <WorkflowActionsRoot ref={ref} {...props} />
    </StringsOverride>
  );
});
