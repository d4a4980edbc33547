import { useEffect, useRef, useState } from 'react';
import { Button } from '../../ui/Button.js';
import { useEntryEditorStore } from '../store.js';
import { format, useStrings } from '../strings.js';
import type { FieldInputProps, FieldOf } from './types.js';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Shared props of native inputs: labelled by `id`, described, invalid, read-only, directed. */
function common({ id, describedBy, invalid, readOnly, dir }: FieldInputProps) {
  return {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    readOnly,
    dir,
    'data-scope': 'entry-form',
    'data-part': 'input',
  } as const;
}

/**
 * A text field: one line, or a textarea when `multiline`; `maxLength` stops typing at the limit and a counter
 * shows how much is left. Length and pattern are checked by the server (the same rules), which names the field.
 *
 * @example <EntryForm.Input as={TextInput} />
 */
export function TextInput(props: FieldInputProps<FieldOf<'text'>>) {
  const { field, value, onChange } = props;
  const t = useStrings();
  const text = str(value);
  const shared = {
    ...common(props),
    value: text,
    maxLength: field.maxLength,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <>
      {field.multiline ? <textarea {...shared} rows={4} /> : <input type="text" {...shared} />}
      {/* The pattern is explained by its message, in words; a regular expression means nothing to an editor. */}
      {(field.maxLength !== undefined || field.patternMessage) && (
        <span data-scope="entry-form" data-part="hint" aria-hidden>
          {field.patternMessage ? `${field.patternMessage} · ` : ''}
          {field.maxLength !== undefined
            ? format(t.charactersOf, { count: text.length, max: field.maxLength })
            : format(t.characters, { count: text.length })}
        </span>
      )}
    </>
  );
}

/**
 * Lowercases and joins words with `-`, dropping accents: "Crème brûlée!" → "creme-brulee".
 *
 * @example slugify('Crème brûlée!') // 'creme-brulee'
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
}

/**
 * A slug field: typed as-is (lowercase, `-` between words) or generated from the field it derives from.
 *
 * @example <EntryForm.Input as={SlugInput} />
 */
export function SlugInput(props: FieldInputProps<FieldOf<'slug'>>) {
  const { field, value, onChange, readOnly } = props;
  const t = useStrings();
  const store = useEntryEditorStore();
  return (
    <span data-scope="entry-form" data-part="inline">
      <input
        type="text"
        {...common(props)}
        dir="ltr"
        value={str(value)}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value.toLowerCase().replace(/\s+/g, '-'))}
      />
      {field.from && !readOnly && (
        <Button size="sm" variant="secondary" onClick={() => onChange(slugify(str(store.getState().draft.data[field.from!])))}>
          {format(t.slugFrom, { field: field.from })}
        </Button>
      )}
    </span>
  );
}

/**
 * A number field. What is typed stays as typed ("-", "1.") while it is not a number yet; such text is a local
 * problem that blocks saving rather than a silent zero.
 *
 * @example <EntryForm.Input as={NumberInput} />
 */
export function NumberInput(props: FieldInputProps<FieldOf<'number'>>) {
  const { field, value, onChange, setLocalError } = props;
  const t = useStrings();
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  // A value set from outside (a reload) replaces the text; the user's own typing does not loop back.
  const own = useRef(value);
  useEffect(() => {
    if (value !== own.current) {
      own.current = value;
      setText(typeof value === 'number' ? String(value) : '');
      setLocalError(null);
    }
  }, [value, setLocalError]);
  return (
    <input
      type="number"
      inputMode={field.integer ? 'numeric' : 'decimal'}
      step={field.integer ? 1 : 'any'}
      min={field.min}
      max={field.max}
      {...common(props)}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const number = next.trim() === '' ? undefined : Number(next);
        if (number !== undefined && !Number.isFinite(number)) {
          setLocalError(t.invalidNumber);
          return;
        }
        setLocalError(null);
        own.current = number;
        onChange(number);
      }}
    />
  );
}

/**
 * A yes/no field as a checkbox; `disabled` when read-only, since checkboxes have no read-only state.
 *
 * @example <EntryForm.Input as={BooleanInput} />
 */
export function BooleanInput(props: FieldInputProps<FieldOf<'boolean'>>) {
  const { value, onChange, readOnly, id, describedBy, invalid } = props;
  return (
    <input
      type="checkbox"
      id={id}
      // biome-ignore lint/a11y/useAriaPropsForRole: a native checkbox reports its checked state to the switch role itself
      role="switch"
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      data-scope="entry-form"
      data-part="switch"
      checked={value === true}
      disabled={readOnly}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
/** An ISO instant as the `datetime-local` value of the viewer's time zone. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A date (`YYYY-MM-DD`), or an instant (ISO UTC) picked in the viewer's time zone when `withTime`.
 *
 * @example <EntryForm.Input as={DateInput} />
 */
export function DateInput(props: FieldInputProps<FieldOf<'date'>>) {
  const { field, value, onChange } = props;
  const text = str(value);
  if (field.withTime) {
    return (
      <input
        type="datetime-local"
        {...common(props)}
        value={text ? toLocalInput(text) : ''}
        onChange={(e) => onChange(e.target.value ? new Date(e.target.value).toISOString() : undefined)}
      />
    );
  }
  return (
    <input
      type="date"
      {...common(props)}
      min={field.min}
      max={field.max}
      value={text}
      onChange={(e) => onChange(e.target.value || undefined)}
    />
  );
}

/**
 * One choice in a `<select>`, or several as a group of checkboxes when `multiple`.
 *
 * @example <EntryForm.Input as={SelectInput} />
 */
export function SelectInput(props: FieldInputProps<FieldOf<'select'>>) {
  const { field, value, onChange, readOnly, id, labelId, describedBy, invalid, dir } = props;
  const t = useStrings();
  if (field.multiple) {
    const chosen = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    return (
      <div
        role="group"
        id={id}
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        dir={dir}
        data-scope="entry-form"
        data-part="choices"
      >
        {field.options.map((option) => (
          <label key={option.value} data-scope="entry-form" data-part="choice">
            <input
              type="checkbox"
              checked={chosen.includes(option.value)}
              disabled={readOnly}
              onChange={(e) => onChange(e.target.checked ? [...chosen, option.value] : chosen.filter((v) => v !== option.value))}
            />
            {option.label ?? option.value}
          </label>
        ))}
      </div>
    );
  }
  return (
    <select
      id={id}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      dir={dir}
      disabled={readOnly}
      data-scope="entry-form"
      data-part="input"
      value={str(value)}
      onChange={(e) => onChange(e.target.value || undefined)}
    >
      <option value="">{t.choose}</option>
      {field.options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label ?? option.value}
        </option>
      ))}
    </select>
  );
}

const stringify = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

/**
 * A JSON field as a monospace textarea. Text that does not parse is a local problem (with the parser's reason)
 * that blocks saving; the last valid value stays in the draft meanwhile.
 *
 * @example <EntryForm.Input as={JsonInput} />
 */
export function JsonInput(props: FieldInputProps<FieldOf<'json'>>) {
  const { value, onChange, setLocalError } = props;
  const t = useStrings();
  const [text, setText] = useState(() => stringify(value));
  const own = useRef(value);
  useEffect(() => {
    if (value !== own.current) {
      own.current = value;
      setText(stringify(value));
      setLocalError(null);
    }
  }, [value, setLocalError]);
  return (
    <textarea
      {...common(props)}
      dir="ltr"
      data-variant="code"
      rows={6}
      spellCheck={false}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        if (next.trim() === '') {
          setLocalError(null);
          own.current = undefined;
          onChange(undefined);
          return;
        }
        try {
          const parsed: unknown = JSON.parse(next);
          setLocalError(null);
          own.current = parsed;
          onChange(parsed);
        } catch (error) {
          setLocalError(format(t.invalidJson, { message: error instanceof Error ? error.message : String(error) }));
        }
      }}
    />
  );
}
