import type { ContentEditorStrings } from './strings.js';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { StringsOverride } from './parts.js';
import { useId } from 'react';
import type { SpokeStackError } from '@spokestack/core';
import { Button } from '../ui/Button.js';
import { useToast } from '../ui/Toast.js';
import { useEntryEditorContext } from './controller.js';
import { usePublishEntry, useUnpublishEntry } from './hooks/publishing.js';
import { useWorkflows } from './hooks/workflows.js';
import { localeName } from './locale.js';
import { format, useStrings } from './strings.js';
import { savedFirst } from './review-actions.js';

export interface PublishActionsProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Replacements for the editor's strings (i18n), over those of the enclosing editor. */
  overrides?: Partial<ContentEditorStrings>;
  /** Class name of the root element. */
  className?: string;
}

// The part itself; the export below adds its `overrides`.
const PublishActionsRoot = forwardRef<HTMLDivElement, Omit<PublishActionsProps, 'overrides'>>(function PublishActionsRoot(
  { className, ...props },
  ref,
) {
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
    <div ref={ref} data-scope="publish" data-part="root" data-state={live ? 'live' : 'offline'} className={className} {...props}>
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
});

/**
 * Publish and unpublish the language being edited, now. Pending changes are saved first and the publish is pinned
 * to that version; fields that keep the entry from going live (a required field, an image without alt text) get
 * their errors inline. With an approval workflow the source language publishes once approved.
 *
 * @example <PublishActions /> // inside a ContentEditor or EntryForm.Root
 */
export const PublishActions = forwardRef<HTMLDivElement, PublishActionsProps>(function PublishActions({ overrides, ...props }, ref) {
  return (
    <StringsOverride overrides={overrides}>
      <PublishActionsRoot ref={ref} {...props} />
    </StringsOverride>
  );
});
