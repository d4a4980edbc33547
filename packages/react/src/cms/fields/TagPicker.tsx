import { type ComponentPropsWithoutRef, forwardRef, useState } from 'react';
import type { TagRow } from '@spokestack/core/cms';
import { Button } from '../../ui/Button.js';
import { useCreateTag, useTags } from '../hooks/taxonomy.js';
import { StringsOverride } from '../parts.js';
import { type ContentEditorStrings, format, useStrings } from '../strings.js';
import { Combobox } from './Combobox.js';

/** Props of `TagPicker`. */
export interface TagPickerProps extends Omit<ComponentPropsWithoutRef<'div'>, 'id' | 'dir' | 'onChange' | 'defaultValue' | 'children'> {
  /** The chosen tags: names (a `tags` field) or tag ids (the entry's taxonomy). */
  value: string[];
  onChange: (value: string[]) => void;
  /**
   * `names`: the value holds tag names, and a new name is simply added; `ids`: the value holds ids of the
   * organization's tags, and a new name creates the tag first.
   */
  mode: 'names' | 'ids';
  id: string;
  /** The search input's accessible name when no `<label>` points at it. */
  label?: string;
  describedBy?: string;
  invalid?: boolean;
  readOnly?: boolean;
  dir?: 'ltr' | 'rtl';
  /** At most this many tags. */
  maxItems?: number;
  /** Replacements for the editor's strings (i18n), over those of the enclosing editor. */
  overrides?: Partial<ContentEditorStrings>;
}

/**
 * Chosen tags as removable chips and a search box over the organization's tags; typing a name that does not exist
 * offers to create it.
 *
 * @example <TagPicker mode="ids" value={tagIds} onChange={setTagIds} id="tags" label="Tags" />
 */
export const TagPicker = forwardRef<HTMLDivElement, TagPickerProps>(function TagPicker({ overrides, ...props }, ref) {
  return (
    <StringsOverride overrides={overrides}>
      <TagPickerRoot ref={ref} {...props} />
    </StringsOverride>
  );
});

const TagPickerRoot = forwardRef<HTMLDivElement, Omit<TagPickerProps, 'overrides'>>(function TagPickerRoot(
  { value, onChange, mode, id, label, describedBy, invalid, readOnly = false, dir, maxItems, ...props },
  ref,
) {
  const t = useStrings();
  const tags = useTags();
  const create = useCreateTag();
  const [query, setQuery] = useState('');
  const all = tags.data ?? [];
  const byKey = new Map(all.map((tag) => [mode === 'ids' ? tag.id : tag.name, tag]));
  const typed = query.trim();
  const matches = all
    .filter((tag) => !value.includes(mode === 'ids' ? tag.id : tag.name) && tag.name.toLowerCase().includes(typed.toLowerCase()))
    .slice(0, 20);
  const exists =
    all.some((tag) => tag.name.toLowerCase() === typed.toLowerCase()) || value.some((v) => v.toLowerCase() === typed.toLowerCase());
  type Option = { key: string; label: string; tag?: TagRow; create?: string };
  const options: Option[] = [
    ...matches.map((tag) => ({ key: tag.id, label: tag.name, tag })),
    ...(typed && !exists ? [{ key: `create:${typed}`, label: format(t.createTag, { name: typed }), create: typed }] : []),
  ];
  const full = maxItems !== undefined && value.length >= maxItems;

  const add = async (option: Option) => {
    setQuery('');
    if (option.tag) return onChange([...value, mode === 'ids' ? option.tag.id : option.tag.name]);
    if (!option.create) return;
    if (mode === 'names') return onChange([...value, option.create]);
    const tag = await create.mutateAsync({ name: option.create });
    onChange([...value, tag.id]);
  };

  return (
    <div ref={ref} {...props} data-scope="tag-picker" data-part="root">
      {value.length > 0 && (
        <ul data-scope="tag-picker" data-part="chips">
          {value.map((key) => {
            const name = mode === 'ids' ? (byKey.get(key)?.name ?? key) : key;
            return (
              <li
                key={key}
                data-scope="tag-picker"
                data-part="chip"
                style={byKey.get(key)?.color ? { borderColor: byKey.get(key)!.color! } : undefined}
              >
                {name}
                {!readOnly && (
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`${t.remove} ${name}`}
                    onClick={() => onChange(value.filter((v) => v !== key))}
                  >
                    ✕
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!readOnly && !full && (
        <Combobox
          scope="tag-picker"
          id={id}
          label={label}
          describedBy={describedBy}
          invalid={invalid || create.isError}
          dir={dir}
          placeholder={t.addTag}
          query={query}
          onQueryChange={setQuery}
          options={options}
          loading={tags.isPending || create.isPending}
          empty={t.noMatches}
          onSelect={(option) => void add(option)}
        />
      )}
      {create.isError && (
        <p role="alert" data-scope="tag-picker" data-part="error">
          {create.error.detail ?? create.error.title}
        </p>
      )}
    </div>
  );
});
