import { AssetBrowser } from '@spokestack/react/dam';

/** The public address of a share link: this app's `/share/:token` page, which needs no sign-in. */
const shareUrl = (link: { token: string }) => `${window.location.origin}/share/${link.token}`;
/** Chunks of 1 MiB: a dropped connection loses at most that much, and the progress bar moves in steps users see. */
const tus = { chunkSize: 1024 * 1024 };

/**
 * The back office's asset library: `<AssetBrowser>` with uploads over tus, the detail dialog and share links
 * that point at this app's own shared page. `@spokestack/react/dam`, and Uppy with it, loads with this page only.
 */
export default function AssetsPage() {
  return <AssetBrowser className="assets-page" shareUrl={shareUrl} tus={tus} />;
}
