import type { Meta, StoryObj } from '@storybook/react-vite';
import { Button } from '@spokestack/react';
import { FilePreview, MediaLibrary, MediaPickerDialog, MediaUploader } from '@spokestack/react/platform';
import { fakeSdk } from '../cms/fake-sdk.js';

/**
 * The file UI every feature shares (`@spokestack/react/platform`): a drop zone that uploads through the SDK, the
 * organization's earlier uploads, the dialog that offers both, and a file's thumbnail.
 */
const meta = {
  title: 'Platform/Media',
  component: MediaPickerDialog,
  subcomponents: { MediaUploader, MediaLibrary, FilePreview },
  args: { trigger: <Button>Choose image</Button>, accept: ['image/*'], onSelect: () => {} },
  argTypes: { onSelect: { action: 'select' } },
  parameters: { spokestack: { client: fakeSdk() } },
} satisfies Meta<typeof MediaPickerDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Press the button: upload a file or pick one of the library's. */
export const PickerDialog: Story = {};

/** Drop files on the zone, or focus it and press Enter. */
export const Uploader: Story = { render: () => <MediaUploader accept={['image/*']} multiple onUploaded={() => {}} /> };

export const Library: Story = { render: () => <MediaLibrary mimeType="image/" onSelect={() => {}} /> };

export const LibraryEmpty: Story = {
  render: () => <MediaLibrary mimeType="video/" onSelect={() => {}} />,
};

/** An uploaded image's thumbnail, and the name of a file that is not an image. */
export const Preview: Story = {
  render: () => (
    <div style={{ display: 'flex', gap: '1rem' }}>
      <FilePreview fileId="fil_spring" alt="Spring campaign" />
      <FilePreview fileId="fil_missing" />
    </div>
  ),
};
