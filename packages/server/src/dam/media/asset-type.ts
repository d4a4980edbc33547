import type { AssetType } from '@spokestack/core/dam';
import type { SniffedType } from '../../platform/sniff.js';

/** What metadata extraction learnt, to refine the type the bytes alone give. All optional. */
export interface AssetTypeHints {
  /** The file name as uploaded: words like "logo", "icon", "brief" or "template" pick a subtype. */
  fileName?: string;
  /** Pixel size of an image or video. */
  width?: number;
  height?: number;
  /** A camera make from EXIF: the image is a photograph. */
  cameraMake?: string;
  /** Seconds of video or audio. */
  duration?: number;
  /** ffprobe found a video stream (an MP4 or WebM can hold sound only). */
  hasVideo?: boolean;
  /** ffprobe found an audio stream. */
  hasAudio?: boolean;
  /** Audio channels (1 is mono). */
  channels?: number;
}

const word = (name: string | undefined, ...words: string[]) =>
  !!name && new RegExp(`(^|[^a-z])(${words.join('|')})s?([^a-z]|$)`, 'i').test(name.replace(/\.[^.]+$/, ''));

const photoFormats = new Set(['jpg', 'heic', 'heif', 'cr2', 'cr3', 'tif', 'jxl']);
const presentations = new Set(['pptx', 'ppt', 'odp', 'key']);
const reports = new Set(['pdf', 'xlsx', 'xls', 'ods', 'numbers', 'csv']);

/**
 * The spec's `AssetType` for a sniffed type. The bytes give the family (image, video, audio, document, design,
 * font, 3D); hints from the metadata and the file name choose within it, e.g. a JPEG with a camera make is a
 * photo, a square 64 px PNG an icon, a mono voice track a voice-over, a short silent clip motion graphics.
 *
 * @example
 * inferAssetType(await sniffFile(path), { cameraMake: 'Canon' })   // 'IMAGE_PHOTO'
 * inferAssetType(sniffed, { fileName: 'acme-logo.svg' })          // 'IMAGE_LOGO'
 */
export function inferAssetType(type: SniffedType, hints: AssetTypeHints = {}): AssetType {
  const { fileName, width, height, duration } = hints;
  const template = word(fileName, 'template', 'tpl') || /\.(potx|dotx|xltx|indt|ait)$/i.test(fileName ?? '');
  switch (type.kind) {
    case 'image': {
      if (word(fileName, 'logo', 'logotype', 'wordmark', 'brandmark')) return 'IMAGE_LOGO';
      const small = width !== undefined && height !== undefined && Math.max(width, height) <= 256 && width === height;
      if (type.ext === 'ico' || word(fileName, 'icon', 'favicon') || (small && type.ext !== 'jpg')) return 'IMAGE_ICON';
      if (hints.cameraMake || (photoFormats.has(type.ext) && !small)) return 'IMAGE_PHOTO';
      return 'IMAGE_GRAPHIC';
    }
    case 'video':
    case 'audio': {
      if (hints.hasVideo === false || (type.kind === 'audio' && hints.hasVideo !== true)) {
        if (duration !== undefined && duration < 10) return 'AUDIO_SFX';
        if (hints.channels === 1 || word(fileName, 'vo', 'voiceover', 'voice', 'narration')) return 'AUDIO_VOICEOVER';
        return 'AUDIO_MUSIC';
      }
      if (type.ext === 'mxf' || word(fileName, 'raw', 'footage', 'rushes', 'broll', 'b-roll')) return 'VIDEO_RAW';
      if (
        word(fileName, 'motion', 'animation', 'loop', 'mograph') ||
        (hints.hasAudio === false && duration !== undefined && duration <= 60)
      )
        return 'VIDEO_MOTION';
      return 'VIDEO_EDITED';
    }
    case 'document':
      if (template) return 'DESIGN_TEMPLATE';
      if (word(fileName, 'brief', 'briefing')) return 'DOC_BRIEF';
      if (presentations.has(type.ext) || word(fileName, 'deck', 'presentation', 'pitch')) return 'DOC_PRESENTATION';
      if (reports.has(type.ext) || word(fileName, 'report')) return 'DOC_REPORT';
      return 'DOC_COPY';
    case 'text':
      return type.active ? 'OTHER' : 'DOC_COPY';
    case 'design':
      return template ? 'DESIGN_TEMPLATE' : 'DESIGN_SOURCE';
    case 'font':
      return 'FONT';
    case 'model':
      return type.ext === 'usdz' ? 'AR_ASSET' : 'THREE_D_MODEL';
    default:
      return 'OTHER';
  }
}
