import type { Meta, StoryObj } from '@storybook/react-vite';
import { WorkflowActions } from '@spokestack/react/cms';
import { fakeSdk } from './fake-sdk.js';
import { InEditor } from './in-editor.js';

/** Submit for review, then approve, reject or request changes at each stage of the type's workflow. */
const meta = {
  title: 'CMS/Parts/WorkflowActions',
  component: WorkflowActions,
  decorators: [
    (Story) => (
      <InEditor>
        <Story />
      </InEditor>
    ),
  ],
  parameters: { spokestack: { client: fakeSdk() } },
} satisfies Meta<typeof WorkflowActions>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** A CLIENT sees the part read-only. */
export const ReadOnlyClient: Story = { parameters: { spokestack: { client: fakeSdk({ role: 'CLIENT' }) } } };
