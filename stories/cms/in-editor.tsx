import { EntryForm, useEntryEditor } from '@spokestack/react/cms';
import { Spinner } from '@spokestack/react';
import type { ReactNode } from 'react';
import { featuredEntryId } from './fake-sdk.js';

/**
 * A part of the content editor (history, languages, SEO, workflow, schedule, comments) on its own: the parts read
 * the entry from the nearest `EntryForm.Root`, the way a host lays out its own editor from the primitives.
 */
export function InEditor({ children, entryId = featuredEntryId }: { children: ReactNode; entryId?: string }) {
  const editor = useEntryEditor({ entryId, autosave: 800 });
  if (editor.status !== 'ready') return <Spinner />;
  return (
    <EntryForm.Root editor={editor} style={{ maxInlineSize: '40rem' }}>
      {children}
    </EntryForm.Root>
  );
}
