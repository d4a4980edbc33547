import { createContext, useContext } from 'react';
import { createStore, type StoreApi, useStore } from 'zustand';
import { SpokeStackError } from '@spokestack/core';
import type { EntryAction } from '@spokestack/core/cms';

/**
 * Where an editor's draft stands:
 * - `new`: a new entry nobody saved yet;
 * - `saved`: what is on screen is what the server holds;
 * - `dirty`: changes wait for the next (auto)save;
 * - `saving`: a save is on its way;
 * - `error`: the last save was refused (field errors are shown) or failed;
 * - `conflict`: someone else saved since this draft was loaded; reload or overwrite.
 */
export type SaveState = 'new' | 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';

/** The entry's SEO and social metadata the editor edits besides its fields. */
export interface EntryMeta {
  seoTitle: string | null;
  seoDescription: string | null;
  seoKeywords: string[];
  canonicalUrl: string | null;
  noIndex: boolean;
  ogTitle: string | null;
  ogDescription: string | null;
  ogImageId: string | null;
  tagIds: string[];
  categoryIds: string[];
  /** When the entry unpublishes by itself (ISO date-time), or null. */
  expiresAt: string | null;
}

/**
 * The metadata keys the editor edits, in the order the SEO panel shows them.
 *
 * @example for (const key of metaKeys) meta[key] = entry[key]
 */
export const metaKeys = [
  'seoTitle',
  'seoDescription',
  'seoKeywords',
  'canonicalUrl',
  'noIndex',
  'ogTitle',
  'ogDescription',
  'ogImageId',
  'tagIds',
  'categoryIds',
  'expiresAt',
] as const satisfies readonly (keyof EntryMeta)[];
export type MetaKey = (typeof metaKeys)[number];

/** The key of one editable value: a field name, or `meta.<key>` for metadata. */
export type DraftKey = string;
/**
 * The draft key of a metadata value: `meta.<key>`.
 *
 * @example useDraftValue(metaKey('seoTitle'))
 */
export const metaKey = (key: MetaKey): DraftKey => `meta.${key}`;

/** A snapshot of what the editor edits: field values and metadata. */
export interface Draft {
  data: Record<string, unknown>;
  meta: EntryMeta;
}

export interface EntryEditorState {
  /** What is on screen. */
  draft: Draft;
  /** What the server holds (the last load or save). */
  saved: Draft;
  /** Keys whose value differs from `saved`. */
  dirty: Record<DraftKey, true>;
  /** Problems the server reported, by key. */
  serverErrors: Record<DraftKey, string>;
  /** Problems found before sending (unparseable JSON, a number that is not one), by key; they block saving. */
  localErrors: Record<DraftKey, string>;
  /** A failure no field explains (network, permissions, a rule about the whole entry). */
  formError: SpokeStackError | Error | null;
  saveState: SaveState;
  /** The entry version this draft is based on (its ETag); `null` before the first save. */
  version: number | null;
  /** Set on a 409: the version someone else saved. */
  conflictVersion: number | null;
  /** When the last save succeeded (ms since epoch). */
  savedAt: number | null;
  /**
   * The last workflow or publish action the server refused (`publish`, `submit`, …), its field problems shown on the
   * fields like a save's; it leaves the save state alone (nothing failed to save). Cleared by the next save or load.
   */
  actionError: { action: string; error: SpokeStackError | Error } | null;
  /**
   * The last workflow or publish action that succeeded: the save status says it ("Published") in the editor's one
   * polite live region, until the next edit or save makes the save state the news again.
   */
  actionDone: EntryAction | null;
  /** Goes up on every `reset`, so inputs that keep state of their own (the rich text editor) start over. */
  generation: number;
}

export interface EntryEditorActions {
  /** Changes one value (`name` or `meta.<key>`). */
  setValue: (key: DraftKey, value: unknown) => void;
  /** Sets or clears a local problem of one value. */
  setLocalError: (key: DraftKey, message: string | null) => void;
  /** Replaces everything with the server's state (load, reload, restore). */
  reset: (saved: Draft, version: number | null) => void;
  /** Marks a save as started. */
  markSaving: () => void;
  /**
   * Records a successful save of `sent` (the values that went out): those keys are clean unless they changed
   * again meanwhile; `saved` takes what the server answered.
   */
  markSaved: (sent: Partial<Record<DraftKey, unknown>>, server: Draft, version: number | null) => void;
  /** Records a refused or failed save. */
  markFailed: (error: unknown) => void;
  /** Records a refused workflow or publish action (`action` names it); `null` clears it (the action succeeded). */
  setActionError: (action: string, error: unknown) => void;
  /** Records an action that succeeded (and clears its error). */
  setActionDone: (action: EntryAction) => void;
}

export type EntryEditorStore = StoreApi<EntryEditorState & EntryEditorActions>;

const empty = Object.freeze({}) as Record<string, never>;

/**
 * Reads one value of a draft by key.
 *
 * @example valueOf(state.draft, 'meta.seoTitle')
 */
export function valueOf(draft: Draft, key: DraftKey): unknown {
  return key.startsWith('meta.') ? draft.meta[key.slice(5) as MetaKey] : draft.data[key];
}

function withValue(draft: Draft, key: DraftKey, value: unknown): Draft {
  if (key.startsWith('meta.')) return { ...draft, meta: { ...draft.meta, [key.slice(5)]: value } };
  return { ...draft, data: { ...draft.data, [key]: value } };
}

/**
 * Structural equality of JSON-like values (key order ignored), so typing a value back to what was saved makes
 * the field clean again.
 *
 * @example sameValue({ a: [1] }, { a: [1] }) // true
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // An empty string, an empty list and null all mean "no value" to the server.
  if (isBlank(a) && isBlank(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => sameValue(v, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

// Saves name `body.<key>`; publish checks name the entry's own `<key>` (e.g. `expiresAt`).
const metaPath = new RegExp(`^(?:body\\.)?(${metaKeys.join('|')})(?:\\.|$)`);

/**
 * The server's field problems by draft key: `body.data.gallery.0.fileId` (or `data.gallery…`) → `gallery`, `body.seoTitle` →
 * `meta.seoTitle`, `expiresAt` → `meta.expiresAt`. Problems of anything else stay unmapped.
 *
 * @example fieldErrorsOf(error) // { mapped: { title: 'Required' }, unmapped: [] }
 */
export function fieldErrorsOf(error: SpokeStackError): { mapped: Record<DraftKey, string>; unmapped: { path: string; message: string }[] } {
  const mapped: Record<DraftKey, string> = {};
  const unmapped: { path: string; message: string }[] = [];
  for (const problem of error.errors) {
    // Saves name `body.data.<field>`, restores `version.<n>.data.<field>`, publish checks `data.<field>`.
    const data = /^(?:body\.|version\.\d+\.)?data\.([^.]+)(?:\.(.+))?$/.exec(problem.path);
    const meta = metaPath.exec(problem.path);
    const key = data ? data[1]! : meta ? metaKey(meta[1] as MetaKey) : undefined;
    if (!key) {
      unmapped.push(problem);
      continue;
    }
    // A problem deep inside a value (an item of a list, a node of a document) says where, so keep its place.
    const message = data?.[2] && !/^\d+$/.test(data[2]) ? `${problem.message} (${data[2]})` : problem.message;
    mapped[key] = mapped[key] ? `${mapped[key]}; ${message}` : message;
  }
  return { mapped, unmapped };
}

/**
 * Creates the state of one editor: its own store, so two editors on one page never share a draft. Fields read
 * their own value with `useDraftValue`, so typing in one of 200 fields re-renders that field only.
 *
 * @example const [store] = useState(() => createEntryEditorStore({ data: entry.data, meta }, entry.version))
 */
export function createEntryEditorStore(initial: Draft, version: number | null): EntryEditorStore {
  // A draft just loaded (or reloaded): nothing dirty, no errors, no conflict.
  const loaded = (saved: Draft, version: number | null) => ({
    draft: saved,
    saved,
    dirty: empty,
    serverErrors: empty,
    localErrors: empty,
    formError: null,
    actionError: null,
    saveState: version === null ? ('new' as const) : ('saved' as const),
    version,
    conflictVersion: null,
  });
  return createStore<EntryEditorState & EntryEditorActions>()((set) => ({
    ...loaded(initial, version),
    savedAt: null,
    generation: 0,
    actionDone: null,

    setValue: (key, value) =>
      set((state) => {
        const draft = withValue(state.draft, key, value);
        const clean = sameValue(value, valueOf(state.saved, key));
        const dirty = { ...state.dirty };
        if (clean) delete dirty[key];
        else dirty[key] = true;
        const hasDirty = Object.keys(dirty).length > 0;
        // A conflict or a save in flight keeps its state until it is resolved; anything else follows the draft.
        const saveState =
          state.saveState === 'conflict' || state.saveState === 'saving'
            ? state.saveState
            : state.version === null
              ? 'new'
              : hasDirty
                ? 'dirty'
                : state.saveState === 'error'
                  ? 'error'
                  : 'saved';
        const serverErrors = key in state.serverErrors ? without(state.serverErrors, key) : state.serverErrors;
        return { draft, dirty, saveState, serverErrors, actionDone: null };
      }),

    setLocalError: (key, message) =>
      set((state) => {
        if ((state.localErrors[key] ?? null) === message) return state;
        return { localErrors: message === null ? without(state.localErrors, key) : { ...state.localErrors, [key]: message } };
      }),

    reset: (saved, version) => set((state) => ({ ...loaded(saved, version), generation: state.generation + 1 })),

    markSaving: () => set({ saveState: 'saving', actionDone: null }),

    markSaved: (sent, server, version) =>
      set((state) => {
        const dirty: Record<DraftKey, true> = {};
        // Keys edited while the save was in flight stay dirty, compared with what the server now holds.
        for (const key of Object.keys(state.dirty)) {
          const current = valueOf(state.draft, key);
          if (key in sent && sameValue(current, sent[key])) continue;
          if (!sameValue(current, valueOf(server, key))) dirty[key] = true;
        }
        // The server normalizes some values (a derived slug, trimmed data); take them where the user did not type since.
        let draft = server;
        for (const key of Object.keys(dirty)) draft = withValue(draft, key, valueOf(state.draft, key));
        return {
          draft,
          saved: server,
          dirty,
          version,
          serverErrors: empty,
          formError: null,
          actionError: null,
          conflictVersion: null,
          saveState: Object.keys(dirty).length ? 'dirty' : 'saved',
          savedAt: Date.now(),
        };
      }),

    markFailed: (error) =>
      set(() => {
        if (error instanceof SpokeStackError && error.status === 409 && typeof error.extensions.currentVersion === 'number') {
          return { saveState: 'conflict', conflictVersion: error.extensions.currentVersion, formError: null };
        }
        if (error instanceof SpokeStackError && (error.status === 400 || error.status === 409) && error.errors.length) {
          const { mapped, unmapped } = fieldErrorsOf(error);
          return { saveState: 'error', serverErrors: mapped, formError: unmapped.length ? error : null };
        }
        return { saveState: 'error', formError: error instanceof Error ? error : new Error(String(error)) };
      }),

    setActionError: (action, error) =>
      set(() => {
        if (error === null) return { actionError: null };
        const failure = { action, error: error instanceof Error ? error : new Error(String(error)) };
        if (error instanceof SpokeStackError && error.errors.length)
          return { actionError: failure, serverErrors: fieldErrorsOf(error).mapped };
        return { actionError: failure };
      }),

    setActionDone: (action) => set({ actionError: null, actionDone: action }),
  }));
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/**
 * The draft store the editor parts read; `EntryForm.Root` provides it.
 *
 * @example <EntryEditorStoreContext.Provider value={editor.store}>…</EntryEditorStoreContext.Provider>
 */
export const EntryEditorStoreContext = createContext<EntryEditorStore | null>(null);

/**
 * The store of the nearest `EntryForm.Root`; throws outside one.
 *
 * @example const store = useEntryEditorStore(); store.getState().setValue('title', 'Hello')
 */
export function useEntryEditorStore(): EntryEditorStore {
  const store = useContext(EntryEditorStoreContext);
  if (!store) throw new Error('CMS editor parts must be used inside <EntryForm.Root> (or <ContentEditor>).');
  return store;
}

/**
 * One value of the draft and its setter; the component re-renders only when this value changes.
 *
 * @example const [title, setTitle] = useDraftValue('title')
 */
export function useDraftValue(key: DraftKey): [unknown, (value: unknown) => void] {
  const store = useEntryEditorStore();
  const value = useStore(store, (state) => valueOf(state.draft, key));
  const setValue = useStore(store, (state) => state.setValue);
  return [value, (next: unknown) => setValue(key, next)];
}

/**
 * The problem shown under one value: a local one (it blocks saving) or the server's.
 *
 * @example const error = useDraftError('title') // 'Required'
 */
export function useDraftError(key: DraftKey): string | undefined {
  const store = useEntryEditorStore();
  return useStore(store, (state) => state.localErrors[key] ?? state.serverErrors[key]);
}

/**
 * Whether one value has unsaved changes.
 *
 * @example const dirty = useDraftDirty('title')
 */
export function useDraftDirty(key: DraftKey): boolean {
  const store = useEntryEditorStore();
  return useStore(store, (state) => Boolean(state.dirty[key]));
}

/**
 * Where the draft stands (`saved`, `dirty`, `saving`, `error`, `conflict`, `new`).
 *
 * @example const state = useSaveState()
 */
export function useSaveState(): SaveState {
  return useStore(useEntryEditorStore(), (state) => state.saveState);
}
