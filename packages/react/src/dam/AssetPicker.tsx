import { type ComponentPropsWithoutRef, forwardRef, useDeferredValue, useState } from 'react';
import { useStore } from 'zustand';
import { useOverrides } from '../overrides.js';
import { Button } from '../ui/Button.js';
import * as Dialog from '../ui/Dialog.js';
import { EmptyState } from '../ui/EmptyState.js';
import { Spinner } from '../ui/Spinner.js';
import { AssetGrid } from './AssetGrid.js';
import { type AssetSearchQuery, useAssetRenditions, useAssetSearch } from './hooks.js';
import { createSelectionStore } from './selection.js';
import { type AssetPickerStrings, assetPickerStrings } from './strings.js';
import type { RenditionView, SearchHitView } from './types.js';

/** What the picker hands back: the asset, and the file to use (its own, or a rendition's). */
export interface AssetChoice {
  asset: SearchHitView;
  /** The rendition chosen, or null for the original file. */
  rendition: RenditionView | null;
  /** The file a media field stores (`{ fileId }`): the rendition's, or the asset's. */
  fileId: string;
}

export interface AssetPickerProps extends Omit<ComponentPropsWithoutRef<typeof Dialog.Content>, 'children' | 'classNames' | 'onSelect'> {
  /** Whether the picker is open. */
  open: boolean;
  /** Called to open or close it. */
  onOpenChange: (open: boolean) => void;
  /** Called with the chosen asset and file; the picker then closes. */
  onPick: (choice: AssetChoice) => void;
  /** Narrows what can be picked (a library, a type such as `IMAGE`, tags). */
  filter?: Omit<AssetSearchQuery, 'q'>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<AssetPickerStrings>;
}

/**
 * A dialog to pick one asset from the DAM for a media field: search, pick (mouse or keyboard), optionally
 * one of its renditions, then "Use asset". It carries no uploader, so a form that only picks stays light.
 *
 * @example <AssetPicker open={open} onOpenChange={setOpen} filter={{ assetType: 'IMAGE' }} onPick={({ fileId }) => setValue({ fileId })} />
 */
export const AssetPicker = forwardRef<HTMLDivElement, AssetPickerProps>(function AssetPicker(
  { open, onOpenChange, onPick, filter, overrides, ...props },
  ref,
) {
  const t = useOverrides('assetPicker', assetPickerStrings, overrides);
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const [store] = useState(createSelectionStore);
  const search = useAssetSearch({ ...filter, ...(query ? { q: query } : {}) }, { enabled: open });
  const rows = search.data?.rows ?? [];
  const selectedId = useStore(store, (s) => [...s.selected][0]);
  const chosen = rows.find((a) => a.id === selectedId);
  const renditions = useAssetRenditions(chosen?.id);
  const [renditionId, setRenditionId] = useState('');
  const completed = renditions.data?.filter((r) => r.status === 'COMPLETED') ?? [];
  const pick = (asset: SearchHitView | undefined) => {
    if (!asset) return;
    const rendition = asset.id === chosen?.id ? (completed.find((r) => r.id === renditionId) ?? null) : null;
    onPick({ asset, rendition, fileId: rendition?.fileId ?? asset.fileId });
    onOpenChange(false);
  };

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Content ref={ref} aria-describedby={undefined} data-size="lg" {...props}>
        <Dialog.Title>{t.title}</Dialog.Title>
        <input
          type="search"
          aria-label={t.search}
          placeholder={t.search}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-scope="asset-picker"
          data-part="search"
        />
        {search.isPending ? (
          <Spinner overrides={{ label: t.loading }} />
        ) : rows.length === 0 ? (
          <EmptyState title={t.empty} />
        ) : (
          <AssetGrid
            assets={rows}
            store={store}
            label={t.title}
            onOpen={pick}
            onEndReached={() => search.hasNextPage && !search.isFetchingNextPage && void search.fetchNextPage()}
          />
        )}
        <footer data-scope="asset-picker" data-part="footer">
          <label>
            <span>{t.rendition}</span>
            <select value={renditionId} onChange={(e) => setRenditionId(e.target.value)} disabled={!chosen}>
              <option value="">{t.original}</option>
              {completed.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.renditionType.replaceAll('_', ' ').toLowerCase()}
                  {r.width ? ` (${r.width} × ${r.height})` : ''}
                </option>
              ))}
            </select>
          </label>
          <Dialog.Close asChild>
            <Button variant="ghost">{t.cancel}</Button>
          </Dialog.Close>
          <Button disabled={!chosen} onClick={() => pick(chosen)}>
            {t.use}
          </Button>
        </footer>
      </Dialog.Content>
    </Dialog.Root>
  );
});
