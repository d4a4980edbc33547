import { createContext, useContext } from 'react';
import { useOverrides } from '../overrides.js';

/**
 * Every string of the file UI (uploader, library, picker); pass some through a component's `overrides`.
 *
 * @example <MediaPickerDialog overrides={{ libraryTitle: 'Médiathèque' }} … />
 */
export const mediaStrings = {
  upload: 'Upload',
  dropFiles: 'Drop files here or press to choose',
  uploading: 'Uploading {name}… {percent}%',
  uploadFailed: 'Upload of {name} failed: {message}',
  libraryTitle: 'Media library',
  libraryEmpty: 'Nothing uploaded yet',
  select: 'Select',
  loadMore: 'Load more',
  remove: 'Remove',
  close: 'Close',
};

export type MediaStrings = typeof mediaStrings;

/**
 * The overrides of the feature component around the file UI: the content editor passes its own down, so
 * `<ContentEditor overrides={{ upload: 'Téléverser' }}>` renames its uploader too.
 */
export const MediaStringsContext = createContext<Partial<MediaStrings>>({});

/**
 * The file UI's strings in effect: defaults, the provider's `overrides.media`, the enclosing feature's overrides,
 * then the component's own.
 */
export function useMediaStrings(overrides?: Partial<MediaStrings>): MediaStrings {
  const provided = useOverrides('media', mediaStrings);
  return { ...provided, ...useContext(MediaStringsContext), ...overrides };
}
