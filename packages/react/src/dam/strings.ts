/**
 * Every string the asset browser shows (its tree, toolbar, grid, upload panel and detail dialog); `{n}`, `{name}`
 * and the like are filled in.
 *
 * @example <AssetBrowser libraryId={id} overrides={{ search: 'Rechercher', upload: 'Importer' }} />
 */
export const assetBrowserStrings = {
  label: 'Assets',
  libraries: 'Libraries',
  folders: 'Folders',
  allAssets: 'All assets',
  search: 'Search assets',
  type: 'Type',
  anyType: 'Any type',
  typeImage: 'Images',
  typeVideo: 'Videos',
  typeAudio: 'Audio',
  typeDocument: 'Documents',
  typeDesign: 'Design files',
  typeOther: 'Other',
  status: 'Status',
  anyStatus: 'Any status',
  facets: 'Refine',
  grid: 'Grid',
  list: 'List',
  view: 'View',
  upload: 'Upload',
  loading: 'Loading assets…',
  empty: 'No assets here yet',
  emptyHint: 'Upload files or drop them here.',
  noMatches: 'No assets match',
  noMatchesHint: 'Try other words or fewer filters.',
  selected: '{n} selected',
  clearSelection: 'Clear selection',
  moveTo: 'Move to…',
  libraryRoot: 'Library root',
  moved: 'Moved {n} assets',
  share: 'Share',
  open: 'Open',
  count: '{n} assets',
  countOne: '1 asset',
  expired: 'Licence expired',
  expiring: 'Licence expiring',
  pending: 'Pending approval',
  // The upload panel
  uploads: 'Uploads',
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  retry: 'Retry',
  uploaded: 'Uploaded',
  paused: 'Paused',
  failed: 'Failed',
  chooseFiles: 'Choose files',
  // The detail dialog
  details: 'Details',
  close: 'Close',
  metadata: 'Metadata',
  versions: 'Versions',
  renditions: 'Renditions',
  whereUsed: 'Where used',
  comments: 'Comments',
  notUsed: 'Not used in any entry or brief yet.',
  current: 'Current',
  restore: 'Restore',
  retryRendition: 'Retry',
  addComment: 'Add a comment',
  commentPlaceholder: 'Say what to change…',
  post: 'Post',
  pinHint: 'Click the image to pin your comment to a spot.',
  pinned: 'Pinned at {x}%, {y}%',
  unpin: 'Remove pin',
  noComments: 'No comments yet.',
  resolved: 'Resolved',
  dimensions: 'Dimensions',
  format: 'Format',
  size: 'Size',
  license: 'Licence',
  expires: 'Expires',
  tags: 'Tags',
  created: 'Created',
  aiLabels: 'AI labels',
  aiLabelsHint: 'Confirm a label to make it a tag; remove a wrong one and search forgets it.',
  noLabels: 'No AI labels yet.',
  labelConfirmed: 'Confirmed',
  confirmLabel: 'Confirm',
  confirmLabelNamed: 'Confirm “{label}” as a tag',
  removeLabel: 'Remove',
  removeLabelNamed: 'Remove the label “{label}”',
};
export type AssetBrowserStrings = typeof assetBrowserStrings;

/**
 * Every string of the share dialog.
 *
 * @example <ShareDialog assetId={id} overrides={{ create: 'Créer le lien' }} />
 */
export const shareDialogStrings = {
  title: 'Share “{name}”',
  description: 'Anyone with the link can see the file; a password and a download limit keep it in check.',
  expiresAt: 'Expires',
  expiresAtHint: 'Optional; without a date the link never expires.',
  password: 'Password',
  passwordHint: 'Optional, at least 8 characters.',
  maxDownloads: 'Download limit',
  maxDownloadsHint: 'Optional; the link stops after this many downloads.',
  allowDownload: 'Allow downloads',
  create: 'Create link',
  copy: 'Copy link',
  copied: 'Copied',
  links: 'Links',
  noLinks: 'No links yet.',
  revoke: 'Revoke',
  downloads: '{n} downloads',
  downloadsOne: '1 download',
  downloadsOf: '{n} of {max} downloads',
  never: 'Never expires',
  expiresOn: 'Expires {date}',
  protectedByPassword: 'Password',
  close: 'Close',
  collectionDescription: 'People you add by email see the collection’s assets with the access you choose.',
  people: 'People with access',
  email: 'Email',
  accessLevel: 'Access',
  add: 'Add person',
  noPeople: 'Not shared with anyone yet.',
  remove: 'Remove',
  removeLabel: 'Remove {email}',
  accessOf: 'Access of {email}',
  levelVIEW: 'Can view',
  levelDOWNLOAD: 'Can download',
  levelCOMMENT: 'Can comment',
  levelEDIT: 'Can edit',
};
export type ShareDialogStrings = typeof shareDialogStrings;

/**
 * Every string of the public shared-asset view (what someone with a link sees).
 *
 * @example <SharedAsset token={token} overrides={{ download: 'Télécharger' }} />
 */
export const sharedAssetStrings = {
  loading: 'Opening the link…',
  unavailable: 'This link no longer works',
  unavailableHint: 'It may have expired, been revoked or used up its downloads.',
  password: 'Password',
  download: 'Download',
  downloadsLeft: '{n} downloads left',
  downloadsLeftOne: '1 download left',
  noDownload: 'Downloads are turned off for this link.',
  limitReached: 'This link has no downloads left.',
};
export type SharedAssetStrings = typeof sharedAssetStrings;

/**
 * Every string of the asset picker.
 *
 * @example <AssetPicker open onPick={setMedia} overrides={{ title: 'Choisir une image' }} />
 */
export const assetPickerStrings = {
  title: 'Choose an asset',
  search: 'Search assets',
  use: 'Use asset',
  rendition: 'Size',
  original: 'Original file',
  cancel: 'Cancel',
  loading: 'Loading assets…',
  empty: 'No assets match',
};
export type AssetPickerStrings = typeof assetPickerStrings;
