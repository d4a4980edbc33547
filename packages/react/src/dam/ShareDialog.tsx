import { type ComponentPropsWithoutRef, type FormEvent, forwardRef, useId, useState } from 'react';
import type { SpokeStackError } from '@spokestack/core';
import { useOverrides } from '../overrides.js';
import { useSpokeStack } from '../provider.js';
import { format } from '../shared/format.js';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import * as Dialog from '../ui/Dialog.js';
import { ErrorState } from '../ui/ErrorState.js';
import type { ClassNames } from '../ui/utils.js';
import { useAssetLinks, useCollectionShareMutations, useCollectionShares, useLinkMutations } from './hooks.js';
import { type ShareDialogStrings, shareDialogStrings } from './strings.js';
import type { AssetLinkView, CollectionShareView } from './types.js';

export interface ShareDialogProps extends Omit<ComponentPropsWithoutRef<typeof Dialog.Content>, 'children' | 'classNames'> {
  /** The asset to share by link. */
  asset?: { id: string; name: string };
  /** The collection to share with people by email, each at an access level (with `asset` too: both sections). */
  collection?: { id: string; name: string };
  /** Whether the dialog is open. */
  open: boolean;
  /** Called to open or close it. */
  onOpenChange: (open: boolean) => void;
  /**
   * The address people open, from a link (default: the API's download address). A host with a page for shared
   * assets passes e.g. `(link) => \`${location.origin}/share/${link.token}\``.
   */
  linkUrl?: (link: AssetLinkView) => string;
  /** Locale of dates (default: the browser's). */
  locale?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<'form' | 'links' | 'link' | 'people' | 'person'>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<ShareDialogStrings>;
}

const accessLevels = ['VIEW', 'DOWNLOAD', 'COMMENT', 'EDIT'] as const;
type AccessLevel = (typeof accessLevels)[number];

/**
 * Shares an asset by link (an expiry, an optional password kept hashed on the server and never shown again, a
 * download limit; below, the asset's links with their downloads so far, each revocable at once), or a
 * collection with people by email, each at an access level (view, download, comment, edit) that can be
 * changed or taken away.
 *
 * @example <ShareDialog asset={asset} open={open} onOpenChange={setOpen} linkUrl={(l) => `${origin}/share/${l.token}`} />
 * @example <ShareDialog collection={collection} open={open} onOpenChange={setOpen} />
 */
export const ShareDialog = forwardRef<HTMLDivElement, ShareDialogProps>(function ShareDialog(
  { asset, collection, open, onOpenChange, linkUrl, locale, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('shareDialog', shareDialogStrings, overrides);
  const ids = useId();
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Content ref={ref} {...props} aria-describedby={`${ids}-description`}>
        <Dialog.Title>{format(t.title, { name: asset?.name ?? collection?.name ?? '' })}</Dialog.Title>
        <Dialog.Description id={`${ids}-description`}>{asset ? t.description : t.collectionDescription}</Dialog.Description>
        {asset && <AssetLinks asset={asset} open={open} linkUrl={linkUrl} locale={locale} classNames={classNames} t={t} />}
        {collection && <CollectionPeople collection={collection} open={open} classNames={classNames} t={t} />}
        <Dialog.Footer>
          <Dialog.Close asChild>
            <Button variant="ghost">{t.close}</Button>
          </Dialog.Close>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
});

interface SectionProps {
  open: boolean;
  classNames?: ShareDialogProps['classNames'];
  t: ShareDialogStrings;
}

const fieldErrorOf = (error: unknown, name: string) =>
  (error as SpokeStackError | null)?.errors?.find((e) => e.path.replace(/^body\./, '') === name)?.message;

function AssetLinks({
  asset,
  open,
  linkUrl,
  locale,
  classNames,
  t,
}: SectionProps & Pick<ShareDialogProps, 'linkUrl' | 'locale'> & { asset: { id: string; name: string } }) {
  const sdk = useSpokeStack();
  const ids = useId();
  const links = useAssetLinks(open ? asset.id : null);
  const { create, revoke } = useLinkMutations(asset.id);
  const [copied, setCopied] = useState<string | null>(null);
  const urlOf = linkUrl ?? ((link: AssetLinkView) => sdk.http.url(link.url));
  const fieldError = (name: string) => fieldErrorOf(create.error, name);
  const dateOf = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
    const text = (name: string) => field(name).value.trim();
    create.mutate(
      {
        allowDownload: field('allowDownload').checked,
        expiresAt: text('expiresAt') ? new Date(text('expiresAt')).toISOString() : null,
        password: text('password') || null,
        maxDownloads: text('maxDownloads') ? Number(text('maxDownloads')) : null,
      },
      { onSuccess: () => form.reset() },
    );
  };
  const copy = async (link: AssetLinkView) => {
    await navigator.clipboard?.writeText(urlOf(link));
    setCopied(link.id);
  };

  return (
    <>
      <form onSubmit={onSubmit} noValidate data-scope="share-dialog" data-part="form" className={classNames?.form}>
        <div data-scope="share-dialog" data-part="field">
          <label htmlFor={`${ids}-expires`}>{t.expiresAt}</label>
          <input id={`${ids}-expires`} type="datetime-local" name="expiresAt" aria-describedby={`${ids}-expires-hint`} />
          <small id={`${ids}-expires-hint`}>{fieldError('expiresAt') ?? t.expiresAtHint}</small>
        </div>
        <div data-scope="share-dialog" data-part="field">
          <label htmlFor={`${ids}-pw`}>{t.password}</label>
          <input
            id={`${ids}-pw`}
            type="password"
            name="password"
            autoComplete="new-password"
            aria-describedby={`${ids}-password`}
            aria-invalid={!!fieldError('password') || undefined}
          />
          <small id={`${ids}-password`} data-invalid={!!fieldError('password') || undefined}>
            {fieldError('password') ?? t.passwordHint}
          </small>
        </div>
        <div data-scope="share-dialog" data-part="field">
          <label htmlFor={`${ids}-max-input`}>{t.maxDownloads}</label>
          <input id={`${ids}-max-input`} type="number" name="maxDownloads" min={1} inputMode="numeric" aria-describedby={`${ids}-max`} />
          <small id={`${ids}-max`}>{fieldError('maxDownloads') ?? t.maxDownloadsHint}</small>
        </div>
        <label data-scope="share-dialog" data-part="check">
          <input type="checkbox" name="allowDownload" defaultChecked />
          <span>{t.allowDownload}</span>
        </label>
        <Button type="submit" loading={create.isPending}>
          {t.create}
        </Button>
      </form>
      <h3 data-scope="share-dialog" data-part="heading">
        {t.links}
      </h3>
      {links.error ? (
        <ErrorState error={links.error} onRetry={() => links.refetch()} />
      ) : (
        <ul aria-label={t.links} data-scope="share-dialog" data-part="links" className={classNames?.links}>
          {links.data?.length === 0 && (
            <li data-scope="share-dialog" data-part="none">
              {t.noLinks}
            </li>
          )}
          {links.data?.map((link) => (
            <li key={link.id} data-scope="share-dialog" data-part="link" className={classNames?.link}>
              <input readOnly value={urlOf(link)} aria-label={t.copy} onFocus={(e) => e.currentTarget.select()} />
              <span data-scope="share-dialog" data-part="facts">
                <span>
                  {link.maxDownloads === null
                    ? link.downloadCount === 1
                      ? t.downloadsOne
                      : format(t.downloads, { n: link.downloadCount })
                    : format(t.downloadsOf, { n: link.downloadCount, max: link.maxDownloads })}
                </span>
                <span>{link.expiresAt ? format(t.expiresOn, { date: dateOf(link.expiresAt) }) : t.never}</span>
                {link.hasPassword && <Badge tone="info">{t.protectedByPassword}</Badge>}
              </span>
              <span data-scope="share-dialog" data-part="actions">
                <Button size="sm" variant="secondary" onClick={() => void copy(link)}>
                  {copied === link.id ? t.copied : t.copy}
                </Button>
                <Button
                  size="sm"
                  variant="danger"
                  loading={revoke.isPending && revoke.variables === link.id}
                  onClick={() => revoke.mutate(link.id)}
                >
                  {t.revoke}
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function CollectionPeople({ collection, open, classNames, t }: SectionProps & { collection: { id: string; name: string } }) {
  const ids = useId();
  const shares = useCollectionShares(open ? collection.id : null);
  const { add, change, remove } = useCollectionShareMutations(collection.id);
  const levelName = (level: AccessLevel) => t[`level${level}`];
  const emailError =
    fieldErrorOf(add.error, 'email') ?? (add.error && !fieldErrorOf(add.error, 'accessLevel') ? add.error.message : undefined);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    const accessLevel = (form.elements.namedItem('accessLevel') as HTMLSelectElement).value as AccessLevel;
    add.mutate({ email, accessLevel }, { onSuccess: () => form.reset() });
  };
  const levelOptions = accessLevels.map((level) => (
    <option key={level} value={level}>
      {levelName(level)}
    </option>
  ));

  return (
    <>
      <form onSubmit={onSubmit} noValidate data-scope="share-dialog" data-part="people-form" className={classNames?.form}>
        <div data-scope="share-dialog" data-part="field">
          <label htmlFor={`${ids}-email`}>{t.email}</label>
          <input
            id={`${ids}-email`}
            type="email"
            name="email"
            autoComplete="off"
            required
            aria-invalid={!!emailError || undefined}
            aria-describedby={emailError ? `${ids}-email-error` : undefined}
          />
          {emailError && (
            <small id={`${ids}-email-error`} data-invalid>
              {emailError}
            </small>
          )}
        </div>
        <div data-scope="share-dialog" data-part="field">
          <label htmlFor={`${ids}-level`}>{t.accessLevel}</label>
          <select id={`${ids}-level`} name="accessLevel" defaultValue="VIEW">
            {levelOptions}
          </select>
        </div>
        <Button type="submit" loading={add.isPending}>
          {t.add}
        </Button>
      </form>
      <h3 data-scope="share-dialog" data-part="heading">
        {t.people}
      </h3>
      {shares.error ? (
        <ErrorState error={shares.error} onRetry={() => shares.refetch()} />
      ) : (
        <ul aria-label={t.people} data-scope="share-dialog" data-part="people" className={classNames?.people}>
          {shares.data?.length === 0 && (
            <li data-scope="share-dialog" data-part="none">
              {t.noPeople}
            </li>
          )}
          {shares.data?.map((share: CollectionShareView) => {
            const email = share.email ?? '';
            return (
              <li key={share.id} data-scope="share-dialog" data-part="person" className={classNames?.person}>
                <span data-scope="share-dialog" data-part="email" title={email}>
                  {email}
                </span>
                <select
                  aria-label={format(t.accessOf, { email })}
                  value={share.accessLevel}
                  disabled={change.isPending && change.variables?.id === share.id}
                  onChange={(e) => change.mutate({ id: share.id, accessLevel: e.currentTarget.value as AccessLevel })}
                >
                  {levelOptions}
                </select>
                <Button
                  size="sm"
                  variant="danger"
                  aria-label={format(t.removeLabel, { email })}
                  loading={remove.isPending && remove.variables === share.id}
                  onClick={() => remove.mutate(share.id)}
                >
                  {t.remove}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
