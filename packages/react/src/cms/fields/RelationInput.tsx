import { useDeferredValue, useState } from 'react';
import { Badge } from '../../ui/Badge.js';
import { Button } from '../../ui/Button.js';
import { useContentEntries, useContentEntry } from '../hooks/entries.js';
import { useStrings } from '../strings.js';
import { Combobox } from './Combobox.js';
import type { FieldInputProps, FieldOf } from './types.js';

const ids = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []).filter((v): v is string => typeof v === 'string' && v !== '');

/** One chosen entry, shown by its title (loaded by id, cached). */
function RelatedEntry({ id, onRemove, readOnly }: { id: string; onRemove: () => void; readOnly: boolean }) {
  const t = useStrings();
  const entry = useContentEntry(id);
  const title = entry.data?.title ?? id;
  return (
    <li data-scope="relation-field" data-part="item" data-state={entry.isError ? 'missing' : undefined}>
      <span data-scope="relation-field" data-part="title">
        {title}
      </span>
      {entry.data && <Badge tone="neutral">{t[`status${entry.data.status}`]}</Badge>}
      {!readOnly && (
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`${t.remove} ${title}`}>
          ✕
        </Button>
      )}
    </li>
  );
}

/**
 * A relation to entries of the field's content type: the chosen ones listed by title, and a search box over
 * entries of that type (full-text search once something is typed, the most recently edited ones before).
 *
 * @example <EntryForm.Input as={RelationInput} />
 */
export function RelationInput(props: FieldInputProps<FieldOf<'relation'>>) {
  const { field, value, onChange, id, describedBy, invalid, readOnly, dir } = props;
  const t = useStrings();
  const chosen = ids(value);
  const [query, setQuery] = useState('');
  const q = useDeferredValue(query.trim());
  const full = !field.multiple ? false : field.maxItems !== undefined && chosen.length >= field.maxItems;
  const results = useContentEntries(
    { type: field.contentType, limit: 10, ...(q ? { q } : { sort: '-updatedAt' }) },
    { enabled: !readOnly },
  );
  const options = (results.data?.rows ?? [])
    .filter((entry) => !chosen.includes(entry.id))
    .map((entry) => ({ key: entry.id, label: <span>{entry.title}</span>, entry }));
  return (
    <div data-scope="relation-field" data-part="root">
      {chosen.length > 0 && (
        <ul data-scope="relation-field" data-part="items">
          {chosen.map((entryId) => (
            <RelatedEntry
              key={entryId}
              id={entryId}
              readOnly={readOnly}
              onRemove={() => onChange(field.multiple ? chosen.filter((c) => c !== entryId) : undefined)}
            />
          ))}
        </ul>
      )}
      {!readOnly && !full && (field.multiple || chosen.length === 0) && (
        <Combobox
          scope="relation-field"
          id={id}
          describedBy={describedBy}
          invalid={invalid}
          dir={dir}
          placeholder={t.searchEntries}
          query={query}
          onQueryChange={setQuery}
          options={options}
          loading={results.isFetching && !results.data}
          empty={t.noMatches}
          onSelect={(option) => {
            onChange(field.multiple ? [...chosen, option.key] : option.key);
            setQuery('');
          }}
        />
      )}
    </div>
  );
}
