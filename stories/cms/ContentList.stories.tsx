import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { ContentEditor, ContentList, Highlight } from '@spokestack/react/cms';
import { fakeSdk } from './fake-sdk.js';

/** The content list on an in-memory story SDK (stories/cms/fake-sdk.ts). */
const meta = {
  title: 'CMS/ContentList',
  component: ContentList,
  args: { pageSize: 10 },
  argTypes: { onSelect: { action: 'select' } },
  parameters: { spokestack: { client: fakeSdk() } },
} satisfies Meta<typeof ContentList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Entries with status badges, filters, and "load more" after ten. */
export const Default: Story = {};

/** A search: matches are highlighted. */
export const Search: Story = { args: { defaultFilters: { q: 'launch' } } };

/** An organization without entries. */
export const Empty: Story = { parameters: { spokestack: { client: fakeSdk({ empty: true }) } } };

/** The first page is on its way. */
export const Loading: Story = { parameters: { spokestack: { client: fakeSdk({ hang: true }) } } };

/** The list could not load; Try again asks once more. */
export const Error: Story = { parameters: { spokestack: { client: fakeSdk({ offline: true }) } } };

/** The list picks the entry the editor beside it shows, the way a back office lays them out. */
export const WithEditor: Story = {
  render: function ListAndEditor(args) {
    const [selected, setSelected] = useState<string | null>('ent_0001');
    return (
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(18rem, 24rem) 1fr', gap: '1.5rem', alignItems: 'start' }}>
        <ContentList {...args} selectedId={selected} onSelect={(entry) => setSelected(entry.id)} />
        {selected && <ContentEditor entryId={selected} />}
      </div>
    );
  },
  parameters: { spokestack: { client: fakeSdk() } },
};

/** A search hit's snippet: the server's `<mark>`ed matches, rendered without raw HTML. */
export const SearchHighlight: Story = {
  render: () => <Highlight html="The <mark>spring</mark> launch &amp; its <mark>spring</mark> sale" />,
};
