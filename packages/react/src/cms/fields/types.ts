import type { ContentField } from '@spokestack/core/cms';

/** A field definition of one type, e.g. `FieldOf<'media'>`. */
export type FieldOf<T extends ContentField['type']> = Extract<ContentField, { type: T }>;

/** What every field input receives from `EntryForm.Input`. */
export interface FieldInputProps<F extends ContentField = ContentField> {
  /** The field's definition from the content type's schema. */
  field: F;
  /** The current value (any JSON; each input checks its own shape). */
  value: unknown;
  /** Sets the value; `undefined` clears it. */
  onChange: (value: unknown) => void;
  /** The id of the main focusable element, which the label points at. */
  id: string;
  /** The id of the label, for inputs that cannot be labelled by `for` (the rich text editor, groups). */
  labelId: string;
  /** Ids of the description and the error, for `aria-describedby`. */
  describedBy?: string;
  /** The field has a problem; sets `aria-invalid`. */
  invalid: boolean;
  /** Read only: shown, focusable, not editable. */
  readOnly: boolean;
  /** Direction of the language being edited. */
  dir: 'ltr' | 'rtl';
  /** Reports a problem found before sending (it blocks saving), or clears it with `null`. */
  setLocalError: (message: string | null) => void;
}
