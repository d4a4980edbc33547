import type { Meta, StoryObj } from '@storybook/react-vite';
import {
  AssetBrowser,
  AssetDetail,
  AssetGrid,
  AssetThumbnail,
  type AssetTusOptions,
  UploadPanel,
  useAssetUploads,
} from '@spokestack/react/dam';
import { assetBrowserStrings } from '@spokestack/react/dam';
import { useEffect } from 'react';
import { fakeDamSdk } from './fake-sdk.js';

/** The asset browser on an in-memory story SDK (stories/dam/fake-sdk.ts). */
const meta = {
  title: 'DAM/AssetBrowser',
  component: AssetBrowser,
  subcomponents: { AssetGrid, AssetThumbnail, AssetDetail, UploadPanel } as never,
  args: { defaultLibraryId: 'lib_brand', locale: 'en-US' },
  parameters: { layout: 'fullscreen', spokestack: { client: fakeDamSdk() } },
  decorators: [(Story) => <div style={{ padding: 24, height: '100vh' }}>{Story()}</div>],
} satisfies Meta<typeof AssetBrowser>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A library of 48 assets in a folder tree: thumbnails over blur placeholders, pending ones flagged. */
export const Default: Story = {};

/** 10,000 assets: only the rows in view are rendered, so it scrolls as smoothly as a dozen. */
export const TenThousandAssets: Story = { parameters: { spokestack: { client: fakeDamSdk({ count: 10_000 }) } } };

/** A new library: nothing uploaded yet. */
export const EmptyLibrary: Story = { parameters: { spokestack: { client: fakeDamSdk({ count: 0 }) } } };

/** The library is on its way. */
export const Loading: Story = { parameters: { spokestack: { client: fakeDamSdk({ hang: true }) } } };

/** Licences that ran out: those assets say so on their tiles. */
export const ExpiredLicence: Story = { parameters: { spokestack: { client: fakeDamSdk({ expired: true }) } } };

/** A client's member: what is shared with them, read-only (no upload, no moving, no sharing). */
export const ClientViewer: Story = { parameters: { spokestack: { client: fakeDamSdk({ role: 'CLIENT' }) } } };

/** The detail dialog of an asset whose renditions failed: the error on each, and Retry. */
export const FailedRendition: Story = {
  render: () => <AssetDetail assetId="ast_0" onClose={() => {}} locale="en-US" />,
  parameters: { spokestack: { client: fakeDamSdk({ failedRendition: true }) } },
};

/** The detail dialog: a large preview with pinned comments, metadata, renditions, versions and where-used. */
export const Detail: Story = {
  render: () => <AssetDetail assetId="ast_2" onClose={() => {}} locale="en-US" />,
};

// STORY FIXTURE: a tus "server" that accepts the upload and then holds each PATCH after reporting part of it,
// so the panel shows files mid-way for as long as the story is open.
const stalled: AssetTusOptions = {
  httpStack: {
    getName: () => 'story',
    createRequest(method: string) {
      let progress: (sent: number) => void = () => {};
      const share = 0.25 + Math.random() * 0.5;
      return {
        getMethod: () => method,
        getURL: () => '/v1/dam/tus/story',
        setHeader: () => {},
        getHeader: () => undefined,
        setProgressHandler: (handler: (sent: number) => void) => (progress = handler),
        send: (body?: Blob) => {
          if (method === 'POST') {
            const headers: Record<string, string> = { location: `/v1/dam/tus/story-${Math.random()}`, 'tus-resumable': '1.0.0' };
            return Promise.resolve({
              getStatus: () => 201,
              getHeader: (h: string) => headers[h.toLowerCase()],
              getBody: () => '',
              getUnderlyingObject: () => null,
            });
          }
          progress(Math.round((body?.size ?? 0) * share));
          return new Promise(() => {});
        },
        abort: () => Promise.resolve(),
        getUnderlyingObject: () => null,
      };
    },
  },
};

/** Uploads in progress: each file's bar, with Pause and Cancel; one paused. */
export const UploadInProgress: Story = {
  render: function UploadStory() {
    const uppy = useAssetUploads({ libraryId: 'lib_brand', tus: stalled });
    useEffect(() => {
      if (!uppy) return;
      for (const [name, size] of [
        ['Harbour shoot — RAW selects.zip', 48_000_000],
        ['Spring hero 4000×3000.jpg', 6_400_000],
        ['Brand film (director’s cut).mp4', 220_000_000],
      ] as const)
        uppy.addFile({ name, type: 'application/octet-stream', data: new Blob([new Uint8Array(size / 1000)]), source: 'story' });
      const first = uppy.getFiles()[2];
      if (first) setTimeout(() => uppy.pauseResume(first.id), 400);
    }, [uppy]);
    return (
      <div style={{ position: 'relative', height: 320, maxWidth: 480 }}>
        {uppy && <UploadPanel uppy={uppy} strings={assetBrowserStrings} />}
      </div>
    );
  },
};
