import type { Meta, StoryObj } from '@storybook/react-vite';
import { AssetPicker, SharedAsset, ShareDialog } from '@spokestack/react/dam';
import { fakeDamSdk } from './fake-sdk.js';

/** Share links of an asset, what someone holding one sees, and the picker for media fields. */
const meta = {
  title: 'DAM/ShareDialog',
  component: ShareDialog,
  subcomponents: { SharedAsset, AssetPicker } as never,
  args: { asset: { id: 'ast_0', name: 'Harbour 0001' }, open: true, onOpenChange: () => {}, locale: 'en-US' },
  parameters: { spokestack: { client: fakeDamSdk() } },
} satisfies Meta<typeof ShareDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A link with a password and a limit of five downloads, two used; a form for another. */
export const Default: Story = {};

/** A collection shared with three people by email, each at an access level that can be changed or removed. */
export const CollectionPeople: Story = {
  args: { asset: undefined, collection: { id: 'col_spring', name: 'Spring 2026 picks' } },
};

/** A CLIENT (or anyone) opening a share link: the file, its password field and Download. */
export const ClientViewerThroughShare: Story = {
  render: () => <SharedAsset token="Zm9yLXN0b3JpZXMtb25seS0xMjM0NTY3" />,
};

/** A link whose downloads are used up. */
export const LinkUsedUp: Story = {
  render: () => <SharedAsset token="Zm9yLXN0b3JpZXMtb25seS0xMjM0NTY3" />,
  parameters: { spokestack: { client: fakeDamSdk({ usedUp: true }) } },
};

/** The asset picker a media field opens: search, pick, optionally a rendition. */
export const Picker: Story = {
  render: () => <AssetPicker open onOpenChange={() => {}} onPick={() => {}} />,
};
