import { type ComponentPropsWithoutRef, forwardRef, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Uppy, type Meta, type Restrictions } from '@uppy/core';
import { UppyContextProvider, useDropzone, useUppyState } from '@uppy/react';
import type { FileRow } from '@spokestack/core';
import { useSpokeStack } from '../provider.js';
import { Button } from '../ui/Button.js';
import * as Dialog from '../ui/Dialog.js';
import { EmptyState } from '../ui/EmptyState.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import type { ClassNames } from '../ui/utils.js';
import { format } from '../shared/format.js';
import { useFile, useFiles } from './files.js';
import { FileIcon } from './icons.js';
import { platformKeys } from './keys.js';
import { type MediaStrings, useMediaStrings } from './strings.js';

type UploadUppy = Uppy<Meta, FileRow>;

/**
 * The library filter of a media field: the common top-level type of what it accepts (`image/*` and `image/png`
 * → `image/`), images when it accepts anything (the usual case), or nothing when it mixes kinds.
 *
 * @example libraryFilterOf(['image/png', 'image/*']) // 'image/'
 */
export function libraryFilterOf(accept: readonly string[] | undefined): string | undefined {
  if (!accept?.length) return 'image/';
  const kinds = new Set(accept.map((a) => a.split('/')[0]));
  return kinds.size === 1 && !accept.some((a) => a.startsWith('.')) ? `${[...kinds][0]}/` : undefined;
}

/**
 * An Uppy instance whose uploader sends each file through `sdk.platform.files.upload` (the multipart endpoint,
 * with the SDK's credentials and transport), one instance per component, destroyed with it. Uppy tracks the
 * files, restrictions, per-file state and the overall progress; the SDK does the transfer.
 */
function useUploadUppy(options: { accept?: readonly string[]; multiple: boolean; onUploaded: (file: FileRow) => void }): UploadUppy | null {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  const [uppy, setUppy] = useState<UploadUppy | null>(null);
  const onUploaded = useRef(options.onUploaded);
  onUploaded.current = options.onUploaded;
  const accept = options.accept?.join(',');

  useEffect(() => {
    const restrictions: Partial<Restrictions> = {
      allowedFileTypes: accept ? accept.split(',') : null,
      maxNumberOfFiles: options.multiple ? null : 1,
    };
    const instance: UploadUppy = new Uppy<Meta, FileRow>({ autoProceed: true, allowMultipleUploadBatches: true, restrictions });
    instance.addUploader(async (fileIDs) => {
      const files = instance.getFilesByIds(fileIDs);
      instance.emit('upload-start', files);
      await Promise.all(
        files.map(async (file) => {
          try {
            const row = await sdk.platform.files.upload(file.data as Blob, { name: file.name ?? 'upload' });
            instance.emit('upload-success', instance.getFile(file.id), { status: 201, body: row, uploadURL: row.url });
          } catch (error) {
            instance.emit('upload-error', instance.getFile(file.id), error instanceof Error ? error : new Error(String(error)));
          }
        }),
      );
    });
    instance.on('upload-success', (file, response) => {
      const row = response.body;
      if (!row) return;
      queryClient.setQueryData(platformKeys.file(row.id), row);
      void queryClient.invalidateQueries({ queryKey: platformKeys.files() });
      onUploaded.current(row);
      // Done files leave the list (and free their slot under maxNumberOfFiles); failed ones stay with their error.
      if (file) instance.removeFile(file.id);
    });
    setUppy(instance);
    return () => instance.destroy();
  }, [sdk, queryClient, accept, options.multiple]);
  return uppy;
}

/** Props of `MediaUploader`; other props go to its root `<div>`. */
export interface MediaUploaderProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onDrop'> {
  /** MIME types or extensions accepted (`image/*`, `application/pdf`, `.svg`); anything when omitted. */
  accept?: readonly string[];
  /** Several files at once. */
  multiple?: boolean;
  /** Called with each uploaded file. */
  onUploaded: (file: FileRow) => void;
  /** Nothing can be dropped or chosen. */
  disabled?: boolean;
  /** Class names of the inner parts. */
  classNames?: ClassNames<'dropzone' | 'files' | 'file'>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<MediaStrings>;
}

/**
 * A drop zone for uploads: drop files on it, or focus it and press Enter or Space to choose them. Each file is
 * uploaded through `sdk.platform.files.upload` as soon as it is added, with its progress and any error listed
 * below the zone.
 *
 * @example <MediaUploader accept={['image/*']} onUploaded={(file) => setValue({ fileId: file.id })} />
 */
export const MediaUploader = forwardRef<HTMLDivElement, MediaUploaderProps>(function MediaUploader(
  { accept, multiple = false, onUploaded, disabled = false, classNames, overrides, ...props },
  ref,
) {
  const uppy = useUploadUppy({ accept, multiple, onUploaded });
  if (!uppy) return <div ref={ref} data-scope="media-uploader" data-part="root" data-state="idle" {...props} />;
  return (
    <UppyContextProvider uppy={uppy as unknown as Uppy}>
      <UploaderBody ref={ref} uppy={uppy} disabled={disabled} classNames={classNames} overrides={overrides} {...props} />
    </UppyContextProvider>
  );
});

interface UploaderBodyProps extends Omit<MediaUploaderProps, 'onUploaded' | 'accept' | 'multiple'> {
  uppy: UploadUppy;
  disabled: boolean;
}

const UploaderBody = forwardRef<HTMLDivElement, UploaderBodyProps>(function UploaderBody(
  { uppy, disabled, classNames, overrides, ...props },
  ref,
) {
  const t = useMediaStrings(overrides);
  const dropzone = useDropzone({ noClick: disabled });
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const files = useUppyState(uppy, (state) => state.files);
  const totalProgress = useUppyState(uppy, (state) => state.totalProgress);
  const hintId = useId();
  const root = dropzone.getRootProps();
  const input = dropzone.getInputProps();
  const list = Object.values(files);
  const busy = list.some((file) => !file.error && !file.progress.uploadComplete);
  return (
    <div ref={ref} data-scope="media-uploader" data-part="root" data-state={busy ? 'uploading' : over ? 'over' : 'idle'} {...props}>
      <div
        role="button"
        tabIndex={disabled ? -1 : 0}
        aria-disabled={disabled || undefined}
        aria-describedby={hintId}
        data-scope="media-uploader"
        data-part="dropzone"
        data-state={over ? 'over' : undefined}
        className={classNames?.dropzone}
        onClick={root.onClick}
        onKeyDown={(event) => {
          if (disabled || (event.key !== 'Enter' && event.key !== ' ')) return;
          event.preventDefault();
          inputRef.current?.click();
        }}
        onDragEnter={(event) => {
          root.onDragEnter(event as never);
          setOver(true);
        }}
        onDragOver={(event) => root.onDragOver(event as never)}
        onDragLeave={(event) => {
          root.onDragLeave(event as never);
          setOver(false);
        }}
        onDrop={(event) => {
          setOver(false);
          if (!disabled) root.onDrop(event as never);
        }}
      >
        <span id={hintId}>{t.dropFiles}</span>
      </div>
      {/* Outside the zone: a click on the input must not bubble into the zone's click, which clicks the input. */}
      <input
        {...input}
        ref={inputRef}
        hidden
        disabled={disabled}
        aria-label={t.upload}
        onChange={(event) => input.onChange(event as never)}
      />
      {list.length > 0 && (
        <ul data-scope="media-uploader" data-part="files" aria-live="polite" className={classNames?.files}>
          {list.map((file) => {
            const percent = file.progress.uploadComplete ? 100 : Math.round((file.progress.percentage ?? 0) || (busy ? totalProgress : 0));
            return (
              <li
                key={file.id}
                data-scope="media-uploader"
                data-part="file"
                data-state={file.error ? 'error' : file.progress.uploadComplete ? 'done' : 'uploading'}
                className={classNames?.file}
              >
                {file.error ? (
                  <span role="alert">{format(t.uploadFailed, { name: file.name ?? '', message: file.error })}</span>
                ) : (
                  <>
                    <span>{format(t.uploading, { name: file.name ?? '', percent })}</span>
                    {/* The SDK's fetch does not report bytes, so a file in flight shows as indeterminate. */}
                    <progress max={100} value={file.progress.uploadComplete ? 100 : undefined} aria-label={file.name ?? ''} />
                  </>
                )}
                {file.error && (
                  <Button size="sm" variant="ghost" onClick={() => uppy.removeFile(file.id)}>
                    {t.remove}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
});

/** Props of `FilePreview`; other props go to its root `<span>`. */
export interface FilePreviewProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  /** The file to show. */
  fileId: string;
  /** Text alternative of an image preview. */
  alt?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<'image' | 'name'>;
  /** Has no strings; here so every component takes the same props. */
  overrides?: Partial<MediaStrings>;
}

/**
 * A thumbnail of an uploaded image (its signed URL), or the file's name for other kinds.
 *
 * @example <FilePreview fileId={value.fileId} alt={value.alt} />
 */
export const FilePreview = forwardRef<HTMLSpanElement, FilePreviewProps>(function FilePreview(
  { fileId, alt = '', classNames, overrides: _overrides, ...props },
  ref,
) {
  const sdk = useSpokeStack();
  const file = useFile(fileId);
  return (
    <span
      ref={ref}
      data-scope="file-preview"
      data-part="root"
      data-state={file.isPending ? 'loading' : file.isError ? 'error' : 'ready'}
      {...props}
    >
      {file.data?.mimeType.startsWith('image/') ? (
        <img
          src={sdk.http.url(file.data.url)}
          alt={alt}
          loading="lazy"
          data-scope="file-preview"
          data-part="image"
          className={classNames?.image}
        />
      ) : (
        <span data-scope="file-preview" data-part="name" className={classNames?.name}>
          {file.data?.name ?? fileId}
        </span>
      )}
    </span>
  );
});

/** Props of `MediaLibrary`; other props go to its root `<div>`. */
export interface MediaLibraryProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onSelect'> {
  /** A MIME type or prefix (`image/`) to list; every file when omitted. */
  mimeType?: string;
  /** Called with the file picked. */
  onSelect: (file: FileRow) => void;
  /** Class names of the inner parts. */
  classNames?: ClassNames<'grid' | 'item' | 'name'>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<MediaStrings>;
}

/**
 * The organization's earlier uploads, newest first, as a grid of buttons; "load more" pages further.
 *
 * @example <MediaLibrary mimeType="image/" onSelect={(file) => insert(file)} />
 */
export const MediaLibrary = forwardRef<HTMLDivElement, MediaLibraryProps>(function MediaLibrary(
  { mimeType, onSelect, classNames, overrides, ...props },
  ref,
) {
  const sdk = useSpokeStack();
  const t = useMediaStrings(overrides);
  const files = useFiles({ mimeType, limit: 24 });
  const rows = files.data?.rows ?? [];
  if (files.isError)
    return <ErrorState ref={ref} error={files.error} onRetry={() => files.refetch()} retrying={files.isRefetching} {...props} />;
  return (
    <div
      ref={ref}
      data-scope="media-library"
      data-part="root"
      data-state={files.isPending ? 'loading' : rows.length ? 'ready' : 'empty'}
      {...props}
    >
      {files.isPending ? (
        <Spinner />
      ) : rows.length === 0 ? (
        <EmptyState title={t.libraryEmpty} />
      ) : (
        <ul data-scope="media-library" data-part="grid" className={classNames?.grid}>
          {rows.map((file) => (
            <li key={file.id}>
              <button
                type="button"
                data-scope="media-library"
                data-part="item"
                className={classNames?.item}
                onClick={() => onSelect(file)}
                aria-label={`${t.select} ${file.name}`}
              >
                {file.mimeType.startsWith('image/') ? (
                  <img src={sdk.http.url(file.url)} alt="" loading="lazy" />
                ) : (
                  <span data-part="icon">
                    <FileIcon />
                  </span>
                )}
                <span data-scope="media-library" data-part="name" className={classNames?.name}>
                  {file.name}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {files.hasNextPage && (
        <Button variant="secondary" size="sm" loading={files.isFetchingNextPage} onClick={() => files.fetchNextPage()}>
          {t.loadMore}
        </Button>
      )}
    </div>
  );
});

/** Props of `MediaPickerDialog`; other props go to the dialog's content `<div>`. */
export interface MediaPickerDialogProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onSelect' | 'title'> {
  /** The button (or other element) that opens the dialog. */
  trigger: ReactNode;
  /** Accepted types of uploads; the library lists the matching kind. */
  accept?: readonly string[];
  /** Called with the uploaded or chosen file; the dialog then closes. */
  onSelect: (file: FileRow) => void;
  /** The dialog's title. */
  title?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<'title' | 'uploader' | 'library' | 'footer'>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<MediaStrings>;
}

/**
 * A dialog to upload a file or pick an earlier upload: what a media field, the social image and the rich text
 * editor's image button use.
 *
 * @example <MediaPickerDialog trigger={<Button>Choose image</Button>} accept={['image/*']} onSelect={(file) => setImage(file)} />
 */
export const MediaPickerDialog = forwardRef<HTMLDivElement, MediaPickerDialogProps>(function MediaPickerDialog(
  { trigger, accept, onSelect, title, className, classNames, overrides, ...props },
  ref,
) {
  const t = useMediaStrings(overrides);
  const [open, setOpen] = useState(false);
  const pick = (file: FileRow) => {
    setOpen(false);
    onSelect(file);
  };
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Content ref={ref} data-size="lg" className={className} {...props}>
        <Dialog.Title className={classNames?.title}>{title ?? t.libraryTitle}</Dialog.Title>
        <Dialog.Description>{t.dropFiles}</Dialog.Description>
        {open && (
          <>
            <MediaUploader accept={accept} onUploaded={pick} className={classNames?.uploader} overrides={overrides} />
            <MediaLibrary mimeType={libraryFilterOf(accept)} onSelect={pick} className={classNames?.library} overrides={overrides} />
          </>
        )}
        <div data-scope="dialog" data-part="footer" className={classNames?.footer}>
          <Dialog.Close asChild>
            <Button variant="secondary">{t.close}</Button>
          </Dialog.Close>
        </div>
      </Dialog.Content>
    </Dialog.Root>
  );
});
