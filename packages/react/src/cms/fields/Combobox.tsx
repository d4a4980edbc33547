import { useId, useState, type ReactNode } from 'react';
import { Spinner } from '../../ui/Spinner.js';

/** One choice of a `Combobox`. */
export interface ComboboxOption {
  /** Unique among the options. */
  key: string;
  /** What the option shows. */
  label: ReactNode;
}

interface ComboboxProps<O extends ComboboxOption> {
  id: string;
  /** The input's accessible name when no `<label>` points at it. */
  label?: string;
  describedBy?: string;
  invalid?: boolean;
  disabled?: boolean;
  dir?: 'ltr' | 'rtl';
  placeholder?: string;
  /** What is typed. */
  query: string;
  onQueryChange: (query: string) => void;
  /** Choices for what is typed. */
  options: O[];
  loading?: boolean;
  /** Shown when there is no option. */
  empty: ReactNode;
  onSelect: (option: O) => void;
  scope: string;
}

/**
 * A text input with a list of suggestions (WAI-ARIA combobox): typing filters, Arrow keys move through the list,
 * Enter picks, Escape closes. Used by the relation and tag pickers.
 *
 * @example <Combobox scope="tag-picker" id={id} query={q} onQueryChange={setQ} options={options} empty="No matches" onSelect={add} />
 */
export function Combobox<O extends ComboboxOption>({
  id,
  label,
  describedBy,
  invalid,
  disabled,
  dir,
  placeholder,
  query,
  onQueryChange,
  options,
  loading,
  empty,
  onSelect,
  scope,
}: ComboboxProps<O>) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const current = Math.min(active, options.length - 1);
  const pick = (option: O) => {
    onSelect(option);
    setActive(0);
  };
  return (
    <div data-scope={scope} data-part="combobox" data-state={open ? 'open' : 'closed'}>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && current >= 0 ? `${listId}-${current}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        disabled={disabled}
        dir={dir}
        placeholder={placeholder}
        autoComplete="off"
        data-scope={scope}
        data-part="search"
        value={query}
        onChange={(e) => {
          onQueryChange(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        // Not on focus: tabbing through the form must not pop a list open over the next fields; typing, a click or
        // ArrowDown opens it.
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, options.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === 'Enter') {
            // Enter picks the highlighted option rather than submitting the surrounding form.
            e.preventDefault();
            const option = options[current];
            if (open && option) pick(option);
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            setOpen(false);
          }
        }}
      />
      <ul id={listId} role="listbox" hidden={!open} data-scope={scope} data-part="listbox">
        {loading && (
          <li role="presentation" data-scope={scope} data-part="status">
            <Spinner size="sm" />
          </li>
        )}
        {!loading && options.length === 0 && (
          <li role="presentation" data-scope={scope} data-part="status">
            {empty}
          </li>
        )}
        {options.map((option, i) => (
          <li
            key={option.key}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            data-scope={scope}
            data-part="option"
            data-state={i === current ? 'active' : undefined}
            // mousedown, not click: the input's blur (which closes the list) would otherwise come first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(option);
            }}
            onMouseEnter={() => setActive(i)}
          >
            {option.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
