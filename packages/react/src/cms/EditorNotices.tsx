import { useStore } from 'zustand';
import { SpokeStackError } from '@spokestack/core';
import { Button } from '../ui/Button.js';
import { useEntryEditorContext } from './controller.js';
import { focusProblem, useActionRow } from './review-actions.js';
import { useEntryEditorStore } from './store.js';
import { type ContentEditorStrings, useStrings } from './strings.js';
import { ReviewFeedback } from './Workflows.js';

const failedTitle: Record<string, keyof ContentEditorStrings> = {
  publish: 'failedPublish',
  unpublish: 'failedUnpublish',
  submit: 'failedSubmit',
  approve: 'failedApprove',
  schedule: 'failedSchedule',
};

/**
 * What the editor says between its header and its fields, each in words: a refused action (named as that action's
 * error, focusable, so it is where the user lands when no field explains it), the last review feedback, what an
 * edit will do to the entry's review state (said before the first edit), and what keeps it from going live, each
 * problem a button that takes the user to its field.
 */
export function EditorNotices() {
  const editor = useEntryEditorContext();
  const store = useEntryEditorStore();
  const t = useStrings();
  const actionError = useStore(store, (state) => state.actionError);
  const hasFieldErrors = useStore(store, (state) => Object.keys(state.serverErrors).length > 0);
  const { readiness } = useActionRow(editor);
  const fields = editor.type?.schema.fields ?? [];
  // Content blockers are the ones with a path (the field at fault); state blockers have none and the row says them.
  // (Filtering by path, not core's contentBlockerCodes, keeps the readiness contracts and zod out of the bundle.)
  const blockers = editor.readOnly ? [] : (readiness?.blockers.filter((b) => b.path !== null) ?? []);
  const detail = actionError && (actionError.error instanceof SpokeStackError ? actionError.error.detail : actionError.error.message);
  return (
    <div data-scope="content-editor" data-part="notices">
      {actionError && (
        <div role="alert" tabIndex={-1} data-scope="content-editor" data-part="action-error" data-action={actionError.action}>
          <strong>{t[failedTitle[actionError.action] ?? 'failedPublish']}:</strong> {hasFieldErrors ? t.failedFields : detail}
        </div>
      )}
      <ReviewFeedback />
      {!editor.readOnly && readiness?.editEffectMessage && (
        <p data-scope="content-editor" data-part="edit-effect" data-effect={readiness.editEffect}>
          {readiness.editEffectMessage}
        </p>
      )}
      {blockers.length > 0 && (
        <div data-scope="content-editor" data-part="blockers">
          <span>{t.blockersTitle}</span>
          <ul>
            {blockers.map((blocker) => {
              const name = /^data\.([^.]+)/.exec(blocker.path ?? '')?.[1];
              const field = fields.find((f) => f.name === name);
              return (
                <li key={`${blocker.path}:${blocker.message}`}>
                  {field ? (
                    <Button size="sm" variant="ghost" onClick={(event) => focusProblem(event.currentTarget, field.name)}>
                      {`${field.label ?? field.name}: ${blocker.message}`}
                    </Button>
                  ) : (
                    blocker.message
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
