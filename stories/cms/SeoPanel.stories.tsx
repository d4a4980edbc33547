import type { Meta, StoryObj } from '@storybook/react-vite';
import { SeoPanel } from '@spokestack/react/cms';
import { fakeSdk } from './fake-sdk.js';
import { InEditor } from './in-editor.js';

/** SEO and social metadata, tags and categories of the entry, autosaved with the draft. */
const meta = {
  title: 'CMS/Parts/SeoPanel',
  component: SeoPanel,
  decorators: [
    (Story) => (
      <InEditor>
        <Story />
      </InEditor>
    ),
  ],
  parameters: { spokestack: { client: fakeSdk() } },
} satisfies Meta<typeof SeoPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

/** A CLIENT sees the part read-only. */
export const ReadOnlyClient: Story = { parameters: { spokestack: { client: fakeSdk({ role: 'CLIENT' }) } } };
