import type { Meta, StoryObj } from '@storybook/react-vite';
import { ImportWizard } from '@spokestack/react/analytics';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { fakeAnalyticsSdk } from './fake-sdk.js';

/** The report import on the in-memory story SDK (stories/analytics/fake-sdk.ts): its answers are a Meta Ads export's. */
const meta = {
  title: 'Analytics/ImportWizard',
  component: ImportWizard,
  args: { locale: 'en-US' },
  argTypes: { onImported: { action: 'imported' } },
  parameters: { spokestack: { client: fakeAnalyticsSdk() } },
} satisfies Meta<typeof ImportWizard>;

export default meta;
type Story = StoryObj<typeof meta>;

const sample = () =>
  new File(['"Campaign name","Ad set name","Ad name","Day","Amount spent (USD)"\n'], 'meta-ads-ad-daily.csv', { type: 'text/csv' });

/** Nothing chosen yet: the ad account and the file. */
export const Default: Story = {};

/** The file read by a dry run: the detected platform, its column mapping, the first rows, the sums and a refused line. */
export const Preview: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.upload(await canvas.findByLabelText('CSV export'), sample());
    await canvas.findByText('Detected: Meta', {}, { timeout: 5000 });
  },
};

/** Imported: the counts written, the file's sums and the refused line, downloadable as CSV. */
export const Imported: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.upload(await canvas.findByLabelText('CSV export'), sample());
    await userEvent.click(await canvas.findByRole('button', { name: 'Import' }, { timeout: 5000 }));
    await waitFor(() => expect(canvas.getByText('Imported')).toBeTruthy(), { timeout: 5000 });
  },
};

/** A file that is no export the server can read: its problem, and nothing to import. */
export const Unreadable: Story = {
  parameters: { spokestack: { client: fakeAnalyticsSdk({ importAnswer: 'unreadable' }) } },
  play: Preview.play,
};

/** The ad accounts are on their way. */
export const Loading: Story = { parameters: { spokestack: { client: fakeAnalyticsSdk({ hang: true }) } } };

/** The ad accounts could not load. */
export const Error: Story = { parameters: { spokestack: { client: fakeAnalyticsSdk({ offline: true }) } } };
