import type { ComponentType } from 'react';
import type { ContentField } from '@spokestack/core/cms';
import { BlocksInput } from './BlocksInput.js';
import { BooleanInput, DateInput, JsonInput, NumberInput, SelectInput, SlugInput, TextInput } from './basic.js';
import { MediaInput } from './MediaInput.js';
import { RelationInput } from './RelationInput.js';
import { RichTextInput } from './RichTextInput.js';
import { TagPicker } from './TagPicker.js';
import type { FieldInputProps, FieldOf } from './types.js';

function TagsInput({ field, value, onChange, id, describedBy, invalid, readOnly, dir }: FieldInputProps<FieldOf<'tags'>>) {
  const tags = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return (
    <TagPicker
      mode="names"
      value={tags}
      onChange={(next) => onChange(next.length ? next : undefined)}
      id={id}
      describedBy={describedBy}
      invalid={invalid}
      readOnly={readOnly}
      dir={dir}
      maxItems={field.maxItems}
    />
  );
}

/** The input of each field type; a host can replace any of them through `EntryForm.Root`'s `inputs`. */
export type FieldInputs = { [T in ContentField['type']]: ComponentType<FieldInputProps<FieldOf<T>>> };

/**
 * The built-in input of every field type.
 *
 * @example <EntryForm.Root editor={editor} inputs={{ ...defaultFieldInputs, richtext: MyMarkdownInput }}>…</EntryForm.Root>
 */
export const defaultFieldInputs: FieldInputs = {
  text: TextInput,
  richtext: RichTextInput,
  number: NumberInput,
  boolean: BooleanInput,
  date: DateInput,
  select: SelectInput,
  media: MediaInput,
  relation: RelationInput,
  tags: TagsInput,
  json: JsonInput,
  slug: SlugInput,
  blocks: BlocksInput,
};
