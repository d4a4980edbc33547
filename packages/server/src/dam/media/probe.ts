import { MediaError } from './errors.js';
import { type MediaSource, withLocalFile } from './source.js';
import { runTool, type ToolOptions } from './tools.js';

/** A video or audio file as ffprobe reads it. */
export interface MediaProbe {
  /** ffprobe's container names, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  container: string;
  /** Seconds, to the millisecond. */
  duration?: number;
  /** Overall bits per second. */
  bitrate?: number;
  /** The first video stream (cover art of a music file does not count). */
  video?: {
    codec: string;
    profile?: string;
    /** Pixels as displayed: rotation metadata applied. */
    width: number;
    height: number;
    /** `1920x1080`, the spec's `resolution`. */
    resolution: string;
    /** Frames per second, to two decimals (29.97). */
    fps?: number;
    bitrate?: number;
    pixelFormat?: string;
    /** Degrees the player turns the picture (phones record portrait video as rotated landscape). */
    rotation?: number;
  };
  /** The first audio stream. */
  audio?: { codec: string; profile?: string; sampleRate?: number; channels?: number; channelLayout?: string; bitrate?: number };
  /** Container tags a person may want (title, artist, creation_time, …). */
  tags?: Record<string, string>;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  bit_rate?: string;
  pix_fmt?: string;
  sample_rate?: string;
  channels?: number;
  channel_layout?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
}
interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; bit_rate?: string; tags?: Record<string, string> };
}

/**
 * Duration, codecs, resolution, frame rate, bitrates, sample rate and channels of a video or audio file, by
 * ffprobe (from Debian's ffmpeg). Throws MediaError `invalid` when ffprobe finds no audio or video in it.
 *
 * @example
 * const probe = await probeMedia('/tmp/clip.mp4')
 * probe.duration          // 3.02
 * probe.video?.fps        // 25
 * probe.audio?.channels   // 2
 */
export async function probeMedia(source: MediaSource, options: ToolOptions = {}): Promise<MediaProbe> {
  const output = await withLocalFile(source, (path) =>
    runTool('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path], { timeoutMs: 60_000, ...options }),
  ).catch((error: unknown) => {
    if (error instanceof MediaError && error.code === 'tool_failed')
      throw new MediaError('invalid', 'Not a readable audio or video file', { cause: error });
    throw error;
  });
  const json = JSON.parse(output.toString('utf8')) as FfprobeOutput;
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!video && !audio) throw new MediaError('invalid', 'The file has no audio or video stream');
  const probe: MediaProbe = { container: json.format?.format_name ?? 'unknown' };
  const duration = num(json.format?.duration);
  if (duration !== undefined) probe.duration = Math.round(duration * 1000) / 1000;
  const bitrate = num(json.format?.bit_rate);
  if (bitrate !== undefined) probe.bitrate = bitrate;
  if (video?.width && video.height) {
    const rotation = video.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation ?? num(video.tags?.rotate) ?? 0;
    const turned = Math.abs(rotation) % 180 === 90;
    const [width, height] = turned ? [video.height, video.width] : [video.width, video.height];
    probe.video = defined({
      codec: video.codec_name ?? 'unknown',
      profile: video.profile,
      width,
      height,
      resolution: `${width}x${height}`,
      fps: rate(video.avg_frame_rate) ?? rate(video.r_frame_rate),
      bitrate: num(video.bit_rate),
      pixelFormat: video.pix_fmt,
      rotation: rotation ? ((rotation % 360) + 360) % 360 : undefined,
    });
  }
  if (audio)
    probe.audio = defined({
      codec: audio.codec_name ?? 'unknown',
      profile: audio.profile,
      sampleRate: num(audio.sample_rate),
      channels: audio.channels,
      channelLayout: audio.channel_layout,
      bitrate: num(audio.bit_rate),
    });
  const tags = Object.fromEntries(
    Object.entries(json.format?.tags ?? {}).filter(([key]) =>
      /^(title|artist|album|album_artist|composer|genre|date|creation_time|copyright|comment|encoder)$/i.test(key),
    ),
  );
  if (Object.keys(tags).length) probe.tags = tags;
  return probe;
}

const num = (value: string | number | undefined) => {
  const n = typeof value === 'number' ? value : value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(n) ? n : undefined;
};

/** `30000/1001` as 29.97; `0/0` as undefined. */
function rate(value: string | undefined): number | undefined {
  const [n, d] = (value ?? '').split('/').map(Number);
  return n && d ? Math.round((n / d) * 100) / 100 : undefined;
}

function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
