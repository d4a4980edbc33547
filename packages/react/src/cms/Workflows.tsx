import type { ContentEditorStrings } from './strings.js';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { StringsOverride } from './parts.js';
import type { Me } from '@spokestack/core';
import type { EntryRow, RevisionRow } from '@spokestack/core/cms';
import { Button } from '../ui/Button.js';
import { useEntryEditorContext } from './controller.js';
import { type DecideRevisionVariables, useDecideRevision, useEntryRevisions, useSubmitEntry } from './hooks/workflows.js';
import { format, useStrings } from './strings.js';
import { AskDialog, runAction, useActionRow } from './review-actions.js';

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
  const { has } = useActionRow(editor);
  const revisions = useEntryRevisions(editor.entryId);
  const submit = useSubmitEntry();
  const decide = useDecideRevision();
  const { entry, type } = editor;
  if (!entry || !type || editor.mode === 'create') return null;
  const pending = entry.status === 'IN_REVIEW' ? revisions.data?.findLast((r) => r.status === 'PENDING') : undefined;
  const decideAs = (decision: DecideRevisionVariables['decision'], from: Element | null, feedback?: string) =>
    runAction(editor, 'approve', from, () => decide.mutateAsync({ revisionId: pending!.id, decision, feedback }));
  return (
    <div ref={ref} data-scope="review" data-part="root" data-state={entry.status} className={className} {...props}>
      {pending && (
        <span data-scope="review" data-part="stage">
          {format(t.pendingReview, { stage: pending.stageName })}
        </span>
      )}
      {has('submit') && (
        <AskDialog
          trigger={t.submit}
          title={t.submit}
          label={t.submitNote}
          required={false}
          confirm={t.submit}
          pending={submit.isPending}
          onConfirm={async (note, trigger) => {
            // The result is said in the save status (the editor's one polite live region), not in a toast as well.
            return runAction(editor, 'submit', trigger, () => submit.mutateAsync({ id: entry.id, note: note || undefined }));
          }}
        />
      )}
      {has('approve') && pending && (
        <>
          <Button
            size="sm"
            loading={decide.isPending && decide.variables?.decision === 'approve'}
            onClick={(event) => void decideAs('approve', event.currentTarget)}
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
            onConfirm={(feedback, trigger) => decideAs('requestChanges', trigger, feedback)}
          />
          <AskDialog
            trigger={t.reject}
            title={t.reject}
            label={t.feedback}
            required
            confirm={t.reject}
            pending={decide.isPending}
            onConfirm={(feedback, trigger) => decideAs('reject', trigger, feedback)}
          />
        </>
      )}
    </div>
  );
});

/**
 * The last feedback of a rejection or a change request, shown on the draft it sent back; nothing otherwise.
 *
 * @example <ReviewFeedback />
 */
export function ReviewFeedback() {
  const editor = useEntryEditorContext();
  const t = useStrings();
  const revisions = useEntryRevisions(editor.entryId);
  const last = revisions.data?.findLast((r) => r.status !== 'PENDING');
  if (editor.entry?.status !== 'DRAFT' || !last?.feedback || (last.status !== 'REJECTED' && last.status !== 'CHANGES_REQUESTED'))
    return null;
  return (
    <p data-scope="review" data-part="feedback" role="note">
      <strong>{last.status === 'REJECTED' ? t.reject : t.requestChanges}:</strong> {last.feedback}
    </p>
  );
}

/**
 * The entry's approval workflow in the editor's action row, each action shown only when the entry's state allows
 * it (the readiness action row): "Submit for review" (with a note) while it is a draft or live and its type has a
 * workflow; while in review, the stage it waits in and — for the stage's assignee or an OWNER/ADMIN, a client
 * included — Approve, Request changes and Reject (both with feedback). Pending changes are saved before any action;
 * a refusal (submitting runs publish's checks) marks the fields it names and focuses the first.
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
