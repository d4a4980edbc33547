import type { Meta, StoryObj } from '@storybook/react-vite';
import { TagPicker } from '@spokestack/react/cms';
import { useState } from 'react';
import { fakeSdk } from './fake-sdk.js';

function Picker({ readOnly = false }: { readOnly?: boolean }) {
  const [value, setValue] = useState<string[]>([]);
  return <TagPicker id="tags" label="Tags" mode="names" value={value} onChange={setValue} readOnly={readOnly} />;
}

/** The organization's tags as chips, a search to add one, and "Create" for a new name. */
const meta = {
  title: 'CMS/Parts/TagPicker',
  component: Picker,
  parameters: { spokestack: { client: fakeSdk() } },
} satisfies Meta<typeof Picker>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const ReadOnly: Story = { args: { readOnly: true } };
