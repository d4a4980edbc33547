import type { ContentEditorStrings } from './strings.js';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { StringsOverride } from './parts.js';
import { Button } from '../ui/Button.js';
import { useEntryEditorContext } from './controller.js';
import { usePublishEntry, useUnpublishEntry } from './hooks/publishing.js';
import { localeName } from './locale.js';
import { format, useStrings } from './strings.js';
import { runAction, useActionRow } from './review-actions.js';

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
  const { has } = useActionRow(editor);
  const publish = usePublishEntry();
  const unpublish = useUnpublishEntry();
  const { entry, type } = editor;
  if (!entry || !type || editor.mode === 'create' || editor.readOnly) return null;
  const source = editor.mode === 'edit';
  const live = source ? entry.publishedSlug !== null : Boolean(editor.translation?.publishedSlug);
  const locale = source ? undefined : editor.locale;
  return (
    <div ref={ref} data-scope="publish" data-part="root" data-state={live ? 'live' : 'offline'} className={className} {...props}>
      {has('publish') && (
        <Button
          size="sm"
          loading={publish.isPending}
          onClick={async (event) => {
            // The version is read after runAction's save: the publish is pinned to what was just saved.
            const version = () => (source ? (editor.store?.getState().version ?? undefined) : undefined);
            // The result is said in the save status (the editor's one polite live region), not in a toast as well.
            await runAction(editor, 'publish', event.currentTarget, () =>
              publish.mutateAsync({ id: entry.id, locale, version: version() }),
            );
          }}
        >
          {source ? t.publish : format(t.publishLocale, { locale: localeName(editor.locale) })}
        </Button>
      )}
      {has('unpublish') && (
        <Button
          size="sm"
          variant="secondary"
          loading={unpublish.isPending}
          onClick={(event) =>
            void runAction(editor, 'unpublish', event.currentTarget, () => unpublish.mutateAsync({ id: entry.id, locale }))
          }
        >
          {t.unpublish}
        </Button>
      )}
    </div>
  );
});

/**
 * Publish and unpublish the language being edited, now — each shown only when the entry's state allows it (the
 * readiness action row: with an approval workflow the source publishes once approved; nothing unchanged is
 * published again). Pending changes are saved first and the publish is pinned to that version; a refusal is shown
 * as a publish error, the fields it names marked, and focus goes to the first of them.
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
