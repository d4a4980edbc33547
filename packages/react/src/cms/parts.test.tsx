import { screen, waitFor } from '@testing-library/react';
import type { ContentTypeRow } from '@spokestack/core/cms';
import { type ComponentType, createRef, type ReactNode, type RefAttributes } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWith, startServer } from '../test/server.js';
import { useEntryEditor } from './controller.js';
import * as EntryForm from './EntryForm.js';
import { CommentsPanel } from './Comments.js';
import { PublishActions } from './Publishing.js';
import { SchedulePanel } from './Schedules.js';
import { SeoPanel } from './SeoPanel.js';
import type { ContentEditorStrings } from './strings.js';
import { WorkflowActions } from './Workflows.js';

// The component contract of the editor's styled parts: the ref is the root element, other props land on it, and
// `overrides` replace the part's strings.

let t: Awaited<ReturnType<typeof startServer>>;
let type: ContentTypeRow;
beforeAll(async () => {
  t = await startServer();
  await t.sdk.cms.workflows.create({
    name: 'Editorial',
    isDefault: true,
    stages: [{ name: 'Editor review', status: 'IN_REVIEW', order: 1, assignTo: 'role:ADMIN' }],
  });
  type = await t.sdk.cms.contentTypes.create({ name: 'Story', schema: { fields: [{ name: 'title', label: 'Title', type: 'text' }] } });
});
afterAll(() => t?.close());

function InEditor({ entryId, children }: { entryId: string; children: ReactNode }) {
  const editor = useEntryEditor({ entryId, autosave: false });
  return editor.status === 'ready' ? <EntryForm.Root editor={editor}>{children}</EntryForm.Root> : null;
}

type PartProps = RefAttributes<HTMLElement> & { className?: string; overrides?: Partial<ContentEditorStrings>; 'data-testid'?: string };
const parts: [name: string, Part: ComponentType<PartProps>, scope: string, key: keyof ContentEditorStrings][] = [
  ['PublishActions', PublishActions as ComponentType<PartProps>, 'publish', 'publish'],
  ['WorkflowActions', WorkflowActions as ComponentType<PartProps>, 'review', 'submit'],
  ['SchedulePanel', SchedulePanel as ComponentType<PartProps>, 'schedule', 'scheduleTitle'],
  ['SeoPanel', SeoPanel as ComponentType<PartProps>, 'seo-panel', 'seoTitle'],
  ['CommentsPanel', CommentsPanel as ComponentType<PartProps>, 'comments', 'comments'],
];

describe('editor parts', () => {
  it.each(parts)('%s forwards its ref, spreads root props and takes overrides', async (name, Part, scope, key) => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Hello' } });
    // Publish is offered once the entry is approved (the readiness action row).
    if (name === 'PublishActions') {
      const { revision } = await t.sdk.cms.entries.submit(entry.id);
      await t.sdk.cms.revisions.approve(revision.id, {});
    }
    const ref = createRef<HTMLElement>();
    const { unmount } = renderWith(
      t.sdk,
      <InEditor entryId={entry.id}>
        <Part ref={ref} className="host-part" data-testid="part" overrides={{ [key]: 'Remplacé' }} />
      </InEditor>,
    );
    const root = await screen.findByTestId('part', {}, { timeout: 15_000 });
    expect(ref.current).toBe(root);
    expect(root.getAttribute('data-scope')).toBe(scope);
    expect(root.classList.contains('host-part')).toBe(true);
    await waitFor(() => expect(root.textContent).toContain('Remplacé'));
    unmount();
  });
});
