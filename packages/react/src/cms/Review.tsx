import { useId, useState } from 'react';
import type { Me, SpokeStackError } from '@spokestack/core';
import type { EntryRow, RevisionRow } from '@spokestack/core/cms';
import { useMe } from '../platform/me.js';
import { Button } from '../ui/Button.js';
import * as Dialog from '../ui/Dialog.js';
import { useToast } from '../ui/Toast.js';
import { useEntryEditorContext } from './controller.js';
import { useDecideRevision, useEntryRevisions, usePublishEntry, useSubmitEntry, useUnpublishEntry, useWorkflows } from './hooks.js';
import { localeName } from './locale.js';
import { format, useStrings } from './strings.js';

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

/** Saves pending changes first, so what is submitted, approved or published is what is on screen. */
async function savedFirst(editor: ReturnType<typeof useEntryEditorContext>): Promise<boolean> {
  if (!editor.readOnly) await editor.save();
  const state = editor.store?.getState();
  return !state || (state.saveState !== 'error' && state.saveState !== 'conflict' && Object.keys(state.dirty).length === 0);
}

/** A dialog asking for text (a note, feedback) before an action runs. */
function AskDialog({
  trigger,
  title,
  label,
  required,
  confirm,
  onConfirm,
  pending,
}: {
  trigger: string;
  title: string;
  label: string;
  required: boolean;
  confirm: string;
  onConfirm: (text: string) => Promise<void>;
  pending: boolean;
}) {
  const t = useStrings();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const id = useId();
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant={required ? 'secondary' : 'primary'}>
          {trigger}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Title>{title}</Dialog.Title>
        <form
          data-scope="review"
          data-part="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (required && !text.trim()) return;
            void onConfirm(text.trim()).then(() => {
              setOpen(false);
              setText('');
            });
          }}
        >
          <label htmlFor={id}>{label}</label>
          <textarea
            id={id}
            rows={4}
            required={required}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={required ? `${id}-hint` : undefined}
          />
          {required && <p id={`${id}-hint`}>{t.feedbackRequired}</p>}
          <div data-scope="review" data-part="buttons">
            <Dialog.Close asChild>
              <Button variant="secondary">{t.cancel}</Button>
            </Dialog.Close>
            <Button type="submit" loading={pending} disabled={required && !text.trim()}>
              {confirm}
            </Button>
          </div>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}

export interface WorkflowActionsProps {
  /** Class name of the root element. */
  className?: string;
}

/**
 * The entry's approval workflow in the editor header: "Submit for review" (with a note) while it is a draft and
 * its type has a workflow; while in review, the stage it waits in and — for the stage's assignee or an OWNER/ADMIN,
 * a client included — Approve, Request changes and Reject (both with feedback). The last feedback is shown after
 * a rejection. Pending changes are saved before any action.
 *
 * @example <WorkflowActions /> // inside a ContentEditor or EntryForm.Root
 */
export function WorkflowActions({ className }: WorkflowActionsProps) {
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
    <div data-scope="review" data-part="root" data-state={entry.status} className={className}>
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
}

export interface PublishActionsProps {
  /** Class name of the root element. */
  className?: string;
}

/**
 * Publish and unpublish the language being edited, now. Pending changes are saved first and the publish is pinned
 * to that version; fields that keep the entry from going live (a required field, an image without alt text) get
 * their errors inline. With an approval workflow the source language publishes once approved.
 *
 * @example <PublishActions /> // inside a ContentEditor or EntryForm.Root
 */
export function PublishActions({ className }: PublishActionsProps) {
  const editor = useEntryEditorContext();
  const t = useStrings();
  const { toast } = useToast();
  const workflows = useWorkflows();
  const hintId = useId();
  const onError = (error: SpokeStackError) => {
    // Field problems land on the fields; the toast says why the entry stays offline.
    if (error.status === 400) editor.store?.getState().markFailed(error);
    toast({ title: error.title, description: error.detail, tone: 'danger' });
  };
  const publish = usePublishEntry({ onError, onSuccess: () => toast({ title: t.published, tone: 'success' }) });
  const unpublish = useUnpublishEntry({ onError });
  const { entry, type } = editor;
  if (!entry || !type || editor.mode === 'create' || editor.readOnly) return null;
  const source = editor.mode === 'edit';
  const live = source ? entry.publishedSlug !== null : Boolean(editor.translation?.publishedSlug);
  const workflow = workflows.data?.find((w) => (type.workflowId ? w.id === type.workflowId : w.isDefault));
  const blocked = source && Boolean(workflow) && !['APPROVED', 'SCHEDULED'].includes(entry.status);
  const locale = source ? undefined : editor.locale;
  return (
    <div data-scope="publish" data-part="root" data-state={live ? 'live' : 'offline'} className={className}>
      <Button
        size="sm"
        loading={publish.isPending}
        disabled={blocked || (!source && !editor.translation)}
        aria-describedby={blocked ? hintId : undefined}
        onClick={async () => {
          if (!(await savedFirst(editor))) return;
          publish.mutate({ id: entry.id, locale, version: source ? (editor.store?.getState().version ?? undefined) : undefined });
        }}
      >
        {source ? t.publish : format(t.publishLocale, { locale: localeName(editor.locale) })}
      </Button>
      {blocked && (
        <span id={hintId} data-scope="publish" data-part="hint">
          {t.approvalNeeded}
        </span>
      )}
      {live && (
        <Button size="sm" variant="secondary" loading={unpublish.isPending} onClick={() => unpublish.mutate({ id: entry.id, locale })}>
          {t.unpublish}
        </Button>
      )}
    </div>
  );
}
