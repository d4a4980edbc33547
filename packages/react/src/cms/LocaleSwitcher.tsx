import type { ContentEditorStrings } from './strings.js';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { StringsOverride } from './parts.js';
import { useId } from 'react';
import { localizationStatus, type LocalizationStatus } from '@spokestack/core/cms';
import { Badge, type Tone } from '../ui/Badge.js';
import { useEntryEditorContext } from './controller.js';
import { localeName } from './locale.js';
import { useStrings } from './strings.js';

const translationTone: Record<LocalizationStatus, Tone> = {
  PENDING: 'neutral',
  IN_PROGRESS: 'info',
  REVIEW: 'warning',
  APPROVED: 'success',
  OUTDATED: 'danger',
};

export interface LocaleSwitcherProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Replacements for the editor's strings (i18n), over those of the enclosing editor. */
  overrides?: Partial<ContentEditorStrings>;
  /** Class name of the root element. */
  className?: string;
}

// The part itself; the export below adds its `overrides`.
const LocaleSwitcherRoot = forwardRef<HTMLDivElement, Omit<LocaleSwitcherProps, 'overrides'>>(function LocaleSwitcherRoot(
  { className, ...props },
  ref,
) {
  const editor = useEntryEditorContext();
  const t = useStrings();
  const statusId = useId();
  if (editor.mode === 'create' || editor.locales.length < 2) return null;
  const byLocale = new Map(editor.translations.map((row) => [row.locale, row]));
  const locales = [editor.sourceLocale, ...editor.locales.filter((l) => l !== editor.sourceLocale)];
  return (
    <div ref={ref} data-scope="locale-switcher" data-part="root" className={className} {...props}>
      <fieldset data-scope="locale-switcher" data-part="group">
        <legend data-scope="locale-switcher" data-part="legend">
          {t.language}
        </legend>
        {locales.map((locale) => {
          const translation = byLocale.get(locale);
          const source = locale === editor.sourceLocale;
          return (
            <label
              key={locale}
              data-scope="locale-switcher"
              data-part="option"
              data-state={locale === editor.locale ? 'checked' : undefined}
              lang={locale}
            >
              <input
                type="radio"
                name={`${statusId}-locale`}
                value={locale}
                checked={locale === editor.locale}
                onChange={() => void editor.setLocale(locale)}
              />
              <span data-scope="locale-switcher" data-part="name">
                {localeName(locale)} <code>{locale}</code>
              </span>
              {source ? (
                <Badge tone="info" data-status={editor.entry?.status}>
                  {t.sourceLocale} · {editor.entry ? t[`status${editor.entry.status}`] : ''}
                </Badge>
              ) : translation ? (
                <Badge tone={translationTone[translation.status]} data-status={translation.status}>
                  {t[`translation${translation.status}`]}
                </Badge>
              ) : (
                <Badge tone="neutral" data-status="MISSING">
                  {t.translationMissing}
                </Badge>
              )}
            </label>
          );
        })}
      </fieldset>
      {editor.mode === 'translation' && editor.translation && !editor.readOnly && (
        <label data-scope="locale-switcher" data-part="status">
          <span id={statusId}>{t.translationStatus}</span>
          <select
            aria-labelledby={statusId}
            value={editor.translation.status}
            onChange={(e) => void editor.setTranslationStatus(e.target.value as LocalizationStatus)}
          >
            {localizationStatus.map((status) => (
              <option key={status} value={status}>
                {t[`translation${status}`]}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
});

/**
 * The organization's languages as a radio group: the entry's own language with its status, each other one with
 * its translation status (or "Not translated"). Choosing one saves pending changes and edits that language's
 * localized fields; in a translation a select sets its status. Hidden for new entries and single-language
 * organizations.
 *
 * @example <LocaleSwitcher /> // inside a ContentEditor or EntryForm.Root
 */
export const LocaleSwitcher = forwardRef<HTMLDivElement, LocaleSwitcherProps>(function LocaleSwitcher({ overrides, ...props }, ref) {
  return (
    <StringsOverride overrides={overrides}>
      <LocaleSwitcherRoot ref={ref} {...props} />
    </StringsOverride>
  );
});
