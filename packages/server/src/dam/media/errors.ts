/** Why a media operation failed: `unsupported` and `invalid` are the upload's fault (a 4xx), the rest the server's. */
export type MediaErrorCode = 'unsupported' | 'invalid' | 'too_large' | 'timeout' | 'tool_failed' | 'tool_missing';

/**
 * The one error the media library throws. Its message is safe to keep on a FAILED rendition row (no paths of
 * this machine, at most a short tail of a tool's stderr); `code` tells a route whether the client is to blame.
 *
 * @example
 * try { await createRendition(file, 'PREVIEW_VIDEO') }
 * catch (error) { if (error instanceof MediaError && error.code === 'unsupported') skip() }
 */
export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MediaError';
  }
}
