import type { ContentEditorStrings } from './strings.js';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { useAuthorName } from './authors.js';
import { StringsOverride } from './parts.js';
import { useId, useState } from 'react';
import { VisuallyHidden } from 'radix-ui';
import type { SpokeStackError } from '@spokestack/core';
import type { CommentRow, ContentField } from '@spokestack/core/cms';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import * as Popover from '../ui/Popover.js';
import { useEntryEditorContext } from './controller.js';
import { CommentIcon } from './icons.js';
import { useCommentAction, useComments } from './hooks/comments.js';
import { format, useStrings } from './strings.js';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Threads of one anchor: first comments (no parent) of the field, each with its replies, oldest first. */
function threadsOf(comments: CommentRow[], fieldName: string | null) {
  const roots = comments.filter((c) => c.parentId === null && c.fieldName === fieldName);
  return roots.map((root) => ({ root, replies: comments.filter((c) => c.parentId === root.id) }));
}

/** A range of a field's text a comment is about (character offsets into the field's text), with the quote. */
export interface TextSelection {
  from: number;
  to: number;
  text: string;
}

/**
 * The text selected inside a field, if any: the selection of its input or textarea, or the document's selection
 * within it (rich text, counted in characters of the field's text). What a new comment on the field anchors to.
 *
 * @example selectedTextIn(button.closest('[data-part="field"]'))
 */
export function selectedTextIn(field: Element | null): TextSelection | undefined {
  if (!field) return undefined;
  for (const input of field.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[type="text"], input:not([type]), textarea')) {
    const { selectionStart: from, selectionEnd: to } = input;
    if (from !== null && to !== null && to > from) return { from, to, text: input.value.slice(from, to).slice(0, 2000) };
  }
  const selection = field.ownerDocument.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
  const range = selection.getRangeAt(0);
  // Offsets count from the start of the editable text, not of the label and toolbar around it.
  const root = field.querySelector('[contenteditable="true"]') ?? field;
  if (!root.contains(range.commonAncestorContainer)) return undefined;
  const text = range.toString();
  if (!text.trim()) return undefined;
  const before = field.ownerDocument.createRange();
  before.selectNodeContents(root);
  before.setEnd(range.startContainer, range.startOffset);
  const from = before.toString().length;
  return { from, to: from + text.length, text: text.slice(0, 2000) };
}

/** A comment box: a labelled textarea and its send button. Ctrl/⌘+Enter sends. */
function CommentForm({
  label,
  submitLabel,
  onSubmit,
  pending,
}: {
  label: string;
  submitLabel: string;
  onSubmit: (content: string) => Promise<unknown>;
  pending: boolean;
}) {
  const t = useStrings();
  const id = useId();
  const [content, setContent] = useState('');
  const send = () => {
    if (!content.trim()) return;
    void onSubmit(content.trim()).then(() => setContent(''));
  };
  return (
    <div data-scope="comments" data-part="form">
      <label htmlFor={id} data-scope="comments" data-part="form-label">
        {label}
      </label>
      <textarea
        id={id}
        rows={2}
        placeholder={t.commentPlaceholder}
        value={content}
        onChange={(e) => setContent(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            send();
          }
        }}
      />
      <Button size="sm" loading={pending} disabled={!content.trim()} onClick={send}>
        {submitLabel}
      </Button>
    </div>
  );
}

export interface CommentThreadsProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The field the threads are about, or `null` for comments on the whole entry. */
  fieldName: string | null;
  /** What the new-comment box is labelled with. */
  label?: string;
  /** Also show resolved threads. */
  showResolved?: boolean;
  /** Text of the field a new thread is about (shown above the box, sent with the comment). */
  selection?: TextSelection;
  /** Called when the user drops the selection, or once a thread about it is started. */
  onSelectionDone?: () => void;
  /** Replacements for the editor's strings (i18n), over those of the enclosing editor. */
  overrides?: Partial<ContentEditorStrings>;
}

/**
 * The comment threads of one field (or of the whole entry): each first comment with its replies, a reply box, and
 * Resolve / Reopen; then a box to start a new thread. Everyone who can see the entry may comment, clients included.
 *
 * @example <CommentThreads fieldName="title" />
 */
export const CommentThreads = forwardRef<HTMLDivElement, CommentThreadsProps>(function CommentThreads({ overrides, ...props }, ref) {
  return (
    <StringsOverride overrides={overrides}>
      <CommentThreadsRoot ref={ref} {...props} />
    </StringsOverride>
  );
});

const CommentThreadsRoot = forwardRef<HTMLDivElement, Omit<CommentThreadsProps, 'overrides'>>(function CommentThreadsRoot(
  { fieldName, label, showResolved = true, selection, onSelectionDone, ...props },
  ref,
) {
  const editor = useEntryEditorContext();
  const t = useStrings();
  const author = useAuthorName();
  const entryId = editor.entryId!;
  const comments = useComments(entryId);
  const act = useCommentAction(entryId);
  // The root is there in every state, so the ref and the host's props always have their element.
  const root = { ref, ...props, 'data-scope': 'comments', 'data-part': 'threads' } as const;
  if (comments.isPending)
    return (
      <div {...root} data-state="loading">
        <Spinner size="sm" />
      </div>
    );
  if (comments.isError)
    return (
      <div {...root} data-state="error">
        <ErrorState error={comments.error} onRetry={() => comments.refetch()} />
      </div>
    );
  const threads = threadsOf(comments.data, fieldName).filter((thread) => showResolved || !thread.root.isResolved);
  return (
    <div {...root}>
      {threads.length === 0 && (
        <p data-scope="comments" data-part="empty">
          {t.commentsEmpty}
        </p>
      )}
      {threads.map(({ root, replies }) => (
        <article
          key={root.id}
          data-scope="comments"
          data-part="thread"
          data-state={root.isResolved ? 'resolved' : 'open'}
          aria-label={`${author(root.authorId)}: ${root.content.slice(0, 60)}`}
        >
          {[root, ...replies].map((comment) => (
            <div key={comment.id} data-scope="comments" data-part="comment">
              <p data-scope="comments" data-part="meta">
                <strong>{author(comment.authorId)}</strong>{' '}
                <time dateTime={comment.createdAt}>{dateTime.format(new Date(comment.createdAt))}</time>
              </p>
              {comment.selection && typeof (comment.selection as { text?: unknown }).text === 'string' && (
                <blockquote data-scope="comments" data-part="quote">
                  {(comment.selection as { text: string }).text}
                </blockquote>
              )}
              <p data-scope="comments" data-part="content">
                {comment.content}
              </p>
            </div>
          ))}
          <div data-scope="comments" data-part="thread-actions">
            {root.isResolved && <Badge tone="success">{t.resolved}</Badge>}
            <Button
              size="sm"
              variant="ghost"
              loading={act.isPending && act.variables?.kind !== 'create' && 'id' in act.variables && act.variables.id === root.id}
              onClick={() => act.mutate({ kind: root.isResolved ? 'reopen' : 'resolve', id: root.id })}
            >
              {root.isResolved ? t.reopen : t.resolve}
            </Button>
          </div>
          {!root.isResolved && (
            <CommentForm
              label={t.reply}
              submitLabel={t.reply}
              pending={act.isPending}
              onSubmit={(content) => act.mutateAsync({ kind: 'create', body: { entryId, content, parentId: root.id, fieldName } })}
            />
          )}
        </article>
      ))}
      {selection && (
        <div data-scope="comments" data-part="selection">
          <span>{t.commentOnSelection}</span>
          <blockquote data-scope="comments" data-part="quote">
            {selection.text}
          </blockquote>
          <Button size="sm" variant="ghost" onClick={onSelectionDone}>
            {t.commentWholeField}
          </Button>
        </div>
      )}
      <CommentForm
        label={label ?? t.commentSend}
        submitLabel={t.commentSend}
        pending={act.isPending}
        onSubmit={(content) =>
          act
            .mutateAsync({ kind: 'create', body: { entryId, content, fieldName, ...(selection && fieldName ? { selection } : {}) } })
            .then(() => onSelectionDone?.())
        }
      />
      {act.isError && <ErrorState error={act.error as SpokeStackError} />}
    </div>
  );
});

export interface FieldCommentsProps extends Omit<ComponentPropsWithoutRef<'button'>, 'children'> {
  /** The field whose threads the button opens. */
  field: ContentField;
  /** Id of the open-thread count, which the field's input names as its description ("2 open comments"). */
  descriptionId?: string;
  /** Replacements for the editor's strings (i18n), over those of the enclosing editor. */
  overrides?: Partial<ContentEditorStrings>;
}

/**
 * The comments button beside a field: how many open threads it has, and a popover with them and a box to start
 * one — about the text selected in the field, if any. The styled editor renders it through `EntryForm.Root`'s
 * `fieldAddon`; nothing before the entry exists.
 *
 * @example <EntryForm.Root editor={editor} fieldAddon={FieldComments}>…</EntryForm.Root>
 */
export const FieldComments = forwardRef<HTMLButtonElement, FieldCommentsProps>(function FieldComments({ overrides, ...props }, ref) {
  return (
    <StringsOverride overrides={overrides}>
      <FieldCommentsRoot ref={ref} {...props} />
    </StringsOverride>
  );
});

// The button is the root: the ref and the host's props land on it.
const FieldCommentsRoot = forwardRef<HTMLButtonElement, Omit<FieldCommentsProps, 'overrides'>>(function FieldCommentsRoot(
  { field, descriptionId, onPointerDown, onKeyDown, ...props },
  ref,
) {
  const editor = useEntryEditorContext();
  const t = useStrings();
  const name = field.label ?? field.name;
  // Only this field's count: a new comment elsewhere does not re-render the other fields.
  const open = useComments(
    editor.entryId,
    (comments) => comments.filter((c) => c.parentId === null && c.fieldName === field.name && !c.isResolved).length,
  );
  // Text selected in the field when the button is pressed: a new thread is about it. Taken on pointer down, before
  // the click moves focus (and, in rich text, the selection) away from the field.
  const [selection, setSelection] = useState<TextSelection>();
  if (!editor.entryId) return null;
  const count = open.data ?? 0;
  const capture = (button: HTMLElement) => setSelection(selectedTextIn(button.closest('[data-scope="entry-form"][data-part="field"]')));
  return (
    <Popover.Root onOpenChange={(next) => !next && setSelection(undefined)}>
      <Popover.Trigger asChild>
        <button
          ref={ref}
          type="button"
          {...props}
          onPointerDown={(e) => {
            capture(e.currentTarget);
            onPointerDown?.(e);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') capture(e.currentTarget);
            onKeyDown?.(e);
          }}
          data-scope="comments"
          data-part="trigger"
          data-state={count ? 'active' : 'empty'}
          aria-label={`${format(t.commentsOn, { field: name })}${count ? ` (${count})` : ''}`}
        >
          <CommentIcon />
          {/* Always there (empty without open threads): the field's input names it as its description. */}
          {count > 0 && (
            <span data-scope="comments" data-part="count" aria-hidden>
              {count}
            </span>
          )}
          <VisuallyHidden.Root id={descriptionId}>{count > 0 && format(t.openComments, { count })}</VisuallyHidden.Root>
        </button>
      </Popover.Trigger>
      <Popover.Content data-scope="comments" data-part="popover" aria-label={format(t.commentsOn, { field: name })}>
        <Popover.Title asChild>
          <p data-scope="comments" data-part="popover-title">
            {format(t.commentsOn, { field: name })}
          </p>
        </Popover.Title>
        <CommentThreads
          fieldName={field.name}
          label={format(t.commentOn, { field: name })}
          selection={selection}
          onSelectionDone={() => setSelection(undefined)}
        />
      </Popover.Content>
    </Popover.Root>
  );
});

export interface CommentsPanelProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** Replacements for the editor's strings (i18n), over those of the enclosing editor. */
  overrides?: Partial<ContentEditorStrings>;
  /** Class name of the root element. */
  className?: string;
}

// The part itself; the export below adds its `overrides`.
const CommentsPanelRoot = forwardRef<HTMLElement, Omit<CommentsPanelProps, 'overrides'>>(function CommentsPanelRoot(
  { className, ...props },
  ref,
) {
  const editor = useEntryEditorContext();
  const t = useStrings();
  const ids = useId();
  const [showResolved, setShowResolved] = useState(false);
  const comments = useComments(editor.entryId);
  if (!editor.entryId || !editor.type) return null;
  const fields = editor.type.schema.fields.filter((field) =>
    comments.data?.some((c) => c.fieldName === field.name && c.parentId === null && (showResolved || !c.isResolved)),
  );
  return (
    <section ref={ref} data-scope="comments" data-part="panel" className={className} {...props} aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} data-scope="comments" data-part="title">
        {t.comments}
      </h3>
      <label data-scope="comments" data-part="toggle">
        <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} /> {t.showResolved}
      </label>
      <h4 data-scope="comments" data-part="group">
        {t.commentsOnEntry}
      </h4>
      <CommentThreads fieldName={null} showResolved={showResolved} label={t.commentSend} />
      {fields.map((field) => (
        <div key={field.name} data-scope="comments" data-part="field-group">
          <h4 data-scope="comments" data-part="group">
            {field.label ?? field.name}
          </h4>
          <CommentThreads
            fieldName={field.name}
            showResolved={showResolved}
            label={format(t.commentOn, { field: field.label ?? field.name })}
          />
        </div>
      ))}
    </section>
  );
});

/**
 * Every comment thread of the entry in one panel: general comments first, then each commented field, with a
 * toggle for resolved threads.
 *
 * @example <CommentsPanel /> // inside a ContentEditor or EntryForm.Root
 */
export const CommentsPanel = forwardRef<HTMLElement, CommentsPanelProps>(function CommentsPanel({ overrides, ...props }, ref) {
  return (
    <StringsOverride overrides={overrides}>
      <CommentsPanelRoot ref={ref} {...props} />
    </StringsOverride>
  );
});
