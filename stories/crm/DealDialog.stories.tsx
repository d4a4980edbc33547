import type { Meta, StoryObj } from '@storybook/react-vite';
import { ContactTimeline, DealDialog } from '@spokestack/react/crm';
import { fakeCrmSdk } from './fake-sdk.js';

/** A deal in its dialog, and a contact's timeline, on the in-memory story SDK (stories/crm/fake-sdk.ts). */
const meta = {
  title: 'CRM/DealDialog',
  component: DealDialog,
  args: { dealId: 'deal_0', locale: 'en-US', onOpenChange: () => {} },
  parameters: { spokestack: { client: fakeCrmSdk() } },
} satisfies Meta<typeof DealDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Fields, the stage history with days in each stage, and the contacts with their roles. */
export const Default: Story = {};

/** A client's member: the same deal, nothing editable. */
export const ClientReadOnly: Story = { parameters: { spokestack: { client: fakeCrmSdk({ role: 'CLIENT' }) } } };

/** The deal is on its way. */
export const Loading: Story = { parameters: { spokestack: { client: fakeCrmSdk({ hang: true }) } } };

/** A contact's timeline: the pinned note first, then the newest activity. */
export const Timeline: Story = { render: () => <ContactTimeline contactId="ct_ada" locale="en-US" /> };
