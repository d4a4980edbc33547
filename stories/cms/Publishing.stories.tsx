import type { Meta, StoryObj } from '@storybook/react-vite';
import { PublishActions } from '@spokestack/react/cms';
import { fakeSdk } from './fake-sdk.js';
import { InEditor } from './in-editor.js';

/** Publish or unpublish the language being edited now; pending changes are saved first. */
const meta = {
  title: 'CMS/Parts/PublishActions',
  component: PublishActions,
  decorators: [
    (Story) => (
      <InEditor>
        <Story />
      </InEditor>
    ),
  ],
  parameters: { spokestack: { client: fakeSdk() } },
} satisfies Meta<typeof PublishActions>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** A CLIENT sees the part read-only. */
export const ReadOnlyClient: Story = { parameters: { spokestack: { client: fakeSdk({ role: 'CLIENT' }) } } };
