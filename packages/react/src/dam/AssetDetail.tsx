import { type ComponentPropsWithoutRef, type FormEvent, forwardRef, type MouseEvent, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useOverrides } from '../overrides.js';
import { useMe } from '../platform/me.js';
import { useSpokeStack } from '../provider.js';
import { format } from '../shared/format.js';
import { spokestackKeys, useResource } from '../shared/query.js';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import * as Dialog from '../ui/Dialog.js';
import { Spinner } from '../ui/Spinner.js';
import { damKeys, useAssetComments, useAssetRenditions, useAssetVersions, useCreateComment, useWhereUsed } from './hooks.js';
import { type AssetBrowserStrings, assetBrowserStrings } from './strings.js';
import { placeholderOf, renditionOf } from './Thumbnail.js';

export interface AssetDetailProps extends Omit<ComponentPropsWithoutRef<typeof Dialog.Content>, 'children' | 'classNames'> {
  /** The asset shown; null closes the dialog. */
  assetId: string | null;
  /** Called when the dialog closes. */
  onClose: () => void;
  /** Locale of dates and numbers (default: the browser's). */
  locale?: string;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<AssetBrowserStrings>;
}

type Point = { x: number; y: number };
const round = (n: number) => Math.round(n * 1000) / 1000;
const metaOf = (asset: { metadata: unknown }) => (asset.metadata ?? {}) as Record<string, unknown>;

/** The AI labels of an asset by name (taggers write names or `{ name }` objects), each with its confidence and review. */
function labelsOf(ai: unknown): { name: string; confidence?: number; confirmed: boolean }[] {
  const meta = (ai && typeof ai === 'object' && !Array.isArray(ai) ? ai : {}) as Record<string, unknown>;
  const names = (value: unknown) => (Array.isArray(value) ? value : []);
  const confirmed = new Set(names(meta.confirmed).filter((n): n is string => typeof n === 'string'));
  const confidence = (meta.confidence ?? {}) as Record<string, unknown>;
  return names(meta.labels).flatMap((label) => {
    const name = typeof label === 'string' ? label : (label as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return [];
    const c = (label as { confidence?: unknown }).confidence ?? confidence[name];
    return [{ name, confidence: typeof c === 'number' ? c : undefined, confirmed: confirmed.has(name.toLowerCase()) }];
  });
}

/**
 * An asset in full: a large preview on which comments are pinned (click the picture, then write), its
 * metadata and licence, renditions with their status (a failed one can be retried), versions (an earlier one
 * can be restored), where it is used, and its comment threads.
 *
 * @example <AssetDetail assetId={openId} onClose={() => setOpenId(null)} />
 */
export const AssetDetail = forwardRef<HTMLDivElement, AssetDetailProps>(function AssetDetail(
  { assetId, onClose, locale, overrides, ...props },
  ref,
) {
  const t = useOverrides('assetBrowser', assetBrowserStrings, overrides);
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  const me = useMe();
  const member = !!me.data && me.data.actor.role !== 'CLIENT';
  const asset = useResource(sdk.dam.assets, assetId);
  const renditions = useAssetRenditions(assetId);
  const versions = useAssetVersions(member ? assetId : null);
  const whereUsed = useWhereUsed(assetId, { enabled: member });
  const comments = useAssetComments(assetId);
  const comment = useCreateComment(assetId ?? '');
  const [pin, setPin] = useState<Point | null>(null);
  const retry = useMutation({
    mutationFn: (id: string) => sdk.dam.renditions.retry(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: damKeys.renditions(assetId ?? '') }),
  });
  // A reviewed label changes the asset's tags and what search finds: every DAM query refetches.
  const review = useMutation({
    mutationFn: ({ label, confirm }: { label: string; confirm: boolean }) =>
      confirm ? sdk.dam.assets.confirmLabel(assetId ?? '', label) : sdk.dam.assets.removeLabel(assetId ?? '', label),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: spokestackKeys.feature('dam') }),
  });
  const restore = useMutation({
    mutationFn: (id: string) => sdk.dam.versions.restore(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: spokestackKeys.feature('dam') }),
  });

  const preview = renditionOf(renditions.data, ['PREVIEW', 'WEB_OPTIMIZED', 'THUMBNAIL_LARGE', 'THUMBNAIL_MEDIUM']);
  const onPicture = (event: MouseEvent<HTMLButtonElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    // A keyboard "click" has no position: pin the middle, which the pin's label then states.
    const x = box.width && event.clientX ? (event.clientX - box.left) / box.width : 0.5;
    const y = box.height && event.clientY ? (event.clientY - box.top) / box.height : 0.5;
    setPin({ x: round(Math.min(1, Math.max(0, x))), y: round(Math.min(1, Math.max(0, y))) });
  };
  const onComment = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const content = (form.elements.namedItem('content') as HTMLTextAreaElement).value.trim();
    if (!content) return;
    comment.mutate(
      { content, ...(pin ? { annotation: { type: 'point' as const, ...pin } } : {}) },
      {
        onSuccess: () => {
          form.reset();
          setPin(null);
        },
      },
    );
  };
  const dateOf = (iso: string) => new Date(iso).toLocaleDateString(locale, { dateStyle: 'medium' });
  const a = asset.data;
  const meta = a ? metaOf(a) : {};
  const pins = (comments.data ?? []).flatMap((thread, i) =>
    thread.annotation && (thread.annotation as { type?: string }).type === 'point'
      ? [{ thread, n: i + 1, ...(thread.annotation as Point) }]
      : [],
  );

  return (
    <Dialog.Root open={!!assetId} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Content ref={ref} aria-describedby={undefined} data-size="lg" {...props}>
        <Dialog.Title>{a?.name ?? t.loading}</Dialog.Title>
        {!a ? (
          <Spinner overrides={{ label: t.loading }} />
        ) : (
          <div data-scope="asset-detail" data-part="body">
            <figure data-scope="asset-detail" data-part="stage">
              {/* The pins lie over the picture beside its button, not in it: text inside a button joins its name. */}
              <div data-scope="asset-detail" data-part="canvas">
                <button
                  type="button"
                  data-scope="asset-detail"
                  data-part="picture"
                  aria-label={t.pinHint}
                  onClick={onPicture}
                  disabled={!a.assetType.startsWith('IMAGE')}
                  style={placeholderOf(a) ? { backgroundImage: `url("${placeholderOf(a)}")` } : undefined}
                >
                  {preview?.url && <img src={sdk.http.url(preview.url)} alt={a.description ?? a.name} draggable={false} />}
                </button>
                {pins.map((p) => (
                  <span
                    key={p.thread.id}
                    data-scope="asset-detail"
                    data-part="pin"
                    data-resolved={p.thread.isResolved || undefined}
                    style={{ left: `${p.x * 100}%`, top: `${p.y * 100}%` }}
                    aria-hidden
                  >
                    {p.n}
                  </span>
                ))}
                {pin && (
                  <span
                    data-scope="asset-detail"
                    data-part="pin"
                    data-pending=""
                    style={{ left: `${pin.x * 100}%`, top: `${pin.y * 100}%` }}
                    aria-hidden
                  >
                    +
                  </span>
                )}
              </div>
              <figcaption>
                {a.assetType.startsWith('IMAGE') && t.pinHint}
                {a.status === 'EXPIRED' && <Badge tone="danger">{t.expired}</Badge>}
                {a.status === 'PENDING' && <Badge tone="warning">{t.pending}</Badge>}
              </figcaption>
            </figure>
            <div data-scope="asset-detail" data-part="panels">
              <section aria-label={t.metadata} data-scope="asset-detail" data-part="section">
                <h3>{t.metadata}</h3>
                <dl data-scope="asset-detail" data-part="facts">
                  {typeof meta.width === 'number' && (
                    <>
                      <dt>{t.dimensions}</dt>
                      <dd>
                        {String(meta.width)} × {String(meta.height)}
                      </dd>
                    </>
                  )}
                  {typeof meta.format === 'string' && (
                    <>
                      <dt>{t.format}</dt>
                      <dd>{meta.format}</dd>
                    </>
                  )}
                  <dt>{t.license}</dt>
                  <dd>{a.license ?? '—'}</dd>
                  {a.expiresAt && (
                    <>
                      <dt>{t.expires}</dt>
                      <dd>{dateOf(a.expiresAt)}</dd>
                    </>
                  )}
                  <dt>{t.tags}</dt>
                  <dd>{a.tags.length ? a.tags.join(', ') : '—'}</dd>
                  <dt>{t.created}</dt>
                  <dd>{dateOf(a.createdAt)}</dd>
                </dl>
              </section>
              <section aria-label={t.aiLabels} data-scope="asset-detail" data-part="section">
                <h3>{t.aiLabels}</h3>
                {labelsOf(a.aiMetadata).length === 0 ? (
                  <p data-scope="asset-detail" data-part="empty">
                    {t.noLabels}
                  </p>
                ) : (
                  <>
                    {member && (
                      <p data-scope="asset-detail" data-part="hint">
                        {t.aiLabelsHint}
                      </p>
                    )}
                    <ul data-scope="asset-detail" data-part="labels">
                      {labelsOf(a.aiMetadata).map((label) => {
                        const busy = review.isPending && review.variables?.label === label.name;
                        return (
                          <li
                            key={label.name}
                            data-scope="asset-detail"
                            data-part="label"
                            data-state={label.confirmed ? 'confirmed' : 'suggested'}
                          >
                            <span>{label.name}</span>
                            {label.confidence !== undefined && (
                              <span data-scope="asset-detail" data-part="confidence">
                                {Math.round(label.confidence * 100)}%
                              </span>
                            )}
                            {label.confirmed && <Badge tone="success">{t.labelConfirmed}</Badge>}
                            {member && !label.confirmed && (
                              <Button
                                size="sm"
                                variant="secondary"
                                aria-label={format(t.confirmLabelNamed, { label: label.name })}
                                loading={busy && review.variables?.confirm}
                                disabled={busy}
                                onClick={() => review.mutate({ label: label.name, confirm: true })}
                              >
                                {t.confirmLabel}
                              </Button>
                            )}
                            {member && (
                              <Button
                                size="sm"
                                variant="ghost"
                                aria-label={format(t.removeLabelNamed, { label: label.name })}
                                loading={busy && !review.variables?.confirm}
                                disabled={busy}
                                onClick={() => review.mutate({ label: label.name, confirm: false })}
                              >
                                {t.removeLabel}
                              </Button>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  </>
                )}
              </section>
              <section aria-label={t.renditions} data-scope="asset-detail" data-part="section">
                <h3>{t.renditions}</h3>
                <ul data-scope="asset-detail" data-part="list">
                  {renditions.data?.map((r) => (
                    <li key={r.id} data-status={r.status}>
                      <span>{r.renditionType.replaceAll('_', ' ').toLowerCase()}</span>
                      <Badge
                        tone={r.status === 'COMPLETED' ? 'success' : r.status === 'FAILED' ? 'danger' : 'neutral'}
                        title={r.error ?? undefined}
                      >
                        {r.status.toLowerCase()}
                      </Badge>
                      {r.status === 'FAILED' && member && (
                        <Button
                          size="sm"
                          variant="ghost"
                          loading={retry.isPending && retry.variables === r.id}
                          onClick={() => retry.mutate(r.id)}
                        >
                          {t.retryRendition}
                        </Button>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
              {member && (
                <section aria-label={t.versions} data-scope="asset-detail" data-part="section">
                  <h3>{t.versions}</h3>
                  <ul data-scope="asset-detail" data-part="list">
                    {versions.data?.rows.map((v) => (
                      <li key={v.id}>
                        <span>
                          v{v.versionNumber} · {v.changeType.toLowerCase()} · {dateOf(v.createdAt)}
                          {v.changeNote && ` — ${v.changeNote}`}
                        </span>
                        {v.isCurrentVersion ? (
                          <Badge tone="info">{t.current}</Badge>
                        ) : (
                          <Button
                            size="sm"
                            variant="ghost"
                            loading={restore.isPending && restore.variables === v.id}
                            onClick={() => restore.mutate(v.id)}
                          >
                            {t.restore}
                          </Button>
                        )}
                      </li>
                    ))}
                  </ul>
                </section>
              )}
              {member && (
                <section aria-label={t.whereUsed} data-scope="asset-detail" data-part="section">
                  <h3>{t.whereUsed}</h3>
                  {whereUsed.data && whereUsed.data.content.length + whereUsed.data.briefs.length === 0 ? (
                    <p>{t.notUsed}</p>
                  ) : (
                    <ul data-scope="asset-detail" data-part="list">
                      {whereUsed.data?.content.map((c) => (
                        <li key={`${c.entryId}-${c.fieldName}`}>
                          <span>{c.title}</span>
                          <Badge>{c.status.toLowerCase()}</Badge>
                        </li>
                      ))}
                      {whereUsed.data?.briefs.map((b) => (
                        <li key={b.briefId}>
                          <span>{b.title}</span>
                          <Badge>{b.linkType.toLowerCase()}</Badge>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              )}
              <section aria-label={t.comments} data-scope="asset-detail" data-part="section">
                <h3>{t.comments}</h3>
                <ol data-scope="asset-detail" data-part="comments">
                  {comments.data?.length === 0 && <li>{t.noComments}</li>}
                  {comments.data?.map((thread, i) => (
                    <li key={thread.id} data-resolved={thread.isResolved || undefined}>
                      <span data-scope="asset-detail" data-part="number" aria-hidden>
                        {i + 1}
                      </span>
                      <p>{thread.content}</p>
                      {thread.isResolved && <Badge tone="success">{t.resolved}</Badge>}
                    </li>
                  ))}
                </ol>
                <form onSubmit={onComment} data-scope="asset-detail" data-part="comment-form">
                  <label>
                    <span>{t.addComment}</span>
                    <textarea name="content" rows={2} placeholder={t.commentPlaceholder} required />
                  </label>
                  {pin && (
                    <p data-scope="asset-detail" data-part="pending-pin">
                      {format(t.pinned, { x: Math.round(pin.x * 100), y: Math.round(pin.y * 100) })}
                      <Button size="sm" variant="ghost" onClick={() => setPin(null)}>
                        {t.unpin}
                      </Button>
                    </p>
                  )}
                  <Button type="submit" size="sm" loading={comment.isPending}>
                    {t.post}
                  </Button>
                </form>
              </section>
            </div>
          </div>
        )}
        {/* In the dialog's footer: a Button keeps its own data-scope, so alone it stretched across the dialog. */}
        <div data-scope="dialog" data-part="footer">
          <Dialog.Close asChild>
            <Button variant="ghost">{t.close}</Button>
          </Dialog.Close>
        </div>
      </Dialog.Content>
    </Dialog.Root>
  );
});
