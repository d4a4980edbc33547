import type { Meta, StoryObj } from '@storybook/react-vite';
import { VersionHistory } from '@spokestack/react/cms';
import { fakeSdk } from './fake-sdk.js';
import { InEditor } from './in-editor.js';

/** The entry's saved versions: compare two and restore one into the draft (it never publishes). */
const meta = {
  title: 'CMS/Parts/VersionHistory',
  component: VersionHistory,
  decorators: [
    (Story) => (
      <InEditor>
        <Story />
      </InEditor>
    ),
  ],
  parameters: { spokestack: { client: fakeSdk() } },
} satisfies Meta<typeof VersionHistory>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** A CLIENT sees the part read-only. */
export const ReadOnlyClient: Story = { parameters: { spokestack: { client: fakeSdk({ role: 'CLIENT' }) } } };
