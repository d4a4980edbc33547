import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { type StoreApi, useStore } from 'zustand';
import type { ClassNames } from '../ui/utils.js';
import type { SelectionState } from './selection.js';
import { AssetThumbnail } from './Thumbnail.js';
import type { SearchHitView } from './types.js';

/** The drag payload of assets dragged out of a grid (a JSON array of ids), for drop targets such as folders. */
export const assetDragType = 'application/x-spokestack-assets';

const tileMin = 176;
const gap = 12;
const rowHeight = { grid: 224, list: 56 } as const;
// Before layout (a hidden tab, a test DOM) the viewport measures 0 × 0; lay out as on a laptop screen meanwhile.
const fallbackRect = { width: 1024, height: 720 };

export interface AssetGridProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onSelect'> {
  /** The assets, in display order. */
  assets: readonly SearchHitView[];
  /** Tiles with thumbnails, or rows with a small one. */
  layout?: 'grid' | 'list';
  /** The grid's selection (`createSelectionStore()`, one per grid). */
  store: StoreApi<SelectionState>;
  /** Several assets may be selected (Shift and Ctrl/⌘ with mouse or keys); otherwise one. */
  multiple?: boolean;
  /** Enter or a double click on an asset. */
  onOpen?: (asset: SearchHitView) => void;
  /** The last rows came into view: load the next page. */
  onEndReached?: () => void;
  /** Badges or actions under an asset's name. */
  renderMeta?: (asset: SearchHitView) => ReactNode;
  /** The accessible name of the list. */
  label: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<'viewport' | 'tile' | 'name'>;
}

/** Keeps the measured size unless the element has not been laid out yet. */
const observeRect = (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) =>
  observeElementRect(instance, (rect) => cb(rect.width > 0 ? rect : fallbackRect));

/**
 * A virtualized grid (or list) of assets: only the rows in view are in the DOM, so 10,000 assets scroll as
 * smoothly as 10. It is one listbox: arrows move (and select), Shift+arrows extend, Ctrl/⌘+arrows move
 * without selecting, Space toggles, Ctrl/⌘+A selects all, Escape clears, Enter opens; the mouse does the same
 * with click, Shift-click and Ctrl/⌘-click. Assets drag out as `assetDragType` (the selection, if the dragged
 * one is in it).
 *
 * @example <AssetGrid assets={rows} store={store} label="Assets" multiple onOpen={(a) => setOpen(a.id)} />
 */
export const AssetGrid = forwardRef<HTMLDivElement, AssetGridProps>(function AssetGrid(
  { assets, layout = 'grid', store, multiple = false, onOpen, onEndReached, renderMeta, label, classNames, ...props },
  ref,
) {
  const ids = useId();
  const viewport = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(fallbackRect.width);
  const columns = layout === 'list' ? 1 : Math.max(1, Math.floor((width - 2 * gap + gap) / (tileMin + gap)));
  const rows = Math.ceil(assets.length / columns);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => viewport.current,
    estimateSize: () => rowHeight[layout],
    overscan: 4,
    initialRect: fallbackRect,
    observeElementRect: (instance, cb) =>
      observeRect(instance, (rect) => {
        setWidth(rect.width);
        cb(rect);
      }),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: rows change height with the layout, so measure again then.
  useLayoutEffect(() => virtualizer.measure(), [layout, virtualizer]);
  const selected = useStore(store, (s) => s.selected);
  const active = Math.min(
    useStore(store, (s) => s.active),
    Math.max(0, assets.length - 1),
  );
  const items = virtualizer.getVirtualItems();
  const lastRow = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (rows > 0 && lastRow >= rows - 2) onEndReached?.();
  }, [lastRow, rows, onEndReached]);

  const order = () => assets.map((a) => a.id);
  const move = (index: number, how: 'select' | 'extend' | 'focus') => {
    const next = Math.max(0, Math.min(assets.length - 1, index));
    const s = store.getState();
    if (how === 'extend' && multiple) s.range(order(), next, false);
    else if (how === 'focus' && multiple) s.focus(next);
    else s.set([assets[next]!.id], next);
    virtualizer.scrollToIndex(Math.floor(next / columns));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!assets.length) return;
    const how = event.shiftKey ? 'extend' : event.ctrlKey || event.metaKey ? 'focus' : 'select';
    const steps: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns,
      ArrowUp: -columns,
      PageDown: columns * 4,
      PageUp: -columns * 4,
    };
    const s = store.getState();
    if (event.key in steps) move(active + steps[event.key]!, how);
    else if (event.key === 'Home') move(0, how);
    else if (event.key === 'End') move(assets.length - 1, how);
    else if (event.key === ' ') {
      if (multiple) s.toggle(assets[active]!.id, active);
      else s.set([assets[active]!.id], active);
    } else if (event.key === 'Enter') onOpen?.(assets[active]!);
    else if (event.key === 'Escape' && s.selected.size) s.set([]);
    else if (event.key.toLowerCase() === 'a' && (event.ctrlKey || event.metaKey) && multiple) s.set(order(), active);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };
  const onClick = (event: MouseEvent, index: number) => {
    const s = store.getState();
    const id = assets[index]!.id;
    if (multiple && event.shiftKey) s.range(order(), index, event.ctrlKey || event.metaKey);
    else if (multiple && (event.ctrlKey || event.metaKey)) s.toggle(id, index);
    else s.set([id], index);
  };

  return (
    <div
      ref={(node) => {
        viewport.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      }}
      role="listbox"
      aria-label={label}
      aria-multiselectable={multiple || undefined}
      aria-activedescendant={assets.length ? `${ids}-${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      {...props}
      data-scope="asset-grid"
      data-part="viewport"
      data-layout={layout}
      className={classNames?.viewport ?? props.className}
    >
      <div role="presentation" data-scope="asset-grid" data-part="canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((row) => (
          <div
            key={row.key}
            role="presentation"
            data-scope="asset-grid"
            data-part="row"
            style={{
              transform: `translateY(${row.start}px)`,
              height: rowHeight[layout],
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            }}
          >
            {assets.slice(row.index * columns, row.index * columns + columns).map((asset, i) => {
              const index = row.index * columns + i;
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox handles the keys for its options (aria-activedescendant).
                <div
                  key={asset.id}
                  id={`${ids}-${index}`}
                  role="option"
                  aria-selected={selected.has(asset.id)}
                  aria-posinset={index + 1}
                  aria-setsize={assets.length}
                  data-scope="asset-grid"
                  data-part="tile"
                  data-active={index === active || undefined}
                  data-status={asset.status}
                  className={classNames?.tile}
                  draggable
                  onDragStart={(event) => {
                    const dragged = selected.has(asset.id) ? [...selected] : [asset.id];
                    event.dataTransfer.setData(assetDragType, JSON.stringify(dragged));
                    event.dataTransfer.effectAllowed = 'move';
                  }}
                  onClick={(event) => onClick(event, index)}
                  onDoubleClick={() => onOpen?.(asset)}
                >
                  <AssetThumbnail asset={asset} />
                  <span data-scope="asset-grid" data-part="name" className={classNames?.name} title={asset.name}>
                    {asset.name}
                  </span>
                  {renderMeta && (
                    <span data-scope="asset-grid" data-part="meta">
                      {renderMeta(asset)}
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
});
