import { type ComponentPropsWithoutRef, type FormEvent, forwardRef, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import { useOverrides } from '../overrides.js';
import { useSpokeStack } from '../provider.js';
import { format } from '../shared/format.js';
import { Button } from '../ui/Button.js';
import { EmptyState } from '../ui/EmptyState.js';
import { Spinner } from '../ui/Spinner.js';
import { damKeys } from './hooks.js';
import { type SharedAssetStrings, sharedAssetStrings } from './strings.js';

export interface SharedAssetProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** The share link's token (from its URL). */
  token: string;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<SharedAssetStrings>;
}

/**
 * Saves a downloaded body under the file's name from its Content-Disposition: the asset's name has no
 * extension, and a file saved without one does not open by double click.
 */
async function save(response: Response, fallback: string) {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await response.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: encoded ? decodeURIComponent(encoded) : fallback });
  a.click();
  // The click has started the download; the object URL can go on the next task.
  setTimeout(() => URL.revokeObjectURL(url));
}

/**
 * What someone holding a share link sees, without an account: the file's name and size, a password field
 * when the link has one, and Download while downloads are left. An expired, revoked or used-up link says
 * so. Give the SDK no credentials: the link is the only key.
 *
 * @example <SharedAsset token={params.token} />
 */
export const SharedAsset = forwardRef<HTMLElement, SharedAssetProps>(function SharedAsset({ token, overrides, ...props }, ref) {
  const t = useOverrides('sharedAsset', sharedAssetStrings, overrides);
  const sdk = useSpokeStack();
  const ids = useId();
  const link = useQuery({
    queryKey: damKeys.publicLink(token),
    queryFn: ({ signal }) => sdk.dam.links.view(token, { signal }),
    retry: false,
  });
  const [error, setError] = useState<SpokeStackError | null>(null);
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState('');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!link.data) return;
    setBusy(true);
    setError(null);
    try {
      await save(await sdk.dam.links.download(token, password || undefined), link.data.asset.name);
    } catch (failure) {
      setError(failure as SpokeStackError);
    } finally {
      setBusy(false);
      void link.refetch();
    }
  };

  const state = link.isPending ? 'loading' : link.error ? 'unavailable' : 'ready';
  return (
    <section ref={ref} aria-labelledby={`${ids}-title`} {...props} data-scope="shared-asset" data-part="root" data-state={state}>
      {state === 'loading' ? (
        <Spinner size="lg" overrides={{ label: t.loading }} />
      ) : state === 'unavailable' || !link.data ? (
        <EmptyState id={`${ids}-title`} title={t.unavailable} description={t.unavailableHint} />
      ) : (
        <form onSubmit={(e) => void onSubmit(e)} data-scope="shared-asset" data-part="form">
          <h1 id={`${ids}-title`} data-scope="shared-asset" data-part="title">
            {link.data.asset.name}
          </h1>
          <p data-scope="shared-asset" data-part="facts">
            {link.data.asset.mimeType} · {(link.data.asset.size / 1024 / 1024).toFixed(1)} MB
            {/* None left is said below, in a sentence. */}
            {!!link.data.downloadsLeft &&
              ` · ${link.data.downloadsLeft === 1 ? t.downloadsLeftOne : format(t.downloadsLeft, { n: link.data.downloadsLeft })}`}
          </p>
          {!link.data.allowDownload ? (
            <p>{t.noDownload}</p>
          ) : link.data.downloadsLeft === 0 ? (
            <p role="status">{t.limitReached}</p>
          ) : (
            <>
              {link.data.hasPassword && (
                <label data-scope="shared-asset" data-part="field">
                  <span>{t.password}</span>
                  <input
                    type="password"
                    autoComplete="current-password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                    aria-invalid={!!error || undefined}
                    aria-describedby={error ? `${ids}-error` : undefined}
                  />
                </label>
              )}
              <Button type="submit" loading={busy}>
                {t.download}
              </Button>
            </>
          )}
          {error && (
            <p id={`${ids}-error`} role="alert" data-scope="shared-asset" data-part="error">
              {error.message}
            </p>
          )}
        </form>
      )}
    </section>
  );
});
