import type { Meta, StoryObj } from '@storybook/react-vite';
import { ContactImport } from '@spokestack/react/crm';
import { fakeCrmSdk } from './fake-sdk.js';

/** The CSV import on the in-memory story SDK (stories/crm/fake-sdk.ts): choose any .csv to see the mapping. */
const meta = {
  title: 'CRM/ContactImport',
  component: ContactImport,
  args: { pollInterval: 800, style: { maxWidth: 560 } },
  parameters: { spokestack: { client: fakeCrmSdk() } },
} satisfies Meta<typeof ContactImport>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Nothing chosen yet: the file input and what it takes. */
export const Default: Story = {};

/** An import whose job is running: the progress bar moves on every poll. */
export const ImportInProgress: Story = { args: { importId: 'imp_running' } };

/** A finished import that refused three lines: the counts, the first errors and the error report link. */
export const ImportWithErrors: Story = { args: { importId: 'imp_errors' } };
