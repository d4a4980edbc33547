import type { Meta, StoryObj } from '@storybook/react-vite';
import { TaskList } from '@spokestack/react/crm';
import { fakeCrmSdk } from './fake-sdk.js';

/** "My open tasks" on the in-memory story SDK (stories/crm/fake-sdk.ts): complete, defer and reassign work in it. */
const meta = {
  title: 'CRM/TaskList',
  component: TaskList,
  args: { locale: 'en-US' },
  parameters: { spokestack: { client: fakeCrmSdk() } },
} satisfies Meta<typeof TaskList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Six tasks, soonest due first; the first is overdue. */
export const Default: Story = {};

/** Nothing assigned to you. */
export const Empty: Story = { parameters: { spokestack: { client: fakeCrmSdk({ tasks: 0 }) } } };

/** The tasks are on their way. */
export const Loading: Story = { parameters: { spokestack: { client: fakeCrmSdk({ hang: true }) } } };

/** The server cannot be reached. */
export const ErrorState: Story = { parameters: { spokestack: { client: fakeCrmSdk({ offline: true }) } } };

/** A long list: forty tasks. */
export const Many: Story = { parameters: { spokestack: { client: fakeCrmSdk({ tasks: 40 }) } } };
