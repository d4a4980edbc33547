import { useQueryClient } from '@tanstack/react-query';
import type { EntryRow } from '@spokestack/core/cms';
import { cmsKeys } from './keys.js';

// What a write changes in the cache, shared by the hooks of the sub-features that write entries.

/** Puts a saved entry in the cache and refreshes lists and its history, so every view shows the new draft. */
export function useEntrySaved() {
  const queryClient = useQueryClient();
  return (entry: EntryRow) => {
    queryClient.setQueryData(cmsKeys.entry(entry.id), entry);
    void queryClient.invalidateQueries({ queryKey: cmsKeys.entryLists() });
    void queryClient.invalidateQueries({ queryKey: cmsKeys.versions(entry.id) });
    void queryClient.invalidateQueries({ queryKey: cmsKeys.translations(entry.id) });
    // What blocks publishing, and so the action row, follows the content.
    void queryClient.invalidateQueries({ queryKey: cmsKeys.readiness(entry.id) });
  };
}

/** Puts an entry a workflow or publish action returned in the cache and refreshes what depends on its status. */
export function useEntryChanged() {
  const queryClient = useQueryClient();
  return (entry: EntryRow) => {
    queryClient.setQueryData(cmsKeys.entry(entry.id), entry);
    void queryClient.invalidateQueries({ queryKey: cmsKeys.entryLists() });
    void queryClient.invalidateQueries({ queryKey: cmsKeys.revisions(entry.id) });
    void queryClient.invalidateQueries({ queryKey: cmsKeys.translations(entry.id) });
    void queryClient.invalidateQueries({ queryKey: cmsKeys.schedules(entry.id) });
    void queryClient.invalidateQueries({ queryKey: cmsKeys.readiness(entry.id) });
  };
}
