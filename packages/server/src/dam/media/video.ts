import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MediaError } from './errors.js';
import { type MediaProbe, probeMedia } from './probe.js';
import { type MediaSource, tempDir, withLocalFile } from './source.js';
import { runTool, type ToolOptions } from './tools.js';

const ffmpeg = ['-hide_banner', '-nostdin', '-v', 'error', '-y'];

/**
 * One frame of a video as a JPEG, for thumbnails and previews: by default a tenth into the clip (at most 5 s),
 * past fades from black and title cards, or the first frame of a clip shorter than a second.
 *
 * @example const jpeg = await posterFrame('/tmp/clip.mp4')
 */
export async function posterFrame(source: MediaSource, options: { at?: number; probe?: MediaProbe } & ToolOptions = {}): Promise<Buffer> {
  return withLocalFile(source, async (path) => {
    const probe = options.probe ?? (await probeMedia(path, options));
    if (!probe.video) throw new MediaError('unsupported', 'The file has no video stream');
    const at = options.at ?? Math.min(5, (probe.duration ?? 0) / 10);
    const grab = (seconds: number) =>
      runTool(
        'ffmpeg',
        [
          ...ffmpeg,
          '-ss',
          seconds.toFixed(3),
          '-i',
          path,
          '-map',
          '0:v:0',
          '-frames:v',
          '1',
          '-q:v',
          '2',
          '-f',
          'image2pipe',
          '-c:v',
          'mjpeg',
          'pipe:1',
        ],
        { timeoutMs: 120_000, ...options },
      );
    // Seeking past the last keyframe of a damaged or variable-rate file yields nothing: fall back to the start.
    const frame = await grab(at);
    return frame.length > 0 || at === 0 ? frame : grab(0);
  });
}

/** A web-friendly preview clip on disk, removed by `remove()`. */
export interface VideoPreview {
  path: string;
  width: number;
  height: number;
  /** Seconds of the clip. */
  duration: number;
  size: number;
  remove(): Promise<void>;
}

/** How a preview clip is made. */
export interface VideoPreviewOptions extends ToolOptions {
  /** Seconds taken from the start (default 10). */
  seconds?: number;
  /** The box the picture fits in, never enlarged (default 1280 × 720; portrait video fits 720 × 1280). */
  maxWidth?: number;
  maxHeight?: number;
  /** The source's probe, when the caller has it already. */
  probe?: MediaProbe;
}

/**
 * The first seconds of a video as an MP4 every browser plays: H.264 High (yuv420p, at most 30 fps) and AAC
 * stereo, `+faststart` so playback starts before the download ends. ffmpeg streams from file to file, so
 * memory stays flat whatever the source's size. Call `remove()` once the clip is stored.
 *
 * @example
 * const clip = await previewVideo(path)
 * try { await storage.put(key, createReadStream(clip.path), 'video/mp4') } finally { await clip.remove() }
 */
export async function previewVideo(source: MediaSource, options: VideoPreviewOptions = {}): Promise<VideoPreview> {
  const { seconds = 10, maxWidth = 1280, maxHeight = 720, probe: known, ...tool } = options;
  const tmp = await tempDir();
  try {
    const out = join(tmp.path, 'preview.mp4');
    await withLocalFile(source, async (path) => {
      const probe = known ?? (await probeMedia(path, tool));
      if (!probe.video) throw new MediaError('unsupported', 'The file has no video stream');
      const portrait = probe.video.height > probe.video.width;
      const [w, h] = portrait ? [Math.min(maxWidth, maxHeight), Math.max(maxWidth, maxHeight)] : [maxWidth, maxHeight];
      const fit = `w='min(${w},iw)':h='min(${h},ih)':force_original_aspect_ratio=decrease:force_divisible_by=2`;
      const scale = `scale=${fit},setsar=1,format=yuv420p`;
      await runTool(
        'ffmpeg',
        [
          ...ffmpeg,
          '-i',
          path,
          '-t',
          String(seconds),
          '-map',
          '0:v:0',
          ...(probe.audio ? ['-map', '0:a:0'] : []),
          '-sn',
          '-dn',
          '-map_metadata',
          '-1',
          '-vf',
          scale,
          '-fpsmax',
          '30',
          '-c:v',
          'libx264',
          '-preset',
          'veryfast',
          '-crf',
          '23',
          '-profile:v',
          'high',
          '-maxrate',
          '5M',
          '-bufsize',
          '10M',
          ...(probe.audio ? ['-c:a', 'aac', '-b:a', '128k', '-ac', '2'] : []),
          '-movflags',
          '+faststart',
          '-threads',
          '2',
          out,
        ],
        { timeoutMs: 600_000, ...tool },
      );
    });
    const made = await probeMedia(out, tool);
    return {
      path: out,
      width: made.video?.width ?? 0,
      height: made.video?.height ?? 0,
      duration: made.duration ?? 0,
      size: (await stat(out)).size,
      remove: tmp.remove,
    };
  } catch (error) {
    await tmp.remove();
    throw error;
  }
}
