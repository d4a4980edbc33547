import type { ContentEditorStrings } from './strings.js';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { StringsOverride } from './parts.js';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Button } from '../ui/Button.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import { cx } from '../ui/utils.js';
import { useEntryEditorContext } from './controller.js';
import { TagPicker } from './fields/TagPicker.js';
import { useCategories } from './hooks/taxonomy.js';
import { FilePreview, MediaPickerDialog } from '../platform/media.js';
import { type MetaKey, metaKey, useDraftError, useDraftValue } from './store.js';
import { localeName } from './locale.js';
import { format, useStrings } from './strings.js';

export interface SeoPanelProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** Replacements for the editor's strings (i18n), over those of the enclosing editor. */
  overrides?: Partial<ContentEditorStrings>;
  /** Class name of the root element. */
  className?: string;
  /** Also show the entry's taxonomy: tags and categories (default true). */
  tags?: boolean;
}

/** The entry's categories: a checkbox per category of the organization's tree, indented by depth. */
function CategoriesMeta({ readOnly }: { readOnly: boolean }) {
  const t = useStrings();
  const categories = useCategories();
  const [value, setValue] = useDraftValue(metaKey('categoryIds'));
  const error = useDraftError(metaKey('categoryIds'));
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  const rows = categories.data ?? [];
  return (
    <fieldset data-scope="seo-panel" data-part="field" data-field="categoryIds" data-state={error ? 'invalid' : undefined}>
      <legend data-scope="seo-panel" data-part="label">
        {t.categories}
      </legend>
      {categories.isPending ? (
        <Spinner size="sm" />
      ) : categories.isError ? (
        <ErrorState error={categories.error} onRetry={() => categories.refetch()} />
      ) : rows.length === 0 ? (
        <p data-scope="seo-panel" data-part="hint">
          {t.categoriesEmpty}
        </p>
      ) : (
        <ul data-scope="seo-panel" data-part="categories">
          {rows.map((category) => (
            <li key={category.id} style={{ paddingInlineStart: `${category.depth * 1.25}rem` }}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.includes(category.id)}
                  disabled={readOnly}
                  onChange={(e) => setValue(e.target.checked ? [...chosen, category.id] : chosen.filter((id) => id !== category.id))}
                />
                {category.name}
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" data-scope="seo-panel" data-part="error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** One metadata input with its label, hint and the server's error. */
function MetaField({
  name,
  label,
  hint,
  readOnly,
  children,
}: {
  name: MetaKey;
  label: string;
  hint?: string;
  readOnly: boolean;
  children: (props: { id: string; describedBy?: string; invalid: boolean; readOnly: boolean }) => ReactNode;
}) {
  const id = useId();
  const error = useDraftError(metaKey(name));
  return (
    <div data-scope="seo-panel" data-part="field" data-field={name} data-state={error ? 'invalid' : undefined}>
      <label htmlFor={id} data-scope="seo-panel" data-part="label">
        {label}
      </label>
      {children({
        id,
        describedBy: cx(hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined),
        invalid: Boolean(error),
        readOnly,
      })}
      {hint && (
        <p id={`${id}-hint`} data-scope="seo-panel" data-part="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" data-scope="seo-panel" data-part="error">
          {error}
        </p>
      )}
    </div>
  );
}

function TextMeta({
  name,
  label,
  max,
  multiline = false,
  readOnly,
}: {
  name: 'seoTitle' | 'seoDescription' | 'canonicalUrl' | 'ogTitle' | 'ogDescription';
  label: string;
  max?: number;
  multiline?: boolean;
  readOnly: boolean;
}) {
  const t = useStrings();
  const editor = useEntryEditorContext();
  const [value, setValue] = useDraftValue(metaKey(name));
  const text = typeof value === 'string' ? value : '';
  // A translation serves the source's value where it sets none: show it, greyed, as what an empty field means.
  const source = editor.mode === 'translation' ? editor.entry?.[name] : undefined;
  return (
    <MetaField name={name} label={label} readOnly={readOnly} hint={max ? format(t.charactersOf, { count: text.length, max }) : undefined}>
      {({ describedBy, invalid, ...props }) => {
        const shared = {
          ...props,
          'aria-describedby': describedBy,
          'aria-invalid': invalid || undefined,
          value: text,
          maxLength: max,
          placeholder: source ?? undefined,
          'data-scope': 'entry-form',
          'data-part': 'input',
          onChange: (e: { target: { value: string } }) => setValue(e.target.value || null),
        };
        return multiline ? (
          <textarea {...shared} rows={3} />
        ) : (
          <input type={name === 'canonicalUrl' ? 'url' : 'text'} dir={name === 'canonicalUrl' ? 'ltr' : undefined} {...shared} />
        );
      }}
    </MetaField>
  );
}

function KeywordsMeta({ readOnly }: { readOnly: boolean }) {
  const t = useStrings();
  const [value, setValue] = useDraftValue(metaKey('seoKeywords'));
  const keywords = Array.isArray(value) ? (value as string[]) : [];
  // Typed text stays as typed (a trailing comma, a space) while the draft holds the parsed list.
  const [text, setText] = useState(keywords.join(', '));
  const own = useRef(value);
  useEffect(() => {
    if (value !== own.current) {
      own.current = value;
      setText(Array.isArray(value) ? value.join(', ') : '');
    }
  }, [value]);
  return (
    <MetaField name="seoKeywords" label={t.seoKeywords} hint={t.seoKeywordsHint} readOnly={readOnly}>
      {({ describedBy, invalid, ...props }) => (
        <input
          type="text"
          {...props}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-scope="entry-form"
          data-part="input"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            const next = e.target.value
              .split(',')
              .map((k) => k.trim())
              .filter(Boolean);
            own.current = next;
            setValue(next);
          }}
        />
      )}
    </MetaField>
  );
}

// The part itself; the export below adds its `overrides`.
const SeoPanelRoot = forwardRef<HTMLElement, Omit<SeoPanelProps, 'overrides'>>(function SeoPanelRoot(
  { className, tags = true, ...props },
  ref,
) {
  const editor = useEntryEditorContext();
  const t = useStrings();
  // SEO and social fields belong to each language; tags and categories are the entry's, edited in its own language.
  const readOnly = editor.readOnly;
  const taxonomyReadOnly = editor.readOnly || editor.mode === 'translation';
  const [noIndex, setNoIndex] = useDraftValue(metaKey('noIndex'));
  const [categoryIds] = useDraftValue(metaKey('categoryIds'));
  const [ogImageId, setOgImageId] = useDraftValue(metaKey('ogImageId'));
  const [tagIds, setTagIds] = useDraftValue(metaKey('tagIds'));
  const noIndexId = useId();
  const tagsId = useId();
  return (
    <section ref={ref} data-scope="seo-panel" data-part="root" className={className} {...props} aria-label={t.seo}>
      {editor.mode === 'translation' && (
        <p data-scope="seo-panel" data-part="shared">
          {format(t.seoPerLocale, { locale: localeName(editor.sourceLocale) })}
        </p>
      )}
      <TextMeta name="seoTitle" label={t.seoTitle} max={300} readOnly={readOnly} />
      <TextMeta name="seoDescription" label={t.seoDescription} max={1000} multiline readOnly={readOnly} />
      <KeywordsMeta readOnly={readOnly} />
      <TextMeta name="canonicalUrl" label={t.canonicalUrl} max={2000} readOnly={readOnly} />
      <div data-scope="seo-panel" data-part="field" data-field="noIndex">
        <input
          id={noIndexId}
          type="checkbox"
          checked={noIndex === true}
          disabled={readOnly}
          onChange={(e) => setNoIndex(e.target.checked)}
        />
        <label htmlFor={noIndexId} data-scope="seo-panel" data-part="label">
          {t.noIndex}
        </label>
      </div>
      <TextMeta name="ogTitle" label={t.ogTitle} max={300} readOnly={readOnly} />
      <TextMeta name="ogDescription" label={t.ogDescription} max={1000} multiline readOnly={readOnly} />
      {/* Headings with nothing under them (read-only, nothing chosen) are left out. */}
      {(!readOnly || typeof ogImageId === 'string') && (
        <MetaField name="ogImageId" label={t.ogImage} readOnly={readOnly}>
          {({ id }) => (
            <div id={id} data-scope="seo-panel" data-part="image">
              {typeof ogImageId === 'string' && <FilePreview fileId={ogImageId} />}
              {!readOnly && (
                <>
                  <MediaPickerDialog
                    accept={['image/*']}
                    title={t.ogImage}
                    onSelect={(file) => setOgImageId(file.id)}
                    trigger={
                      <Button size="sm" variant="secondary">
                        {t.library}
                      </Button>
                    }
                  />
                  {typeof ogImageId === 'string' && (
                    <Button size="sm" variant="ghost" onClick={() => setOgImageId(null)}>
                      {t.remove}
                    </Button>
                  )}
                </>
              )}
            </div>
          )}
        </MetaField>
      )}
      {tags && (!taxonomyReadOnly || (Array.isArray(tagIds) && tagIds.length > 0)) && (
        <div data-scope="seo-panel" data-part="field" data-field="tagIds">
          <label htmlFor={tagsId} data-scope="seo-panel" data-part="label">
            {t.taxonomy}
          </label>
          <TagPicker
            mode="ids"
            id={tagsId}
            value={Array.isArray(tagIds) ? (tagIds as string[]) : []}
            onChange={setTagIds}
            readOnly={taxonomyReadOnly}
          />
        </div>
      )}
      {tags && (!taxonomyReadOnly || (Array.isArray(categoryIds) && categoryIds.length > 0)) && (
        <CategoriesMeta readOnly={taxonomyReadOnly} />
      )}
    </section>
  );
});

/**
 * The entry's SEO and social metadata — SEO title, meta description, keywords, canonical URL, noindex, social
 * title, description and image — and its taxonomy (tags, categories), bound to the draft (autosaved with it). While a
 * translation is edited, the SEO and social fields are that language's own (the source's shown where it sets none);
 * tags and categories are the entry's, read-only there.
 *
 * @example <SeoPanel /> // inside a ContentEditor or EntryForm.Root
 */
export const SeoPanel = forwardRef<HTMLElement, SeoPanelProps>(function SeoPanel({ overrides, ...props }, ref) {
  return (
    <StringsOverride overrides={overrides}>
      <SeoPanelRoot ref={ref} {...props} />
    </StringsOverride>
  );
});
