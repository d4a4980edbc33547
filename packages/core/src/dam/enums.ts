// Enums of the spec, declared once: the server's PostgreSQL enums and the contracts both use these.

export const libraryType = ['GENERAL', 'BRAND', 'STOCK', 'CLIENT', 'PROJECT', 'ARCHIVE'] as const;
export type LibraryType = (typeof libraryType)[number];

export const libraryVisibility = ['INTERNAL', 'CLIENT', 'PUBLIC'] as const;
export type LibraryVisibility = (typeof libraryVisibility)[number];

export const assetType = [
  'IMAGE_PHOTO',
  'IMAGE_GRAPHIC',
  'IMAGE_ICON',
  'IMAGE_LOGO',
  'VIDEO_RAW',
  'VIDEO_EDITED',
  'VIDEO_MOTION',
  'AUDIO_MUSIC',
  'AUDIO_VOICEOVER',
  'AUDIO_SFX',
  'DOC_COPY',
  'DOC_BRIEF',
  'DOC_PRESENTATION',
  'DOC_REPORT',
  'DESIGN_SOURCE',
  'DESIGN_TEMPLATE',
  'THREE_D_MODEL',
  'AR_ASSET',
  'FONT',
  'OTHER',
] as const;
export type AssetType = (typeof assetType)[number];

export const assetStatus = ['PENDING', 'APPROVED', 'REJECTED', 'ARCHIVED', 'EXPIRED'] as const;
export type AssetStatus = (typeof assetStatus)[number];

export const assetSourceType = ['UPLOAD', 'IMPORT', 'STOCK', 'GENERATED', 'CAPTURE', 'EXTERNAL'] as const;
export type AssetSourceType = (typeof assetSourceType)[number];

export const licenseType = [
  'OWNED',
  'EXCLUSIVE',
  'ROYALTY_FREE',
  'RIGHTS_MANAGED',
  'CREATIVE_COMMONS',
  'EDITORIAL_ONLY',
  'INTERNAL_ONLY',
  'CLIENT_PROVIDED',
  'UNKNOWN',
] as const;
export type LicenseType = (typeof licenseType)[number];

export const versionChangeType = ['INITIAL', 'UPDATE', 'REVISION', 'RESTORE', 'AUTO_SAVE'] as const;
export type VersionChangeType = (typeof versionChangeType)[number];

export const renditionType = [
  'THUMBNAIL_SMALL',
  'THUMBNAIL_MEDIUM',
  'THUMBNAIL_LARGE',
  'PREVIEW',
  'PREVIEW_VIDEO',
  'WEB_OPTIMIZED',
  'SOCIAL_SQUARE',
  'SOCIAL_STORY',
  'WATERMARKED',
  'LOW_RES',
] as const;
export type RenditionType = (typeof renditionType)[number];

export const renditionStatus = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED'] as const;
export type RenditionStatus = (typeof renditionStatus)[number];

export const collectionType = ['MANUAL', 'SMART', 'LIGHTBOX', 'DELIVERABLE'] as const;
export type CollectionType = (typeof collectionType)[number];

export const shareAccessLevel = ['VIEW', 'DOWNLOAD', 'COMMENT', 'EDIT'] as const;
export type ShareAccessLevel = (typeof shareAccessLevel)[number];
