import { useState } from 'react';
import { Button, EmptyState, Spinner } from '@spokestack/react';
import { ContentEditor, ContentList, useContentTypes } from '@spokestack/react/cms';

import { skipTo } from '../skip.js';
import type { ContentSelection } from './content-route.js';

const go = (hash: string) => {
  window.location.hash = hash;
};

/**
 * The back office's content section: the list (search, filters, statuses) beside the editor of the selected entry,
 * and a "new entry" picker per content type. Both components come from `@spokestack/react/cms`, which only this
 * page imports, so the other pages never load the editor.
 */
export default function ContentPage({ selection }: { selection: ContentSelection }) {
  const types = useContentTypes();
  const active = types.data?.rows.filter((type) => type.isActive) ?? [];
  const [typeId, setTypeId] = useState('');
  const chosenType = typeId || active[0]?.id || '';
  const entryId = selection && 'entryId' in selection ? selection.entryId : null;
  return (
    <div className="content-page" data-selected={selection ? '' : undefined}>
      <h1 className="app-visually-hidden">Content</h1>
      <aside className="content-side" aria-label="Entries">
        {/* Past the list's many stops straight to the entry being edited. */}
        {selection && (
          <button type="button" className="app-skip" onClick={skipTo('editor')}>
            Skip to the editor
          </button>
        )}
        <div className="app-row content-new">
          <label className="content-type-picker">
            <span>New entry of type</span>
            <select value={chosenType} onChange={(e) => setTypeId(e.target.value)} disabled={!active.length}>
              {active.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.name}
                </option>
              ))}
            </select>
          </label>
          <Button disabled={!chosenType} onClick={() => go(`#/content/new/${encodeURIComponent(chosenType)}`)}>
            New entry
          </Button>
        </div>
        <ContentList pageSize={15} selectedId={entryId} onSelect={(entry) => go(`#/content/${encodeURIComponent(entry.id)}`)} />
      </aside>
      <section id="editor" className="content-main" aria-label="Editor">
        <a className="content-back" href="#/content">
          ← All entries
        </a>
        {selection ? (
          <ContentEditor
            entryId={entryId ?? undefined}
            contentTypeId={selection && 'contentTypeId' in selection ? selection.contentTypeId : undefined}
            // The new entry gets its own address (replacing "new", so Back does not open a blank form); the editor
            // stays as it is, same draft, same caret.
            onCreated={(entry) => window.location.replace(`#/content/${encodeURIComponent(entry.id)}`)}
          />
        ) : types.isPending ? (
          <Spinner />
        ) : (
          <EmptyState title="Pick an entry" description="Choose an entry on the left to edit it, or create a new one." />
        )}
      </section>
    </div>
  );
}
