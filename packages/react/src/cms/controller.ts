import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type { ContentField, ContentTypeRow, EntryRow, LocalizationRow } from '@spokestack/core/cms';
import { useMe } from '../platform/me.js';
import { useOrganization } from '../platform/organizations.js';
import { useSpokeStack } from '../provider.js';
import { useContentType } from './hooks/content-types.js';
import { useContentEntry, useCreateEntry, useSaveEntry } from './hooks/entries.js';
import { cmsKeys } from './hooks/keys.js';
import { useSaveTranslation, useTranslations } from './hooks/localization.js';
import { directionOf } from './locale.js';
import { createEntryEditorStore, type Draft, type DraftKey, type EntryEditorStore, type EntryMeta, metaKeys, valueOf } from './store.js';

/** Options of `useEntryEditor`. */
export interface UseEntryEditorOptions {
  /** The entry to edit. */
  entryId?: string | null;
  /** Without `entryId`: the content type of a new entry (create mode, which turns into edit mode after the first save). */
  contentTypeId?: string | null;
  /** The language to edit first: the entry's own locale (default) or one of its translations. */
  locale?: string;
  /** Never save; every input is read-only. Defaults to true for the CLIENT role. */
  readOnly?: boolean;
  /** Save this many milliseconds after the last change (default 1500); `false` saves only through `save()`. New entries are created by an
   * explicit save. */
  autosave?: number | false;
  /** Called after the first save of a new entry created it. */
  onCreated?: (entry: EntryRow) => void;
  /** Called after every successful save of the entry or of a translation. */
  onSaved?: (entry: EntryRow, translation: LocalizationRow | null) => void;
}

/** What `useEntryEditor` returns: the loaded entry and type, the draft store, and what can be done with them. */
export interface EntryEditorController {
  /** `loading` until the type, the entry and the caller's role are known; `error` when one failed to load. */
  status: 'loading' | 'error' | 'ready';
  /** Why loading failed. */
  error: SpokeStackError | null;
  /** Loads again after an error. */
  retry: () => void;
  /** The draft; null while loading. */
  store: EntryEditorStore | null;
  type: ContentTypeRow | null;
  /** The entry as the server last returned it; null for a new entry. */
  entry: EntryRow | null;
  /** The id of the entry, once it exists. */
  entryId: string | null;
  /** `create` before the first save of a new entry, `translation` while editing another language, else `edit`. */
  mode: 'create' | 'edit' | 'translation';
  /** The language being edited. */
  locale: string;
  /** The entry's own language. */
  sourceLocale: string;
  /** The organization's languages. */
  locales: string[];
  /** The translation being edited (translation mode), if it exists yet. */
  translation: LocalizationRow | null;
  /** The entry's translations. */
  translations: LocalizationRow[];
  /** Text direction of the language being edited. */
  dir: 'ltr' | 'rtl';
  readOnly: boolean;
  /** The fields this language edits: every field in the source, the localized ones in a translation. */
  isEditable: (field: ContentField) => boolean;
  /** Saves the draft now (waits for a save in flight first). */
  save: () => Promise<void>;
  /** Throws the draft away and loads what the server holds. */
  reload: () => Promise<void>;
  /** After a conflict: saves this draft's changes on top of the version someone else saved. */
  overwrite: () => Promise<void>;
  /** Saves pending changes, then switches the language being edited. */
  setLocale: (locale: string) => Promise<void>;
  /** Saves the translation with a new status (translation mode). */
  setTranslationStatus: (status: LocalizationRow['status']) => Promise<void>;
  /** Replaces the draft with an entry the server returned (after a restore, a workflow action…). */
  adopt: (entry: EntryRow) => void;
}

const emptyMeta: EntryMeta = {
  seoTitle: null,
  seoDescription: null,
  seoKeywords: [],
  canonicalUrl: null,
  noIndex: false,
  ogTitle: null,
  ogDescription: null,
  ogImageId: null,
  tagIds: [],
  categoryIds: [],
  expiresAt: null,
};

/**
 * The draft of an entry's own language.
 *
 * @example store.getState().reset(draftOfEntry(entry), entry.version)
 */
export function draftOfEntry(entry: EntryRow): Draft {
  const meta = {} as Record<keyof EntryMeta, unknown>;
  for (const key of metaKeys) meta[key] = entry[key];
  return { data: { ...(entry.data as Record<string, unknown>) }, meta: meta as EntryMeta };
}

/** The draft of a new entry: field defaults. */
function draftOfType(type: ContentTypeRow): Draft {
  const data: Record<string, unknown> = {};
  for (const field of type.schema.fields) if (field.default !== undefined && field.default !== null) data[field.name] = field.default;
  return { data, meta: emptyMeta };
}

/** The SEO and social keys a translation has of its own (the rest of its meta is the entry's). */
const seoKeys = ['seoTitle', 'seoDescription', 'seoKeywords', 'canonicalUrl', 'noIndex', 'ogTitle', 'ogDescription', 'ogImageId'] as const;

function draftOfTranslation(entry: EntryRow, translation: LocalizationRow | undefined): Draft {
  const own = (translation?.meta ?? {}) as Partial<EntryMeta>;
  const meta = { ...draftOfEntry(entry).meta };
  for (const key of seoKeys) Object.assign(meta, { [key]: own[key] ?? emptyMeta[key] });
  return { data: { ...((translation?.data ?? {}) as Record<string, unknown>) }, meta };
}

/** A translation's SEO and social fields from its draft, when one of them changed (else the server keeps them). */
const seoOfDraft = (draft: Draft, dirtyKeys: string[]) =>
  seoKeys.some((key) => dirtyKeys.includes(`meta.${key}`)) ? Object.fromEntries(seoKeys.map((key) => [key, draft.meta[key]])) : undefined;

const isBlank = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
const isDataKey = (key: DraftKey) => !key.startsWith('meta.');

/**
 * The logic behind `<ContentEditor>`, for hosts that lay out their own editor with the `EntryForm` parts: loads
 * the type, the entry, its translations and the caller's role; keeps the draft in a store of its own; saves it
 * (debounced autosave, one save at a time, the entry `version` sent for optimistic concurrency); maps a 400's
 * field errors onto the fields and a 409 onto a conflict that keeps every local change until the user reloads
 * or overwrites.
 *
 * @example
 * const editor = useEntryEditor({ entryId, autosave: 2000 })
 * if (editor.status !== 'ready') return <Spinner />
 * return <EntryForm.Root editor={editor}><EntryForm.Fields /><EntryForm.SaveStatus /></EntryForm.Root>
 */
export function useEntryEditor(options: UseEntryEditorOptions): EntryEditorController {
  const { autosave = 1500 } = options;
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  const [createdId, setCreatedId] = useState<string | null>(null);
  const entryId = options.entryId ?? createdId;
  const entryQuery = useContentEntry(entryId);
  const entry = entryQuery.data ?? null;
  const typeQuery = useContentType(options.contentTypeId ?? entry?.contentTypeId);
  const type = typeQuery.data ?? null;
  const orgQuery = useOrganization();
  const translationsQuery = useTranslations(entryId);
  const me = useMe();
  const readOnly = options.readOnly ?? me.data?.actor.role === 'CLIENT';

  const sourceLocale = entry?.locale ?? options.locale ?? orgQuery.data?.defaultLocale ?? 'en';
  const [locale, setLocaleState] = useState<string | null>(options.locale ?? null);
  const editedLocale = locale ?? sourceLocale;
  const mode: EntryEditorController['mode'] = !entryId ? 'create' : editedLocale !== sourceLocale ? 'translation' : 'edit';
  const translations = translationsQuery.data ?? [];
  const translation = mode === 'translation' ? (translations.find((t) => t.locale === editedLocale) ?? null) : null;

  // The role decides whether inputs are editable, so wait for it; a credential that cannot say (an error) reads as not a CLIENT.
  const waiting =
    (entryId ? entryQuery.isPending : orgQuery.isPending) ||
    typeQuery.isPending ||
    (me.isPending && options.readOnly === undefined) ||
    (mode === 'translation' && translationsQuery.isPending);
  const failure = (entryId ? entryQuery.error : null) ?? typeQuery.error ?? (mode === 'translation' ? translationsQuery.error : null);

  const storeRef = useRef<EntryEditorStore | null>(null);
  // The draft belongs to one (entry, language); another pair starts from the server's state.
  const sessionRef = useRef<string | null>(null);
  const session = `${entryId ?? 'new'}:${editedLocale}`;
  const ready = !waiting && !failure && type !== null && (!entryId || entry !== null);
  const initialDraft = (): [Draft, number | null] =>
    mode === 'create'
      ? [draftOfType(type!), null]
      : [mode === 'translation' ? draftOfTranslation(entry!, translation ?? undefined) : draftOfEntry(entry!), entry!.version];
  if (ready && !storeRef.current) {
    storeRef.current = createEntryEditorStore(...initialDraft());
    sessionRef.current = session;
  }
  const store = ready ? storeRef.current : null;
  useLayoutEffect(() => {
    if (!ready || !storeRef.current || sessionRef.current === session) return;
    // Created a moment ago: the draft already is the entry, so keep it (and the caret where it is).
    if (sessionRef.current !== `new:${editedLocale}`) storeRef.current.getState().reset(...initialDraft());
    sessionRef.current = session;
  });

  const createEntry = useCreateEntry();
  const saveEntry = useSaveEntry();
  const saveTranslation = useSaveTranslation();

  // What the save loop reads when it runs, not when it was created: a save queued before a re-render must see the latest.
  const live = useRef({ mode, entryId, locale: editedLocale, type, readOnly, entry, options, createEntry, saveEntry, saveTranslation });
  live.current = { mode, entryId, locale: editedLocale, type, readOnly, entry, options, createEntry, saveEntry, saveTranslation };
  const inFlight = useRef<Promise<void> | null>(null);

  const saveOnce = useCallback(async (): Promise<void> => {
    const s = storeRef.current;
    const { mode, entryId, locale, type, readOnly, options, createEntry, saveEntry, saveTranslation } = live.current;
    if (!s || !type || readOnly) return;
    const state = s.getState();
    if (Object.keys(state.localErrors).length) {
      state.markFailed(new Error(Object.values(state.localErrors)[0]));
      return;
    }
    const dirtyKeys = Object.keys(state.dirty);
    if (mode !== 'create' && !dirtyKeys.length) return;
    const sent: Record<DraftKey, unknown> = {};
    for (const key of dirtyKeys) sent[key] = valueOf(state.draft, key);
    state.markSaving();
    try {
      if (mode === 'create') {
        const data: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(state.draft.data)) if (!isBlank(value)) data[name] = value;
        const meta: Partial<EntryMeta> = {};
        for (const key of dirtyKeys) if (!isDataKey(key)) Object.assign(meta, { [key.slice(5)]: sent[key] });
        const created = await createEntry.mutateAsync({ contentTypeId: type.id, locale, data: data as Record<string, never>, ...meta });
        for (const [name, value] of Object.entries(state.draft.data)) sent[name] = value;
        s.getState().markSaved(sent, draftOfEntry(created), created.version);
        setCreatedId(created.id);
        options.onCreated?.(created);
        options.onSaved?.(created, null);
      } else if (mode === 'translation') {
        const data: Record<string, unknown> = {};
        for (const field of type.schema.fields) {
          const value = state.draft.data[field.name];
          if (field.localized && !isBlank(value)) data[field.name] = value;
        }
        const meta = seoOfDraft(state.draft, dirtyKeys);
        const row = await saveTranslation.mutateAsync({
          id: entryId!,
          locale,
          data: data as Record<string, never>,
          ...(meta ? { meta } : {}),
        });
        s.getState().markSaved(sent, draftOfTranslation(live.current.entry!, row), s.getState().version);
        options.onSaved?.(live.current.entry!, row);
      } else {
        const data: Record<string, unknown> = {};
        const meta: Partial<EntryMeta> = {};
        for (const key of dirtyKeys) {
          if (isDataKey(key)) data[key] = isBlank(sent[key]) ? null : sent[key];
          else Object.assign(meta, { [key.slice(5)]: sent[key] });
        }
        const body = {
          ...meta,
          ...(Object.keys(data).length ? { data: data as Record<string, never> } : {}),
          version: state.version ?? undefined,
        };
        const saved = await saveEntry.mutateAsync({ id: entryId!, ...body });
        s.getState().markSaved(sent, draftOfEntry(saved), saved.version);
        options.onSaved?.(saved, null);
      }
    } catch (error) {
      s.getState().markFailed(error);
    }
  }, []);

  /** One save at a time; a save asked for meanwhile runs after it, with whatever is dirty then. */
  const save = useCallback(async (): Promise<void> => {
    while (inFlight.current) await inFlight.current;
    const run = saveOnce().finally(() => {
      inFlight.current = null;
    });
    inFlight.current = run;
    return run;
  }, [saveOnce]);

  const reload = useCallback(async () => {
    const s = storeRef.current;
    const { mode, entryId, locale } = live.current;
    if (!s || !entryId) return;
    const fresh = await sdk.cms.entries.get(entryId);
    queryClient.setQueryData(cmsKeys.entry(entryId), fresh);
    if (mode === 'translation') {
      const rows = (await sdk.cms.entries.translations.list(entryId)).data;
      queryClient.setQueryData(cmsKeys.translations(entryId), rows);
      s.getState().reset(
        draftOfTranslation(
          fresh,
          rows.find((r) => r.locale === locale),
        ),
        fresh.version,
      );
    } else s.getState().reset(draftOfEntry(fresh), fresh.version);
  }, [sdk, queryClient]);

  const overwrite = useCallback(async () => {
    const s = storeRef.current;
    const { entryId } = live.current;
    if (!s || !entryId) return;
    const fresh = await sdk.cms.entries.get(entryId);
    queryClient.setQueryData(cmsKeys.entry(entryId), fresh);
    // Keep every local change (still marked dirty against the old base) and send it against their version.
    s.setState({ version: fresh.version, conflictVersion: null, saveState: 'dirty' });
    await save();
  }, [sdk, queryClient, save]);

  const adopt = useCallback(
    (next: EntryRow) => {
      queryClient.setQueryData(cmsKeys.entry(next.id), next);
      if (live.current.mode === 'edit') storeRef.current?.getState().reset(draftOfEntry(next), next.version);
    },
    [queryClient],
  );

  const setLocale = useCallback(
    async (next: string) => {
      if (next === live.current.locale) return;
      if (live.current.mode !== 'create' && !live.current.readOnly) await save();
      setLocaleState(next);
    },
    [save],
  );

  const setTranslationStatus = useCallback(
    async (status: LocalizationRow['status']) => {
      const { entryId, locale, type, mode, saveTranslation } = live.current;
      const s = storeRef.current;
      if (!s || !entryId || !type || mode !== 'translation') return;
      await save();
      const data: Record<string, unknown> = {};
      for (const field of type.schema.fields) {
        const value = s.getState().draft.data[field.name];
        if (field.localized && !isBlank(value)) data[field.name] = value;
      }
      try {
        await saveTranslation.mutateAsync({ id: entryId, locale, data: data as Record<string, never>, status });
      } catch (error) {
        s.getState().markFailed(error);
      }
    },
    [save],
  );

  // Autosave: a change restarts the countdown; conflicts, local problems and new entries wait for the user.
  useEffect(() => {
    if (!store || autosave === false || readOnly) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.draft === previous.draft) return;
      clearTimeout(timer);
      if (live.current.mode === 'create' || state.saveState === 'conflict') return;
      timer = setTimeout(() => {
        const now = store.getState();
        if (now.saveState === 'conflict' || Object.keys(now.localErrors).length || !Object.keys(now.dirty).length) return;
        void save();
      }, autosave);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store, autosave, readOnly, save]);

  // Leaving with unsaved changes: save them on the way out (autosave on), and ask the browser to warn before a tab closes.
  useEffect(() => {
    if (!store || readOnly) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (Object.keys(store.getState().dirty).length) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      const state = store.getState();
      if (autosave !== false && live.current.mode !== 'create' && state.saveState !== 'conflict' && Object.keys(state.dirty).length)
        void save();
    };
  }, [store, readOnly, autosave, save]);

  // Someone else's save seen on a refetch (window focus): an untouched draft follows it; a touched one keeps its
  // changes and meets the conflict when it saves.
  useEffect(() => {
    if (!store || !entry || mode !== 'edit') return;
    const state = store.getState();
    if (state.version !== null && entry.version > state.version && !Object.keys(state.dirty).length && state.saveState !== 'saving')
      state.reset(draftOfEntry(entry), entry.version);
  }, [store, entry, mode]);

  const isEditable = useCallback((field: ContentField) => mode !== 'translation' || Boolean(field.localized), [mode]);
  const retry = useCallback(() => {
    void entryQuery.refetch();
    void typeQuery.refetch();
    void translationsQuery.refetch();
  }, [entryQuery, typeQuery, translationsQuery]);

  return useMemo(
    () => ({
      status: failure ? 'error' : store ? 'ready' : 'loading',
      error: failure,
      retry,
      store,
      type,
      entry,
      entryId,
      mode,
      locale: editedLocale,
      sourceLocale,
      locales: orgQuery.data?.locales ?? [sourceLocale],
      translation,
      translations,
      dir: directionOf(editedLocale),
      readOnly,
      isEditable,
      save,
      reload,
      overwrite,
      setLocale,
      setTranslationStatus,
      adopt,
    }),
    [
      failure,
      store,
      retry,
      type,
      entry,
      entryId,
      mode,
      editedLocale,
      sourceLocale,
      orgQuery.data,
      translation,
      translations,
      readOnly,
      isEditable,
      save,
      reload,
      overwrite,
      setLocale,
      setTranslationStatus,
      adopt,
    ],
  );
}

/**
 * The controller the editor parts read; `EntryForm.Root` provides it.
 *
 * @example <EntryEditorContext.Provider value={editor}>…</EntryEditorContext.Provider>
 */
export const EntryEditorContext = createContext<EntryEditorController | null>(null);

/**
 * The controller of the nearest `EntryForm.Root` / `ContentEditor`.
 *
 * @example const { entry, save, readOnly } = useEntryEditorContext()
 */
export function useEntryEditorContext(): EntryEditorController {
  const editor = useContext(EntryEditorContext);
  if (!editor) throw new Error('CMS editor parts must be used inside <EntryForm.Root> (or <ContentEditor>).');
  return editor;
}
