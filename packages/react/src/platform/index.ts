// `@spokestack/react/platform`: the file UI every feature shares (uploader, library, picker, preview). Its own
// entry point because the uploader carries Uppy, which a page with only a `Button` must not download; the
// platform's data hooks (`useOrganization`, `useFiles`, …) are light and live in the root entry.
export {
  MediaUploader,
  MediaLibrary,
  MediaPickerDialog,
  FilePreview,
  libraryFilterOf,
  type MediaUploaderProps,
  type MediaLibraryProps,
  type MediaPickerDialogProps,
  type FilePreviewProps,
} from './media.js';
export { mediaStrings, type MediaStrings } from './strings.js';
