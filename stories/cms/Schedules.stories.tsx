import type { Meta, StoryObj } from '@storybook/react-vite';
import { SchedulePanel } from '@spokestack/react/cms';
import { fakeSdk } from './fake-sdk.js';
import { InEditor } from './in-editor.js';

/** Scheduled publish, update, unpublish and archive of the entry, and when it expires. */
const meta = {
  title: 'CMS/Parts/SchedulePanel',
  component: SchedulePanel,
  decorators: [
    (Story) => (
      <InEditor>
        <Story />
      </InEditor>
    ),
  ],
  parameters: { spokestack: { client: fakeSdk() } },
} satisfies Meta<typeof SchedulePanel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** A CLIENT sees the part read-only. */
export const ReadOnlyClient: Story = { parameters: { spokestack: { client: fakeSdk({ role: 'CLIENT' }) } } };
