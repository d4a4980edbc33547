import { type ComponentPropsWithoutRef, forwardRef, useState } from 'react';
import { useSpokeStack } from '../provider.js';
import { useAssetRenditions } from './hooks.js';
import type { RenditionView, SearchHitView } from './types.js';

/** The blur placeholder the server computed from the image (thumbhash, decoded to a PNG data URL). */
export function placeholderOf(asset: { metadata: unknown }): string | undefined {
  const placeholder = (asset.metadata as { placeholder?: { dataUrl?: unknown } } | null)?.placeholder;
  return typeof placeholder?.dataUrl === 'string' && placeholder.dataUrl.startsWith('data:image/') ? placeholder.dataUrl : undefined;
}

/** The first completed rendition of these types, in order of preference. */
export function renditionOf(renditions: readonly RenditionView[] | undefined, types: readonly string[]): RenditionView | undefined {
  for (const type of types) {
    const found = renditions?.find((r) => r.renditionType === type && r.status === 'COMPLETED' && r.url);
    if (found) return found;
  }
  return undefined;
}

export interface AssetThumbnailProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The asset to show. */
  asset: SearchHitView;
  /** The renditions to try, best first (default: the medium thumbnail, then the small one). */
  prefer?: readonly string[];
}

/**
 * An asset's thumbnail: the blur placeholder at once, the thumbnail rendition faded in over it once loaded,
 * and the file's type for assets with neither (documents, audio, an image still processing).
 *
 * @example <AssetThumbnail asset={asset} prefer={['PREVIEW', 'THUMBNAIL_LARGE']} />
 */
export const AssetThumbnail = forwardRef<HTMLDivElement, AssetThumbnailProps>(function AssetThumbnail(
  { asset, prefer = ['THUMBNAIL_MEDIUM', 'THUMBNAIL_SMALL', 'THUMBNAIL_LARGE'], ...props },
  ref,
) {
  const sdk = useSpokeStack();
  const renditions = useAssetRenditions(asset.id, { enabled: /^(IMAGE|VIDEO)/.test(asset.assetType) });
  const rendition = renditionOf(renditions.data, prefer);
  const [loaded, setLoaded] = useState<string | null>(null);
  const placeholder = placeholderOf(asset);
  const src = rendition?.url ? sdk.http.url(rendition.url) : undefined;
  return (
    <div
      ref={ref}
      aria-hidden
      {...props}
      data-scope="asset-thumbnail"
      data-part="root"
      data-state={src && loaded === src ? 'loaded' : placeholder ? 'placeholder' : 'empty'}
      style={placeholder ? { backgroundImage: `url("${placeholder}")`, ...props.style } : props.style}
    >
      {src ? (
        <img src={src} alt="" loading="lazy" decoding="async" draggable={false} onLoad={() => setLoaded(src)} />
      ) : (
        !placeholder && (
          <span data-scope="asset-thumbnail" data-part="type">
            {/* Words, as the detail dialog writes rendition types: "image photo", not IMAGE_PHOTO. */}
            {asset.assetType.replaceAll('_', ' ').toLowerCase()}
          </span>
        )
      )}
    </div>
  );
});
