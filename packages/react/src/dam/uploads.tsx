import { type ComponentPropsWithoutRef, forwardRef, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { type Meta, Uppy, type UppyFile } from '@uppy/core';
import { useUppyState } from '@uppy/react';
import Tus, { type TusOpts } from '@uppy/tus';
import { useSpokeStack } from '../provider.js';
import { format } from '../shared/format.js';
import { Button } from '../ui/Button.js';
import type { ClassNames } from '../ui/utils.js';
import { spokestackKeys } from '../shared/query.js';
import type { AssetBrowserStrings } from './strings.js';
import type { UploadResultView as DamUploadResult } from './types.js';

/** Options of the tus uploader a host may tune (chunk size, retry delays, its `httpStack` and `fileReader`). */
export type AssetTusOptions = Pick<TusOpts<Meta, Record<string, never>>, 'chunkSize' | 'retryDelays' | 'httpStack' | 'fileReader'>;
export type AssetUppy = Uppy<Meta, Record<string, never>>;

/**
 * An Uppy instance uploading into a library (and folder) over tus, resumably: chunks of 5 MiB by default,
 * retried with back-off when the connection drops, paused and resumed from the server's offset. Every
 * request carries the SDK's credentials. One instance per component, destroyed with it; every asset search
 * refreshes when a file lands.
 *
 * @example const uppy = useAssetUploads({ libraryId, folderId, onUploaded: ({ asset }) => toast(asset.name) })
 */
export function useAssetUploads(options: {
  libraryId: string | null | undefined;
  folderId?: string | null;
  tus?: AssetTusOptions;
  onUploaded?: (result: DamUploadResult) => void;
}): AssetUppy | null {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  const [uppy, setUppy] = useState<AssetUppy | null>(null);
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const instance: AssetUppy = new Uppy({ autoProceed: true, allowMultipleUploadBatches: true });
    // The last PATCH answers the upload's result (the asset, duplicates) as JSON, by upload URL; Uppy's
    // upload-success carries the URL but not the body, whatever the HTTP stack.
    const results = new Map<string, DamUploadResult>();
    instance.use(Tus, {
      endpoint: sdk.http.url('/v1/dam/tus'),
      chunkSize: 5 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10_000],
      removeFingerprintOnSuccess: true,
      ...latest.current.tus,
      async onBeforeRequest(request) {
        for (const [name, value] of Object.entries(await sdk.http.headers())) request.setHeader(name, value);
      },
      onAfterResponse(request, response) {
        if (request.getMethod() !== 'PATCH' || response.getStatus() !== 200) return;
        try {
          results.set(request.getURL(), JSON.parse(response.getBody()) as DamUploadResult);
        } catch {
          // A PATCH that was not the last: no body.
        }
      },
    });
    // The library and folder travel as tus metadata, read at the moment a file is added.
    instance.on('file-added', (file) => {
      const { libraryId, folderId } = latest.current;
      instance.setFileMeta(file.id, { libraryId: libraryId ?? '', ...(folderId ? { folderId } : {}), filename: file.name ?? 'upload' });
    });
    instance.on('upload-success', (_file, response) => {
      void queryClient.invalidateQueries({ queryKey: spokestackKeys.resource('dam', 'assets') });
      const result = response.uploadURL ? results.get(response.uploadURL) : undefined;
      if (result) latest.current.onUploaded?.(result);
      if (response.uploadURL) results.delete(response.uploadURL);
    });
    setUppy(instance);
    return () => instance.destroy();
  }, [sdk, queryClient]);
  return uppy;
}

type FileState = 'uploading' | 'paused' | 'failed' | 'complete';
const stateOf = (file: UppyFile<Meta, Record<string, never>>): FileState =>
  file.error ? 'failed' : file.progress.uploadComplete ? 'complete' : file.isPaused ? 'paused' : 'uploading';

export interface UploadPanelProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** The uploader (`useAssetUploads`). */
  uppy: AssetUppy;
  /** The browser's strings. */
  strings: AssetBrowserStrings;
  /** Class names of the inner parts. */
  classNames?: ClassNames<'file' | 'progress'>;
}

/**
 * The files being uploaded, each with its progress and Pause / Resume / Cancel (Retry once it failed):
 * a small panel instead of Uppy's Dashboard, which alone would weigh more than the whole subpath's budget.
 * Nothing renders while no file is queued.
 *
 * @example <UploadPanel uppy={useAssetUploads({ libraryId })} strings={assetBrowserStrings} />
 */
export const UploadPanel = forwardRef<HTMLElement, UploadPanelProps>(function UploadPanel({ uppy, strings: t, classNames, ...props }, ref) {
  const files = Object.values(useUppyState(uppy, (state) => state.files));
  if (!files.length) return null;
  return (
    <section ref={ref} aria-label={t.uploads} {...props} data-scope="asset-uploads" data-part="root">
      <h3 data-scope="asset-uploads" data-part="title">
        {t.uploads}
      </h3>
      <ul data-scope="asset-uploads" data-part="files">
        {files.map((file) => {
          const state = stateOf(file);
          const percent = Math.round(file.progress.percentage ?? 0);
          const name = file.name ?? 'upload';
          return (
            <li key={file.id} data-scope="asset-uploads" data-part="file" data-state={state} className={classNames?.file}>
              <span data-scope="asset-uploads" data-part="name" title={name}>
                {name}
              </span>
              <div
                role="progressbar"
                aria-label={name}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
                data-scope="asset-uploads"
                data-part="progress"
                className={classNames?.progress}
              >
                <div data-scope="asset-uploads" data-part="bar" style={{ width: `${percent}%` }} />
              </div>
              <span data-scope="asset-uploads" data-part="status" aria-live="polite">
                {state === 'complete'
                  ? t.uploaded
                  : state === 'failed'
                    ? `${t.failed}: ${file.error}`
                    : state === 'paused'
                      ? format('{state} · {n}%', { state: t.paused, n: percent })
                      : `${percent}%`}
              </span>
              <span data-scope="asset-uploads" data-part="actions">
                {(state === 'uploading' || state === 'paused') && (
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`${state === 'paused' ? t.resume : t.pause} ${name}`}
                    onClick={() => uppy.pauseResume(file.id)}
                  >
                    {state === 'paused' ? t.resume : t.pause}
                  </Button>
                )}
                {state === 'failed' && (
                  <Button size="sm" variant="ghost" aria-label={`${t.retry} ${name}`} onClick={() => void uppy.retryUpload(file.id)}>
                    {t.retry}
                  </Button>
                )}
                {state !== 'complete' && (
                  <Button size="sm" variant="ghost" aria-label={`${t.cancel} ${name}`} onClick={() => uppy.removeFile(file.id)}>
                    {t.cancel}
                  </Button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
});
