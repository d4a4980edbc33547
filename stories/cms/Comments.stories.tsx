import type { Meta, StoryObj } from '@storybook/react-vite';
import { CommentsPanel, CommentThreads, FieldComments } from '@spokestack/react/cms';
import { articleFields, fakeSdk } from './fake-sdk.js';
import { InEditor } from './in-editor.js';

/** Every thread of the entry in one panel: general comments first, then each commented field. */
const meta = {
  title: 'CMS/Parts/Comments',
  component: CommentsPanel,
  subcomponents: { CommentThreads, FieldComments },
  decorators: [
    (Story) => (
      <InEditor>
        <Story />
      </InEditor>
    ),
  ],
  parameters: { spokestack: { client: fakeSdk() } },
} satisfies Meta<typeof CommentsPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Panel: Story = {};

/** The threads of one field with a box to start one (what the field's popover shows). */
export const FieldThreads: Story = { render: () => <CommentThreads fieldName="title" label="Comment on Title" /> };

/** The button beside a field: its count of open threads, and the popover with them. */
export const FieldButton: Story = { render: () => <FieldComments field={articleFields[0]!} /> };
