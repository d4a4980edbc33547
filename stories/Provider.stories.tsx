import type { Meta, StoryObj } from '@storybook/react-vite';
import { Button, EmptyState, Spinner, SpokeStackProvider } from '@spokestack/react';
import { fakeSdk } from './cms/fake-sdk.js';

/**
 * The provider every SpokeStack component sits in: the SDK, the query cache, the theme (`.ss-root` and its CSS
 * variables), the text direction, and UI strings replaced once for every component below it.
 */
const meta = {
  title: 'Provider/SpokeStackProvider',
  component: SpokeStackProvider,
  args: {
    client: fakeSdk(),
    theme: 'light',
    children: (
      <div style={{ display: 'grid', gap: '1rem', justifyItems: 'start' }}>
        <Spinner />
        <EmptyState title="No deals yet" description="Deals you create show up here." actions={<Button>New deal</Button>} />
      </div>
    ),
  },
} satisfies Meta<typeof SpokeStackProvider>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Light: Story = {};
export const Dark: Story = { args: { theme: 'dark' } };
export const RightToLeft: Story = { args: { dir: 'rtl' } };
/** The spinner's announced label replaced once, on the provider. */
export const Overrides: Story = { args: { overrides: { spinner: { label: 'Chargement…' } } } };
