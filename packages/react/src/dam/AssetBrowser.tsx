import { type ComponentPropsWithoutRef, type DragEvent, forwardRef, useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { AssetType } from '@spokestack/core/dam';
import { useOverrides } from '../overrides.js';
import { useMe } from '../platform/me.js';
import { format } from '../shared/format.js';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { EmptyState } from '../ui/EmptyState.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import type { ClassNames } from '../ui/utils.js';
import { AssetDetail } from './AssetDetail.js';
import { AssetGrid, assetDragType } from './AssetGrid.js';
import { type AssetFacets, type AssetSearchQuery, useAssetSearch, useFolders, useLibraries, useMoveAssets } from './hooks.js';
import { createSelectionStore } from './selection.js';
import { ShareDialog } from './ShareDialog.js';
import { type AssetBrowserStrings, assetBrowserStrings } from './strings.js';
import type { AssetLinkView, FolderView, SearchHitView, UploadResultView as DamUploadResult } from './types.js';
import { type AssetTusOptions, UploadPanel, useAssetUploads } from './uploads.js';

type Part = 'sidebar' | 'toolbar' | 'facets' | 'grid' | 'selection' | 'uploads';
/** The type filter's kinds, each a comma list of the spec's asset types (the search takes any of a list). */
const typeKinds = {
  typeImage: ['IMAGE_PHOTO', 'IMAGE_GRAPHIC', 'IMAGE_ICON', 'IMAGE_LOGO'],
  typeVideo: ['VIDEO_RAW', 'VIDEO_EDITED', 'VIDEO_MOTION'],
  typeAudio: ['AUDIO_MUSIC', 'AUDIO_VOICEOVER', 'AUDIO_SFX'],
  typeDocument: ['DOC_COPY', 'DOC_BRIEF', 'DOC_PRESENTATION', 'DOC_REPORT'],
  typeDesign: ['DESIGN_SOURCE', 'DESIGN_TEMPLATE', 'THREE_D_MODEL', 'AR_ASSET', 'FONT'],
  typeOther: ['OTHER'],
} satisfies Record<string, readonly AssetType[]>;
const statuses = ['APPROVED', 'PENDING', 'REJECTED', 'EXPIRED', 'ARCHIVED'];
/** Facet groups → the search filter each one sets. */
const facetFilters = { type: 'assetType', tags: 'tags', status: 'status', orientation: 'orientation' } as const;

export interface AssetBrowserProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** The library shown first (default: the first the caller sees). */
  defaultLibraryId?: string;
  /** Grid of tiles or list of rows to start with. */
  defaultLayout?: 'grid' | 'list';
  /** The address of a share link (default: the API's download address); see `ShareDialog`. */
  shareUrl?: (link: AssetLinkView) => string;
  /** Options of the tus uploader (chunk size, retries). */
  tus?: AssetTusOptions;
  /** Called with each uploaded asset (and the duplicates the server found). */
  onUploaded?: (result: DamUploadResult) => void;
  /** Locale of dates and numbers (default: the browser's). */
  locale?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<Part>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<AssetBrowserStrings>;
}

interface TreeNode {
  folder: FolderView;
  children: TreeNode[];
}

function treeOf(folders: readonly FolderView[]): TreeNode[] {
  const nodes = new Map(folders.map((folder) => [folder.id, { folder, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) (node.folder.parentId ? (nodes.get(node.folder.parentId)?.children ?? roots) : roots).push(node);
  return roots;
}

/** The asset ids a drag carries, if it carries assets. */
const draggedAssets = (event: DragEvent): string[] | null => {
  try {
    const ids: unknown = JSON.parse(event.dataTransfer.getData(assetDragType) || 'null');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : null;
  } catch {
    return null;
  }
};

/**
 * The asset store as a creative team uses it: libraries and their folder tree beside a virtualized grid (or
 * list) of thumbnails with blur placeholders, search with type, status and faceted filters, multi-select by
 * mouse and keyboard, moving the selection into a folder (drag it onto the folder, or "Move to…"), resumable
 * uploads over tus with their progress (pause, resume, cancel), a detail dialog (metadata, renditions,
 * versions, where-used, comments pinned on the picture) and share links. A CLIENT sees what is shared with
 * them, read-only.
 *
 * @example <AssetBrowser shareUrl={(link) => `${location.origin}/share/${link.token}`} />
 */
export const AssetBrowser = forwardRef<HTMLElement, AssetBrowserProps>(function AssetBrowser(
  { defaultLibraryId, defaultLayout = 'grid', shareUrl, tus, onUploaded, locale, className, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('assetBrowser', assetBrowserStrings, overrides);
  const ids = useId();
  const me = useMe();
  const member = !!me.data && me.data.actor.role !== 'CLIENT';
  const libraries = useLibraries();
  const [chosenLibrary, setLibrary] = useState(defaultLibraryId);
  const libraryId = chosenLibrary ?? libraries.data?.rows[0]?.id;
  const folders = useFolders(libraryId);
  const [folderId, setFolder] = useState<string | null>(null);
  const [layout, setLayout] = useState(defaultLayout);
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<Record<string, string>>({});
  const words = useDeferredValue(q.trim());
  const query = useMemo(
    () => ({ ...filters, ...(words ? { q: words } : {}), libraryId, ...(folderId ? { folderId } : {}) }) as AssetSearchQuery,
    [filters, words, libraryId, folderId],
  );
  const search = useAssetSearch(query, { enabled: !!libraryId });
  const rows = search.data?.rows ?? [];
  const [store] = useState(createSelectionStore);
  const selected = useStore(store, (s) => s.selected);
  const [openId, setOpenId] = useState<string | null>(null);
  const [sharing, setSharing] = useState<SearchHitView | null>(null);
  const move = useMoveAssets();
  const uppy = useAssetUploads({ libraryId, folderId, tus, onUploaded });
  const fileInput = useRef<HTMLInputElement>(null);
  const tree = useMemo(() => treeOf(folders.data ?? []), [folders.data]);

  const setFilter = (key: string, value: string) => setFilters(({ [key]: _, ...rest }) => (value ? { ...rest, [key]: value } : rest));
  const moveTo = (assetIds: string[], target: string | null) =>
    move.mutate({ ids: assetIds, folderId: target }, { onSuccess: () => store.getState().set([]) });
  const addFiles = (files: FileList | null) => {
    for (const file of files ?? []) uppy?.addFile({ name: file.name, type: file.type, data: file, source: 'AssetBrowser' });
  };
  const onDropFiles = (event: DragEvent) => {
    if (!member || !event.dataTransfer.files.length) return;
    event.preventDefault();
    addFiles(event.dataTransfer.files);
  };
  const folderDrop = (target: string | null) => ({
    onDragOver: (event: DragEvent) => member && event.dataTransfer.types.includes(assetDragType) && event.preventDefault(),
    onDrop: (event: DragEvent) => {
      const dragged = draggedAssets(event);
      if (!dragged?.length) return;
      event.preventDefault();
      moveTo(dragged, target);
    },
  });
  const one = selected.size === 1 ? rows.find((a) => selected.has(a.id)) : undefined;
  const state =
    search.error || libraries.error
      ? 'error'
      : !libraryId && libraries.isPending
        ? 'loading'
        : search.isPending
          ? 'loading'
          : rows.length
            ? 'ready'
            : 'empty';
  const filtered = !!words || Object.keys(filters).length > 0;

  const renderTree = (nodes: TreeNode[]) => (
    <ul role="group">
      {nodes.map((node) => (
        <li key={node.folder.id}>
          <button
            type="button"
            data-scope="asset-browser"
            data-part="folder"
            aria-current={folderId === node.folder.id || undefined}
            onClick={() => setFolder(node.folder.id)}
            {...folderDrop(node.folder.id)}
          >
            {node.folder.name}
          </button>
          {node.children.length > 0 && renderTree(node.children)}
        </li>
      ))}
    </ul>
  );

  return (
    <section
      ref={ref}
      aria-labelledby={`${ids}-title`}
      {...props}
      className={className}
      data-scope="asset-browser"
      data-part="root"
      data-state={state}
      data-readonly={(!!me.data && !member) || undefined}
    >
      <aside data-scope="asset-browser" data-part="sidebar" className={classNames?.sidebar}>
        <h2 id={`${ids}-title`} data-scope="asset-browser" data-part="title">
          {t.label}
        </h2>
        {(libraries.data?.rows.length ?? 0) > 1 && (
          <label data-scope="asset-browser" data-part="library">
            <span>{t.libraries}</span>
            <select
              value={libraryId ?? ''}
              onChange={(e) => {
                setLibrary(e.target.value);
                setFolder(null);
              }}
            >
              {libraries.data?.rows.map((library) => (
                <option key={library.id} value={library.id}>
                  {library.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <nav aria-label={t.folders} data-scope="asset-browser" data-part="tree">
          <button
            type="button"
            data-scope="asset-browser"
            data-part="folder"
            aria-current={folderId === null || undefined}
            onClick={() => setFolder(null)}
            {...folderDrop(null)}
          >
            {t.allAssets}
          </button>
          {renderTree(tree)}
        </nav>
      </aside>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping files is a mouse shortcut; Upload is the way for all. */}
      <div
        data-scope="asset-browser"
        data-part="main"
        onDragOver={(e) => member && e.dataTransfer.types.includes('Files') && e.preventDefault()}
        onDrop={onDropFiles}
      >
        <div role="toolbar" aria-label={t.label} data-scope="asset-browser" data-part="toolbar" className={classNames?.toolbar}>
          <input
            type="search"
            aria-label={t.search}
            placeholder={t.search}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            data-scope="asset-browser"
            data-part="search"
          />
          <select aria-label={t.type} value={filters.assetType ?? ''} onChange={(e) => setFilter('assetType', e.target.value)}>
            <option value="">{t.anyType}</option>
            {Object.entries(typeKinds).map(([kind, types]) => (
              <option key={kind} value={types.join(',')}>
                {t[kind as keyof typeof typeKinds]}
              </option>
            ))}
          </select>
          <select aria-label={t.status} value={filters.status ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">{t.anyStatus}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {status.charAt(0) + status.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
          <div role="group" aria-label={t.view} data-scope="asset-browser" data-part="layout">
            <Button size="sm" variant="ghost" aria-pressed={layout === 'grid'} onClick={() => setLayout('grid')}>
              {t.grid}
            </Button>
            <Button size="sm" variant="ghost" aria-pressed={layout === 'list'} onClick={() => setLayout('list')}>
              {t.list}
            </Button>
          </div>
          {member && (
            <>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                onChange={(e) => {
                  addFiles(e.target.files);
                  e.target.value = '';
                }}
                aria-label={t.chooseFiles}
              />
              <Button onClick={() => fileInput.current?.click()} disabled={!libraryId}>
                {t.upload}
              </Button>
            </>
          )}
        </div>
        {search.data?.facets && (
          <Facets facets={search.data.facets} filters={filters} onToggle={setFilter} label={t.facets} className={classNames?.facets} />
        )}
        {selected.size > 0 && (
          <div
            role="region"
            aria-label={format(t.selected, { n: selected.size })}
            data-scope="asset-browser"
            data-part="selection"
            className={classNames?.selection}
          >
            <span aria-live="polite">{format(t.selected, { n: selected.size })}</span>
            {one && member && (
              <Button size="sm" variant="secondary" onClick={() => setSharing(one)}>
                {t.share}
              </Button>
            )}
            {one && (
              <Button size="sm" variant="secondary" onClick={() => setOpenId(one.id)}>
                {t.open}
              </Button>
            )}
            {member && (
              <select
                aria-label={t.moveTo}
                value=""
                onChange={(e) => e.target.value && moveTo([...selected], e.target.value === '-' ? null : e.target.value)}
              >
                <option value="">{t.moveTo}</option>
                <option value="-">{t.libraryRoot}</option>
                {folders.data?.map((folder) => (
                  <option key={folder.id} value={folder.id}>
                    {'  '.repeat(folder.depth)}
                    {folder.name}
                  </option>
                ))}
              </select>
            )}
            <Button size="sm" variant="ghost" onClick={() => store.getState().set([])}>
              {t.clearSelection}
            </Button>
          </div>
        )}
        {state === 'error' ? (
          <ErrorState error={search.error ?? libraries.error} onRetry={() => void search.refetch()} />
        ) : state === 'loading' ? (
          <Spinner size="lg" overrides={{ label: t.loading }} />
        ) : state === 'empty' ? (
          <EmptyState
            title={filtered ? t.noMatches : t.empty}
            description={filtered ? t.noMatchesHint : member ? t.emptyHint : undefined}
          />
        ) : (
          <AssetGrid
            assets={rows}
            layout={layout}
            store={store}
            multiple
            label={t.label}
            onOpen={(asset) => setOpenId(asset.id)}
            onEndReached={() => search.hasNextPage && !search.isFetchingNextPage && void search.fetchNextPage()}
            renderMeta={(asset) =>
              asset.status === 'EXPIRED' ? (
                <Badge tone="danger">{t.expired}</Badge>
              ) : asset.status === 'PENDING' ? (
                <Badge tone="warning">{t.pending}</Badge>
              ) : null
            }
            className={classNames?.grid}
          />
        )}
        {state === 'ready' && !search.hasNextPage && (
          <p data-scope="asset-browser" data-part="count">
            {rows.length === 1 ? t.countOne : format(t.count, { n: rows.length })}
          </p>
        )}
        {uppy && <UploadPanel uppy={uppy} strings={t} className={classNames?.uploads} />}
      </div>
      <AssetDetail assetId={openId} onClose={() => setOpenId(null)} locale={locale} overrides={overrides} />
      {sharing && (
        <ShareDialog asset={sharing} open onOpenChange={(open) => !open && setSharing(null)} linkUrl={shareUrl} locale={locale} />
      )}
    </section>
  );
});

function Facets({
  facets,
  filters,
  onToggle,
  label,
  className,
}: {
  facets: AssetFacets;
  filters: Record<string, string>;
  onToggle: (key: string, value: string) => void;
  label: string;
  className?: string;
}) {
  return (
    <div role="group" aria-label={label} data-scope="asset-browser" data-part="facets" className={className}>
      {(Object.keys(facetFilters) as (keyof typeof facetFilters)[]).map((group) =>
        facets[group]?.slice(0, 8).map(({ value, count }) => {
          const key = facetFilters[group];
          const pressed = filters[key] === value;
          return (
            <Button
              key={`${group}-${value}`}
              size="sm"
              variant="ghost"
              aria-pressed={pressed}
              data-facet={group}
              onClick={() => onToggle(key, pressed ? '' : value)}
            >
              {/* Enum values read as words ("image photo"); tags as they are. */}
              {group === 'tags' ? value : value.replaceAll('_', ' ').toLowerCase()}{' '}
              <span data-scope="asset-browser" data-part="facet-count">
                {count}
              </span>
            </Button>
          );
        }),
      )}
    </div>
  );
}
