import { rgbaToThumbHash, thumbHashToDataURL } from 'thumbhash';

/** A tiny blurred stand-in shown while the real image loads. */
export interface BlurPlaceholder {
  /** The thumbhash, base64 (about 25–35 characters): store it with the asset, decode it in the browser. */
  thumbhash: string;
  /** The same placeholder as a PNG data URL (about 32 × 32 px), for an `<img src>` or a CSS background. */
  dataUrl: string;
}

/**
 * A thumbhash placeholder of RGBA pixels at most 100 × 100 (as `smallRgba` gives them): it keeps the image's
 * aspect ratio, average colour and alpha, unlike a blurhash.
 *
 * @example const { thumbhash, dataUrl } = placeholderOf(await smallRgba(input))
 */
export function placeholderOf(image: { data: Uint8Array; width: number; height: number }): BlurPlaceholder {
  const hash = rgbaToThumbHash(image.width, image.height, image.data);
  return { thumbhash: Buffer.from(hash).toString('base64'), dataUrl: thumbHashToDataURL(hash) };
}
