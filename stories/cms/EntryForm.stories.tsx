import type { Meta, StoryObj } from '@storybook/react-vite';
import { EntryForm, defaultFieldInputs, useEntryEditor } from '@spokestack/react/cms';
import { Spinner } from '@spokestack/react';
import { fakeSdk, featuredEntryId } from './fake-sdk.js';

/**
 * The unstyled primitives the content editor is built from: `useEntryEditor` (the controller) and the
 * `EntryForm` parts. A host lays out its own editor with them; here, the fields alone (with the built-in inputs) and a
 * save button.
 */
function OwnEditor() {
  const editor = useEntryEditor({ entryId: featuredEntryId, autosave: false });
  if (editor.status !== 'ready') return <Spinner />;
  return (
    <EntryForm.Root editor={editor} inputs={defaultFieldInputs} style={{ display: 'grid', gap: '1rem', maxInlineSize: '40rem' }}>
      <EntryForm.Fields />
      <button type="submit">Save</button>
    </EntryForm.Root>
  );
}

const meta = {
  title: 'CMS/Primitives/EntryForm',
  component: OwnEditor,
  parameters: { spokestack: { client: fakeSdk() } },
} satisfies Meta<typeof OwnEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Fields: Story = {};
