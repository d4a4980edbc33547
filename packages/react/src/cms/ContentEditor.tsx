import { type ComponentPropsWithoutRef, forwardRef, type ReactNode, type RefObject, useEffect, useMemo, useRef } from 'react';
import { useOverrides } from '../overrides.js';
import type { EntryRow, LocalizationRow } from '@spokestack/core/cms';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { ErrorState } from '../ui/ErrorState.js';
import { MediaStringsContext } from '../platform/strings.js';
import { Spinner } from '../ui/Spinner.js';
import type { ClassNames } from '../ui/utils.js';
import { useEntryEditor } from './controller.js';
import * as EntryForm from './EntryForm.js';
import { defaultFieldInputs, type FieldInputs } from './fields/FieldInput.js';
import { CommentsPanel, FieldComments } from './Comments.js';
import { EditorNotices } from './EditorNotices.js';
import { LocaleSwitcher } from './LocaleSwitcher.js';
import { PublishActions } from './Publishing.js';
import { WorkflowActions } from './Workflows.js';
import { SchedulePanel } from './Schedules.js';
import { SeoPanel } from './SeoPanel.js';
import { type ContentEditorStrings, contentEditorStrings, StringsContext, useStrings } from './strings.js';
import { statusTone } from './status.js';
import { VersionHistory } from './VersionHistory.js';

export interface ContentEditorProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The entry to edit. */
  entryId?: string;
  /** Without `entryId`: the content type of a new entry; after its first save the editor edits it (see `onCreated`). */
  contentTypeId?: string;
  /** The language to open: the entry's own (default) or one of its translations. */
  locale?: string;
  /** Never save, nothing editable. Defaults to true for the CLIENT role (`useMe().actor.role`). */
  readOnly?: boolean;
  /** Milliseconds after the last change before saving (default 1500), or `false` to save only with the Save button. */
  autosave?: number | false;
  /** Called once the first save created a new entry; route to it here if you like, the editor stays put. */
  onCreated?: (entry: EntryRow) => void;
  /** Called after every successful save. */
  onSaved?: (entry: EntryRow, translation: LocalizationRow | null) => void;
  /** Replaces the input of some field types (the others keep `defaultFieldInputs`). */
  inputs?: Partial<FieldInputs>;
  /** Shows the SEO & social panel (default true). */
  seo?: boolean;
  /** Shows the workflow actions, publish buttons and schedule (default true). */
  publishing?: boolean;
  /** Shows comments beside the fields and in the sidebar (default true). */
  comments?: boolean;
  /** Extra buttons in the header, after the built-in ones. */
  actions?: ReactNode;
  /** Extra panels in the sidebar, after the built-in ones. */
  sidebar?: ReactNode;
  /** Class name of the root element. */
  className?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<
    | 'form'
    | 'header'
    | 'title'
    | 'status'
    | 'actions'
    | 'review'
    | 'locales'
    | 'body'
    | 'fields'
    | 'sidebar'
    | 'seo'
    | 'schedule'
    | 'comments'
  >;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<ContentEditorStrings>;
}

/**
 * The content editor: a form generated from the content type's schema (every field type, rich text in Tiptap,
 * uploads through Uppy), autosaved with a visible state, the server's field errors inline, optimistic concurrency
 * with a reload-or-overwrite choice on conflict, version history with diff and restore, workflow actions (submit,
 * approve, reject with feedback), publish now or on a schedule, a language switcher with translation status, an SEO
 * & social panel, and comment threads beside each field. Read-only for the CLIENT role (who may still comment and
 * approve what is assigned to their client); inputs follow the text direction of the language edited (`ar` → right
 * to left).
 *
 * Built from `useEntryEditor` and the unstyled `EntryForm` parts; use those to lay out your own.
 *
 * @example
 * <ContentEditor entryId={entryId} />
 * <ContentEditor contentTypeId={type.id} onCreated={(entry) => navigate(`/content/${entry.id}`)} />
 */
export const ContentEditor = forwardRef<HTMLDivElement, ContentEditorProps>(function ContentEditor({ overrides, ...props }, ref) {
  const { entryId, contentTypeId } = props;
  const strings = useOverrides('contentEditor', contentEditorStrings, overrides);
  // Another entry is another editor (its own draft and store). The entry this editor just created is not: a host
  // that routes to it (passing its id, and maybe no longer the type) keeps the same editor, caret and all.
  const created = useRef<string | null>(null);
  const session = useRef('');
  if (!entryId || entryId !== created.current) session.current = entryId ?? `new:${contentTypeId ?? ''}`;
  return (
    <StringsContext.Provider value={strings}>
      <MediaStringsContext.Provider value={strings}>
        <EditorSession
          key={session.current}
          {...props}
          ref={ref}
          onCreated={(entry) => {
            created.current = entry.id;
            props.onCreated?.(entry);
          }}
        />
      </MediaStringsContext.Provider>
    </StringsContext.Provider>
  );
});

const EditorSession = forwardRef<HTMLDivElement, Omit<ContentEditorProps, 'overrides'>>(function EditorSession(
  {
    entryId,
    contentTypeId,
    locale,
    readOnly,
    autosave,
    onCreated,
    onSaved,
    inputs,
    seo = true,
    publishing = true,
    comments = true,
    actions,
    sidebar,
    className,
    classNames,
    ...props
  },
  ref,
) {
  const t = useStrings();
  const editor = useEntryEditor({ entryId, contentTypeId, locale, readOnly, autosave, onCreated, onSaved });
  const fieldInputs = useMemo(() => ({ ...defaultFieldInputs, ...inputs }), [inputs]);
  const actionsRef = useRef<HTMLDivElement>(null);
  useKeepFocusIn(actionsRef, editor.status);
  if (editor.status === 'loading') {
    return (
      <div ref={ref} {...props} data-scope="content-editor" data-part="root" data-state="loading" className={className}>
        <Spinner size="lg" overrides={{ label: t.loading }} />
      </div>
    );
  }
  if (editor.status === 'error') {
    return (
      <div ref={ref} {...props} data-scope="content-editor" data-part="root" data-state="error" className={className}>
        <ErrorState error={editor.error} onRetry={editor.retry} />
      </div>
    );
  }
  const { entry, type } = editor;
  return (
    <div ref={ref} {...props} data-scope="content-editor" data-part="root" data-state="ready" className={className}>
      <EntryForm.Root
        editor={editor}
        inputs={fieldInputs}
        fieldAddon={comments && editor.entryId ? FieldComments : undefined}
        className={classNames?.form}
        aria-label={entry?.title ?? type?.name}
      >
        <header data-scope="content-editor" data-part="header" className={classNames?.header}>
          <div data-scope="content-editor" data-part="heading">
            <h2 data-scope="content-editor" data-part="title" className={classNames?.title}>
              {entry?.title ?? type?.name}
            </h2>
            {entry && (
              <Badge tone={statusTone[entry.status]} data-status={entry.status} className={classNames?.status}>
                {t[`status${entry.status}`]}
              </Badge>
            )}
            <ReadOnlyBadge readOnly={editor.readOnly} />
            <EntryForm.SaveStatus />
          </div>
          {/* One row in one place: the available actions change with the entry's state, never the row's position. */}
          <div ref={actionsRef} data-scope="content-editor" data-part="actions" className={classNames?.actions}>
            <VersionHistory />
            {publishing && <WorkflowActions className={classNames?.review} />}
            {publishing && <PublishActions />}
            {actions}
            <SaveButton />
          </div>
        </header>
        {publishing && <EditorNotices />}
        <LocaleSwitcher className={classNames?.locales} />
        <EntryForm.Conflict actionAs={ConflictAction} />
        <FormError />
        <div data-scope="content-editor" data-part="body" className={classNames?.body}>
          <EntryForm.Fields className={classNames?.fields} />
          {(seo || publishing || comments || sidebar) && (
            // Named: the host page may have complementary landmarks of its own (its entry list).
            <aside data-scope="content-editor" data-part="sidebar" className={classNames?.sidebar} aria-label={t.sidebar}>
              {seo && <SeoPanel className={classNames?.seo} />}
              {publishing && <SchedulePanel className={classNames?.schedule} />}
              {comments && <CommentsPanel className={classNames?.comments} />}
              {sidebar}
            </aside>
          )}
        </div>
      </EntryForm.Root>
    </div>
  );
});

/**
 * The action row changes with the entry's state: the button just used (Submit for review, or the dialog that asked
 * for its note and returned focus to it) may vanish once the action succeeds, which would drop focus to <body>.
 * Focus then moves to the button now in its place (Approve after Submit), so keyboard and screen-reader users stay
 * where they were.
 */
function useKeepFocusIn(ref: RefObject<HTMLElement | null>, mounted: unknown) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `mounted` (the editor's status) re-runs it when the row mounts
  useEffect(() => {
    const row = ref.current;
    if (!row) return;
    let index = -1;
    // The button focus was moved to, while nobody moved it on: the row may settle over several renders.
    let placed: Element | null = null;
    // Places count every button (one busy with its action is disabled for a moment); focus goes to an enabled one.
    const buttons = () => [...row.querySelectorAll<HTMLButtonElement>('button')];
    // focusin, not focusout: a focused element that is removed fires no event in every browser.
    const onFocus = (event: FocusEvent) => {
      const target = event.target as HTMLElement;
      // Focus this hook placed keeps the place it stands in for, so a later render can still fill it.
      if (target === placed) return;
      placed = null;
      // A dialog opened from the row (Submit's note) keeps the place: it returns focus there, if there still is one.
      if (!row.contains(target) && target.closest?.('[role="dialog"], [role="alertdialog"]')) return;
      index = buttons().indexOf(target as HTMLButtonElement);
    };
    const observer = new MutationObserver(() => {
      const active = document.activeElement;
      const lost = !active || active === document.body || !active.isConnected;
      if (index === -1 || !(lost || active === placed)) return;
      const left = buttons();
      const from = Math.min(index, left.length - 1);
      const next = [...left.slice(from), ...left.slice(0, from).reverse()].find((button) => !button.disabled);
      if (!next || next === active) return;
      placed = next;
      next.focus();
    });
    document.addEventListener('focusin', onFocus);
    observer.observe(row, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', onFocus);
      observer.disconnect();
    };
    // Not on every render: that would forget `index`.
  }, [ref, mounted]);
}

// The styled faces of the headless save, conflict and failure parts: same rules (EntryForm's hooks), our Button
// and ErrorState.
function SaveButton() {
  const save = EntryForm.useSaveButton();
  if (save.hidden) return null;
  return (
    <Button size="sm" loading={save.saving} disabled={save.disabled} onClick={save.save}>
      {save.label}
    </Button>
  );
}

function ConflictAction({ 'data-action': action, ...props }: EntryForm.ConflictActionProps) {
  return <Button variant={action === 'overwrite' ? 'danger' : 'secondary'} data-action={action} {...props} />;
}

function FormError() {
  const error = EntryForm.useFormError();
  const t = useStrings();
  return error ? <ErrorState error={error} overrides={{ title: t.saveFailed }} /> : null;
}

function ReadOnlyBadge({ readOnly }: { readOnly: boolean }) {
  const t = useStrings();
  if (!readOnly) return null;
  return (
    <Badge tone="warning" title={t.readOnlyHint} data-readonly="">
      {t.readOnly}
    </Badge>
  );
}
