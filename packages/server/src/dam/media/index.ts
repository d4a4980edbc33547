// The DAM's media library: plain functions over files, bytes and streams that the DAM's services and jobs
// call. No HTTP and no database here; each module is one concern.
//
//   sniff          (platform/sniff.ts, the one sniffer) the type from the bytes, and whether a browser would run it
//   asset-type     the spec's AssetType from a sniffed type and what metadata says
//   image          metadata (sharp + exifr), a colour palette and a blur placeholder
//   probe / pdf    video and audio through ffprobe; PDF page and word counts through poppler
//   renditions     every RenditionType, from an image, a video (poster frame, 10 s preview) or a PDF
//   tagger         the pluggable Tagger interface; builtin-tagger runs real models offline

export { type AssetTypeHints, inferAssetType } from './asset-type.js';
export {
  type BuiltinTagger,
  type BuiltinTaggerOptions,
  type BuiltinTaggerStats,
  createBuiltinTagger,
  type ModelTaggerOptions,
} from './builtin-tagger.js';
export { type ColorShare, colorName, paletteOf } from './colors.js';
export { MediaError, type MediaErrorCode } from './errors.js';
export { analyzeImage, type ImageAnalysis, type ImageMetadata, readImageMetadata } from './image.js';
export { type PdfInfo, readPdfInfo, renderPdfPage } from './pdf.js';
export type { BlurPlaceholder } from './placeholder.js';
export { type MediaProbe, probeMedia } from './probe.js';
export {
  createRendition,
  type ImageFormat,
  previewVideoSpec,
  type Rendition,
  type RenditionOptions,
  type RenditionSpec,
  renditionKindsFor,
  renditionSpecs,
  type Watermark,
} from './renditions.js';
export { type MediaKind, type SniffedType, sniffFile, sniffHeadBytes, sniffType, unknownType } from '../../platform/sniff.js';
export { type MediaSource, withLocalFile } from './source.js';
export {
  type AiMetadata,
  type Box,
  type CompleteTagger,
  combineTaggers,
  type DetectedFace,
  type DetectedObject,
  heuristicLabels,
  type Label,
  limitConcurrency,
  mergeTags,
  type Tagger,
  type TaggerStats,
  type Tags,
  type TagInput,
  type TextLine,
  toAiMetadata,
} from './tagger.js';
export type { ToolOptions } from './tools.js';
export { posterFrame, previewVideo, type VideoPreview, type VideoPreviewOptions } from './video.js';
