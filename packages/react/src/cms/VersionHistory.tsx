import { type ComponentPropsWithoutRef, forwardRef, type ReactNode, useState } from 'react';
import { useStore } from 'zustand';
import type { ContentField, ContentTypeRow, FieldChange, VersionSummary } from '@spokestack/core/cms';
import { useFile } from '../platform/files.js';
import { useSpokeStack } from '../provider.js';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import * as Dialog from '../ui/Dialog.js';
import { EmptyState } from '../ui/EmptyState.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import { useToast } from '../ui/Toast.js';
import type { ClassNames } from '../ui/utils.js';
import { useAuthorName } from './authors.js';
import { useEntryEditorContext } from './controller.js';
import { diffWords, valueText } from './diff.js';
import { useEntryVersions, useRestoreVersion, useVersionDiff } from './hooks/versions.js';
import { StringsOverride } from './parts.js';
import { useEntryEditorStore } from './store.js';
import { type ContentEditorStrings, format, useStrings } from './strings.js';

export interface VersionHistoryProps extends Omit<ComponentPropsWithoutRef<'button'>, 'children'> {
  /** The button that opens the dialog (it receives the ref, `className` and other props); defaults to a "History" button. */
  trigger?: ReactNode;
  /** Class name of the root element: the button that opens the dialog. */
  className?: string;
  /** Class names of the dialog (`dialog`) and its parts. */
  classNames?: ClassNames<'dialog' | 'list' | 'version' | 'diff' | 'change'>;
  /** Replacements for the editor's strings (i18n), over those of the enclosing editor. */
  overrides?: Partial<ContentEditorStrings>;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The entry's version history in a dialog: every saved version (newest first, with its author, time and the labels of
 * the fields it changed since the one before; version 1 reads "Created"), a field-by-field comparison of any two
 * (word-level for text, media as file names with thumbnails, SEO and social fields by their labels), and a button
 * that restores the selected version into the draft as a new version, after a confirmation dialog. The current version
 * offers no restore; restoring never publishes. Keyboard: the list is a set of buttons, the dialogs trap focus and
 * close on Escape.
 *
 * @example <VersionHistory /> // inside a ContentEditor or EntryForm.Root
 */
export const VersionHistory = forwardRef<HTMLButtonElement, VersionHistoryProps>(function VersionHistory({ overrides, ...props }, ref) {
  return (
    <StringsOverride overrides={overrides}>
      <VersionHistoryRoot ref={ref} {...props} />
    </StringsOverride>
  );
});

const VersionHistoryRoot = forwardRef<HTMLButtonElement, Omit<VersionHistoryProps, 'overrides'>>(function VersionHistoryRoot(
  { trigger, classNames, ...props },
  ref,
) {
  const editor = useEntryEditorContext();
  const t = useStrings();
  const [open, setOpen] = useState(false);
  if (!editor.entryId) return null;
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      {/* The trigger is the root: the ref and the host's props land on it (Radix merges them into a custom one). */}
      <Dialog.Trigger asChild ref={ref} {...props}>
        {trigger ?? (
          <Button variant="secondary" size="sm">
            {t.history}
          </Button>
        )}
      </Dialog.Trigger>
      <Dialog.Content className={classNames?.dialog} data-size="lg">
        <Dialog.Title>{t.historyTitle}</Dialog.Title>
        <Dialog.Description>{t.historyDescription}</Dialog.Description>
        {open && <HistoryBody entryId={editor.entryId} classNames={classNames} onRestored={() => setOpen(false)} />}
        <div data-scope="dialog" data-part="footer">
          <Dialog.Close asChild>
            <Button variant="secondary">{t.close}</Button>
          </Dialog.Close>
        </div>
      </Dialog.Content>
    </Dialog.Root>
  );
});

function HistoryBody({
  entryId,
  classNames,
  onRestored,
}: {
  entryId: string;
  classNames?: VersionHistoryProps['classNames'];
  onRestored: () => void;
}) {
  const t = useStrings();
  const editor = useEntryEditorContext();
  const versions = useEntryVersions(entryId);
  const rows = versions.data?.rows ?? [];
  const [selected, setSelected] = useState<number | null>(null);
  const [compareWith, setCompareWith] = useState<number | null>(null);
  if (versions.isPending) return <Spinner />;
  if (versions.isError) return <ErrorState error={versions.error} onRetry={() => versions.refetch()} retrying={versions.isRefetching} />;
  if (!rows.length) return <EmptyState title={t.historyEmpty} />;
  const newest = rows[0]!.versionNumber;
  const current = selected ?? newest;
  const index = rows.findIndex((v) => v.versionNumber === current);
  // By default the newest version is compared with the one before it; older ones with the newest (what restoring would undo).
  const other = compareWith ?? (index === 0 ? (rows[1]?.versionNumber ?? null) : rows[0]!.versionNumber);
  return (
    <div data-scope="version-history" data-part="body">
      <ol data-scope="version-history" data-part="list" className={classNames?.list} aria-label={t.historyTitle}>
        {rows.map((version) => (
          <li key={version.id}>
            <VersionButton
              version={version}
              type={editor.type}
              newest={version.versionNumber === newest}
              selected={version.versionNumber === current}
              className={classNames?.version}
              onSelect={() => {
                setSelected(version.versionNumber);
                setCompareWith(null);
              }}
            />
          </li>
        ))}
        {versions.hasNextPage && (
          <li>
            <Button size="sm" variant="ghost" loading={versions.isFetchingNextPage} onClick={() => versions.fetchNextPage()}>
              {t.loadMore}
            </Button>
          </li>
        )}
      </ol>
      <section data-scope="version-history" data-part="detail" aria-live="polite">
        {rows.length > 1 && (
          <label data-scope="version-history" data-part="compare">
            <span>{t.compareWith}</span>
            <select value={other ?? ''} onChange={(e) => setCompareWith(Number(e.target.value))}>
              {rows
                .filter((v) => v.versionNumber !== current)
                .map((v) => (
                  <option key={v.id} value={v.versionNumber}>
                    {format(t.version, { number: v.versionNumber })}
                  </option>
                ))}
            </select>
          </label>
        )}
        {other !== null && (
          <VersionDiff
            entryId={entryId}
            from={Math.min(other, current)}
            to={Math.max(other, current)}
            className={classNames?.diff}
            changeClassName={classNames?.change}
          />
        )}
        {current !== newest && <RestoreButton entryId={entryId} versionNumber={current} onRestored={onRestored} />}
      </section>
    </div>
  );
}

function VersionButton({
  version,
  type,
  newest,
  selected,
  onSelect,
  className,
}: {
  version: VersionSummary;
  type: ContentTypeRow | null;
  newest: boolean;
  selected: boolean;
  onSelect: () => void;
  className?: string;
}) {
  const t = useStrings();
  const authorName = useAuthorName();
  // In the form's order: the type's fields first, then the title, slug and SEO fields.
  const order = (key: string) => type?.schema.fields.findIndex((f) => f.name === key) ?? -1;
  const keys = [...version.changedFields].sort((a, b) => (order(a) < 0 ? 1e6 : order(a)) - (order(b) < 0 ? 1e6 : order(b)));
  const labels = [...new Set(keys.map((key) => fieldOf(type, key, t).label))];
  return (
    <button
      type="button"
      aria-pressed={selected}
      data-scope="version-history"
      data-part="version"
      data-state={selected ? 'selected' : undefined}
      className={className}
      onClick={onSelect}
    >
      <span data-scope="version-history" data-part="version-number">
        {format(t.version, { number: version.versionNumber })}
      </span>
      {newest && <Badge tone="success">{t.versionCurrent}</Badge>}
      {version.isRestored && <Badge tone="info">{t.restored}</Badge>}
      <span data-scope="version-history" data-part="meta">
        <time dateTime={version.createdAt}>{dateTime.format(new Date(version.createdAt))}</time>{' '}
        <span data-scope="version-history" data-part="author">
          {format(t.versionBy, { name: authorName(version.createdById) })}
        </span>
      </span>
      {version.changeNote && (
        <span data-scope="version-history" data-part="note">
          {version.changeNote}
        </span>
      )}
      {(labels.length > 0 || version.versionNumber === 1) && (
        <span data-scope="version-history" data-part="fields">
          {version.versionNumber === 1 ? t.versionCreated : labels.join(', ')}
        </span>
      )}
    </button>
  );
}

/** The field-by-field difference between two versions, labelled by the content type's field labels. */
function VersionDiff({
  entryId,
  from,
  to,
  className,
  changeClassName,
}: {
  entryId: string;
  from: number;
  to: number;
  className?: string;
  changeClassName?: string;
}) {
  const t = useStrings();
  const editor = useEntryEditorContext();
  const diff = useVersionDiff(entryId, from, to);
  if (diff.isPending) return <Spinner />;
  if (diff.isError) return <ErrorState error={diff.error} onRetry={() => diff.refetch()} />;
  return (
    <div data-scope="version-history" data-part="diff" className={className}>
      <p data-scope="version-history" data-part="diff-title">
        {format(t.version, { number: diff.data.from })} → {format(t.version, { number: diff.data.to })}
      </p>
      {diff.data.changes.length === 0 ? (
        <p>{t.noChanges}</p>
      ) : (
        <dl>
          {diff.data.changes.map((change) => (
            <ChangeRow key={change.field} change={change} type={editor.type} className={changeClassName} />
          ))}
        </dl>
      )}
    </div>
  );
}

/** The SEO and social fields a version diff names, read like fields of these types. */
const seoFields = {
  seoTitle: 'text',
  seoDescription: 'text',
  seoKeywords: 'tags',
  canonicalUrl: 'text',
  noIndex: 'boolean',
  ogTitle: 'text',
  ogDescription: 'text',
  ogImageId: 'media',
} as const;
type SeoField = keyof typeof seoFields;

/**
 * How the history names and shows a changed key: a field of the type by its label, an SEO or social field by the
 * panel's label, the entry's title and slug by theirs; never a raw key where a label exists.
 */
function fieldOf(
  type: ContentTypeRow | null,
  key: string,
  t: ReturnType<typeof useStrings>,
): { label: string; field: ContentField | undefined; media: boolean } {
  const field = type?.schema.fields.find((f) => f.name === key);
  if (field) return { label: field.label ?? field.name, field, media: field.type === 'media' };
  if (key in seoFields) {
    const kind = seoFields[key as SeoField];
    const label = key === 'ogImageId' ? t.ogImage : t[key as Exclude<SeoField, 'ogImageId'>];
    // A stand-in field, so values read like those of a field of that type.
    return { label, field: { name: key, type: kind === 'media' ? 'text' : kind } as ContentField, media: kind === 'media' };
  }
  return { label: key === 'title' ? t.entryTitle : key === 'slug' ? t.entrySlug : key, field: undefined, media: false };
}

/** The files of a media value (one `{ fileId }`, a list of them, or a bare file id): thumbnails and names, never ids. */
function MediaFiles({ value }: { value: unknown }) {
  const items = (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).map((m: unknown) =>
    typeof m === 'string' ? { fileId: m } : (m as { fileId?: string; alt?: string }),
  );
  const t = useStrings();
  if (!items.length) return <>{t.noValue}</>;
  return (
    <span data-scope="version-history" data-part="files">
      {items.map((m, i) => (m.fileId ? <FileChip key={`${m.fileId}-${i}`} fileId={m.fileId} alt={m.alt} /> : null))}
    </span>
  );
}

function FileChip({ fileId, alt }: { fileId: string; alt?: string }) {
  const sdk = useSpokeStack();
  const t = useStrings();
  const file = useFile(fileId);
  return (
    <span data-scope="version-history" data-part="file" data-state={file.isError ? 'missing' : undefined}>
      {file.data?.mimeType.startsWith('image/') && <img src={sdk.http.url(file.data.url)} alt="" loading="lazy" />}
      <span>
        {file.data?.name ?? (file.isError ? t.fileMissing : '…')}
        {alt ? ` · ${alt}` : ''}
      </span>
    </span>
  );
}

function ChangeRow({ change, type, className }: { change: FieldChange; type: ContentTypeRow | null; className?: string }) {
  const t = useStrings();
  const { label: fieldLabel, field, media } = fieldOf(type, change.field, t);
  const words = { yes: t.yes, no: t.no };
  const before = media ? '' : valueText(field, change.before, words);
  const after = media ? '' : valueText(field, change.after, words);
  const label = { added: t.added, removed: t.removedChange, changed: t.changed }[change.change];
  const inline = !media && change.change === 'changed' && (field?.type === 'text' || field?.type === 'richtext' || field?.type === 'slug');
  return (
    <div data-scope="version-history" data-part="change" data-state={change.change} className={className}>
      <dt>
        {fieldLabel} <Badge tone={change.change === 'added' ? 'success' : change.change === 'removed' ? 'danger' : 'info'}>{label}</Badge>
      </dt>
      {inline ? (
        <dd data-scope="version-history" data-part="words">
          {diffWords(before, after).map((part, i) =>
            part.kind === 'same' ? (
              <span key={i}>{part.text}</span>
            ) : part.kind === 'removed' ? (
              <del key={i}>{part.text}</del>
            ) : (
              <ins key={i}>{part.text}</ins>
            ),
          )}
        </dd>
      ) : (
        <>
          {change.change !== 'added' && (
            <dd data-scope="version-history" data-part="before">
              <span>{t.before}: </span>
              <del>{media ? <MediaFiles value={change.before} /> : before || t.noValue}</del>
            </dd>
          )}
          {change.change !== 'removed' && (
            <dd data-scope="version-history" data-part="after">
              <span>{t.after}: </span>
              <ins>{media ? <MediaFiles value={change.after} /> : after || t.noValue}</ins>
            </dd>
          )}
        </>
      )}
    </div>
  );
}

function RestoreButton({ entryId, versionNumber, onRestored }: { entryId: string; versionNumber: number; onRestored: () => void }) {
  const t = useStrings();
  const editor = useEntryEditorContext();
  const store = useEntryEditorStore();
  const dirty = useStore(store, (state) => Object.keys(state.dirty).length > 0);
  const { toast } = useToast();
  const restore = useRestoreVersion({
    onSuccess: (entry) => {
      editor.adopt(entry);
      toast({ title: format(t.restoredToast, { number: versionNumber }), tone: 'success' });
      onRestored();
    },
  });
  const [confirming, setConfirming] = useState(false);
  if (editor.readOnly || editor.mode !== 'edit') return null;
  // A restore replaces the draft: it asks first, in a dialog of its own over the history.
  return (
    <div data-scope="version-history" data-part="restore">
      <Dialog.Root open={confirming} onOpenChange={setConfirming}>
        <Dialog.Trigger asChild>
          <Button>{format(t.restore, { number: versionNumber })}</Button>
        </Dialog.Trigger>
        <Dialog.Content role="alertdialog">
          <Dialog.Title>{format(t.restoreConfirmTitle, { number: versionNumber })}</Dialog.Title>
          <Dialog.Description>{format(t.restoreConfirm, { number: versionNumber })}</Dialog.Description>
          {dirty && (
            <p data-scope="version-history" data-part="warning">
              {t.restoreUnsaved}
            </p>
          )}
          {restore.isError && <ErrorState error={restore.error} />}
          <div data-scope="dialog" data-part="footer">
            <Dialog.Close asChild>
              <Button variant="secondary">{t.cancel}</Button>
            </Dialog.Close>
            <Button
              loading={restore.isPending}
              onClick={() => restore.mutate({ id: entryId, versionNumber, version: store.getState().version ?? undefined })}
            >
              {format(t.restore, { number: versionNumber })}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Root>
    </div>
  );
}
