import { type ComponentPropsWithoutRef, forwardRef, type ReactNode, useDeferredValue, useId, useMemo, useState } from 'react';
import { useOverrides } from '../overrides.js';
import { contentStatus, type ContentStatus, type EntryListItem } from '@spokestack/core/cms';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { EmptyState } from '../ui/EmptyState.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import type { ClassNames } from '../ui/utils.js';
import { useOrganization } from '../platform/organizations.js';
import { useContentTypes } from './hooks/content-types.js';
import { type ContentEntriesQuery, useContentEntries } from './hooks/entries.js';
import { useCategories, useTags } from './hooks/taxonomy.js';
import { statusTone } from './status.js';
import { statusLabels } from './strings.js';

/**
 * Every string the content list shows.
 *
 * @example <ContentList overrides={{ search: 'Rechercher', empty: 'Aucun contenu', DRAFT: 'Brouillon' }} />
 */
export const contentListStrings = {
  search: 'Search content',
  searchPlaceholder: 'Search titles and text…',
  filters: 'Filters',
  type: 'Type',
  status: 'Status',
  locale: 'Language',
  tag: 'Tag',
  category: 'Category',
  any: 'Any',
  results: 'Entries',
  empty: 'No entries yet',
  emptyHint: 'Entries you create show up here.',
  noMatches: 'Nothing matches',
  noMatchesHint: 'Try other words or fewer filters.',
  clear: 'Clear filters',
  loadMore: 'Load more',
  loading: 'Loading entries…',
  updated: 'Updated {time}',
  ...statusLabels,
};
export type ContentListStrings = typeof contentListStrings;

/** The filters a `ContentList` shows and applies. */
export interface ContentListFilters {
  q?: string;
  type?: string;
  status?: ContentStatus;
  locale?: string;
  tag?: string;
  /** Category id or slug: entries in it or anywhere below it. */
  category?: string;
}

export interface ContentListProps extends Omit<ComponentPropsWithoutRef<'section'>, 'onSelect' | 'children'> {
  /** Called when an entry is chosen (click, or Enter/Space on it). */
  onSelect?: (entry: EntryListItem) => void;
  /** Marks this entry as the current one (`aria-current`). */
  selectedId?: string | null;
  /** Filters applied before the ones the user picks, and not shown (e.g. `{ type: 'blog-post' }` for one type). */
  query?: ContentEntriesQuery;
  /** The filters it opens with. */
  defaultFilters?: ContentListFilters;
  /** Which filter controls to show (default: all). */
  show?: Partial<Record<'search' | 'type' | 'status' | 'locale' | 'tag' | 'category', boolean>>;
  /** Entries per page (default 20). */
  pageSize?: number;
  /** Shown instead of the default empty state when there are no entries at all. */
  empty?: ReactNode;
  /** Class name of the root element. */
  className?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<'toolbar' | 'search' | 'filter' | 'list' | 'item' | 'title' | 'snippet' | 'meta' | 'footer'>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<ContentListStrings>;
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => entities[m]!);

export interface HighlightProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  /** The snippet as the API sends it: escaped text with `<mark>` around the matches. */
  html: string;
}

/**
 * A search snippet from the API (escaped text with `<mark>` around matches) as React elements: the marks become
 * `<mark>` elements, everything else stays text, so nothing in an entry can inject markup.
 *
 * @example <Highlight html={entry.highlight} />
 */
export const Highlight = forwardRef<HTMLSpanElement, HighlightProps>(function Highlight({ html, className, ...props }, ref) {
  const parts = html.split(/(<mark>[\s\S]*?<\/mark>)/g).filter(Boolean);
  return (
    <span ref={ref} {...props} className={className} data-scope="content-list" data-part="snippet">
      {parts.map((part, i) =>
        part.startsWith('<mark>') ? <mark key={i}>{decode(part.slice(6, -7))}</mark> : <span key={i}>{decode(part)}</span>,
      )}
    </span>
  );
});

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
function ago(iso: string): string {
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  return relative.format(Math.round(seconds), 'second');
}

/**
 * Entries with search (ranked full-text, with highlighted snippets), filters (type, status, language, tag, category subtree), status
 * badges and "load more" pagination, plus empty, loading and error states. Each entry is a button: click it or
 * press Enter to call `onSelect`.
 *
 * @example
 * const [selected, setSelected] = useState<string | null>(null)
 * <ContentList onSelect={(entry) => setSelected(entry.id)} selectedId={selected} />
 * {selected && <ContentEditor entryId={selected} />}
 */
export const ContentList = forwardRef<HTMLElement, ContentListProps>(function ContentList(
  { onSelect, selectedId, query, defaultFilters = {}, show = {}, pageSize = 20, empty, className, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('contentList', contentListStrings, overrides);
  const ids = useId();
  const [filters, setFilters] = useState<ContentListFilters>(defaultFilters);
  // Typing stays responsive: the request follows the deferred text, and the previous rows stay meanwhile.
  const q = useDeferredValue(filters.q?.trim() ?? '');
  const listQuery = useMemo<ContentEntriesQuery>(
    () => ({
      ...query,
      ...(filters.type && { type: filters.type }),
      ...(filters.status && { status: filters.status }),
      ...(filters.locale && { locale: filters.locale }),
      ...(filters.tag && { tag: filters.tag }),
      ...(filters.category && { category: filters.category }),
      ...(q && { q }),
      limit: pageSize,
    }),
    [query, filters.type, filters.status, filters.locale, filters.tag, filters.category, q, pageSize],
  );
  const entries = useContentEntries(listQuery);
  const types = useContentTypes();
  const org = useOrganization();
  const tags = useTags();
  const categories = useCategories();
  const typeNames = new Map((types.data?.rows ?? []).map((type) => [type.id, type.name]));
  const rows = entries.data?.rows ?? [];
  const filtered = Boolean(q || filters.type || filters.status || filters.locale || filters.tag || filters.category);
  const visible = {
    search: true,
    type: !query?.type,
    status: !query?.status,
    locale: true,
    tag: true,
    category: !query?.category,
    ...show,
  };
  const set = (patch: Partial<ContentListFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const state = entries.isError ? 'error' : entries.isPending ? 'loading' : rows.length ? 'ready' : 'empty';

  const select = (label: string, key: 'type' | 'status' | 'locale' | 'tag' | 'category', options: { value: string; label: string }[]) => (
    <label data-scope="content-list" data-part="filter" className={classNames?.filter}>
      <span>{label}</span>
      <select value={filters[key] ?? ''} onChange={(e) => set({ [key]: e.target.value || undefined })}>
        <option value="">{t.any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section
      ref={ref}
      aria-labelledby={`${ids}-title`}
      {...props}
      data-scope="content-list"
      data-part="root"
      data-state={state}
      aria-busy={entries.isFetching || undefined}
      className={className}
    >
      <h2 id={`${ids}-title`} data-scope="content-list" data-part="heading" hidden>
        {t.results}
      </h2>
      <div role="search" data-scope="content-list" data-part="toolbar" className={classNames?.toolbar}>
        {/* A visible label like the filters beside it, so the box is named on screen and lines up with them. */}
        {visible.search && (
          <label data-scope="content-list" data-part="filter" data-filter="search">
            <span>{t.search}</span>
            <input
              type="search"
              placeholder={t.searchPlaceholder}
              value={filters.q ?? ''}
              onChange={(e) => set({ q: e.target.value })}
              data-scope="content-list"
              data-part="search"
              className={classNames?.search}
            />
          </label>
        )}
        {visible.type &&
          select(
            t.type,
            'type',
            (types.data?.rows ?? []).map((type) => ({ value: type.slug, label: type.name })),
          )}
        {visible.status &&
          select(
            t.status,
            'status',
            contentStatus.map((status) => ({ value: status, label: t[status] })),
          )}
        {visible.locale &&
          (org.data?.locales.length ?? 0) > 1 &&
          select(
            t.locale,
            'locale',
            (org.data?.locales ?? []).map((locale) => ({ value: locale, label: locale })),
          )}
        {visible.tag &&
          (tags.data?.length ?? 0) > 0 &&
          select(
            t.tag,
            'tag',
            (tags.data ?? []).map((tag) => ({ value: tag.slug, label: tag.name })),
          )}
        {visible.category &&
          (categories.data?.length ?? 0) > 0 &&
          // Indented by depth (a <select> holds no markup); choosing a category includes everything below it.
          select(
            t.category,
            'category',
            (categories.data ?? []).map((category) => ({
              value: category.id,
              label: `${'\u2003'.repeat(category.depth)}${category.name}`,
            })),
          )}
        {filtered && (
          <Button size="sm" variant="ghost" onClick={() => setFilters({})}>
            {t.clear}
          </Button>
        )}
      </div>
      {state === 'error' ? (
        <ErrorState error={entries.error} onRetry={() => entries.refetch()} retrying={entries.isRefetching} />
      ) : state === 'loading' ? (
        <Spinner size="lg" overrides={{ label: t.loading }} />
      ) : state === 'empty' ? (
        filtered ? (
          <EmptyState
            title={t.noMatches}
            description={t.noMatchesHint}
            actions={
              <Button variant="secondary" onClick={() => setFilters({})}>
                {t.clear}
              </Button>
            }
          />
        ) : (
          (empty ?? <EmptyState title={t.empty} description={t.emptyHint} />)
        )
      ) : (
        <ul data-scope="content-list" data-part="list" className={classNames?.list}>
          {rows.map((entry) => (
            <li key={entry.id}>
              <button
                type="button"
                data-scope="content-list"
                data-part="item"
                data-status={entry.status}
                aria-current={entry.id === selectedId || undefined}
                className={classNames?.item}
                onClick={() => onSelect?.(entry)}
              >
                <span data-scope="content-list" data-part="title" className={classNames?.title}>
                  {entry.title}
                </span>
                {entry.highlight && <Highlight html={entry.highlight} className={classNames?.snippet} />}
                <span data-scope="content-list" data-part="meta" className={classNames?.meta}>
                  <Badge tone={statusTone[entry.status]} data-status={entry.status}>
                    {t[entry.status]}
                  </Badge>
                  <span>{typeNames.get(entry.contentTypeId) ?? ''}</span>
                  <code lang={entry.locale}>{entry.locale}</code>
                  <time dateTime={entry.updatedAt} title={new Date(entry.updatedAt).toLocaleString()}>
                    {t.updated.replace('{time}', ago(entry.updatedAt))}
                  </time>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {entries.hasNextPage && state === 'ready' && (
        <div data-scope="content-list" data-part="footer" className={classNames?.footer}>
          <Button variant="secondary" loading={entries.isFetchingNextPage} onClick={() => entries.fetchNextPage()}>
            {t.loadMore}
          </Button>
        </div>
      )}
    </section>
  );
});
