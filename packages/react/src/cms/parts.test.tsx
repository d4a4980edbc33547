import { screen, waitFor } from '@testing-library/react';
import type { ContentTypeRow } from '@spokestack/core/cms';
import { type ComponentType, createRef, type ReactNode, type RefAttributes, type RefObject } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWith, startServer } from '../test/server.js';
import { useEntryEditor } from './controller.js';
import * as EntryForm from './EntryForm.js';
import { CommentThreads, CommentsPanel, FieldComments } from './Comments.js';
import { ContentEditor } from './ContentEditor.js';
import { ContentList, Highlight } from './ContentList.js';
import { TagPicker } from './fields/TagPicker.js';
import { VersionHistory } from './VersionHistory.js';
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

// The rest of the CMS's styled components: the same contract, each on the element it renders as its root.
describe('every other CMS component', () => {
  type Case = [name: string, render: (ref: RefObject<HTMLElement | null>, entryId: string) => ReactNode, text: () => string];
  const cases: Case[] = [
    [
      'ContentEditor',
      (ref, entryId) => (
        <ContentEditor
          ref={ref as RefObject<HTMLDivElement>}
          entryId={entryId}
          autosave={false}
          className="host-part"
          data-testid="part"
          overrides={{ history: 'Remplacé' }}
        />
      ),
      () => screen.getByRole('button', { name: 'Remplacé' }).textContent!,
    ],
    [
      'ContentList',
      (ref) => <ContentList ref={ref} className="host-part" data-testid="part" overrides={{ searchPlaceholder: 'Remplacé' }} />,
      () => screen.getByRole('searchbox').getAttribute('placeholder')!,
    ],
    [
      'Highlight',
      (ref) => (
        <Highlight
          ref={ref as RefObject<HTMLSpanElement>}
          html="a &lt;b&gt; <mark>Remplacé</mark>"
          className="host-part"
          data-testid="part"
        />
      ),
      () => screen.getByText('Remplacé', { selector: 'mark' }).textContent!,
    ],
    [
      'VersionHistory',
      (ref, entryId) => (
        <InEditor entryId={entryId}>
          <VersionHistory
            ref={ref as RefObject<HTMLButtonElement>}
            className="host-part"
            data-testid="part"
            overrides={{ history: 'Remplacé' }}
          />
        </InEditor>
      ),
      () => screen.getByTestId('part').textContent!,
    ],
    [
      'TagPicker',
      (ref) => (
        <TagPicker
          ref={ref as RefObject<HTMLDivElement>}
          id="tags"
          label="Tags"
          mode="names"
          value={[]}
          onChange={() => {}}
          className="host-part"
          data-testid="part"
          overrides={{ addTag: 'Remplacé' }}
        />
      ),
      () => screen.getByRole('combobox', { name: 'Tags' }).getAttribute('placeholder')!,
    ],
    [
      'CommentThreads',
      (ref, entryId) => (
        <InEditor entryId={entryId}>
          <CommentThreads
            ref={ref as RefObject<HTMLDivElement>}
            fieldName="title"
            className="host-part"
            data-testid="part"
            overrides={{ commentsEmpty: 'Remplacé' }}
          />
        </InEditor>
      ),
      () => screen.getByTestId('part').textContent!,
    ],
    [
      'FieldComments',
      (ref, entryId) => (
        <InEditor entryId={entryId}>
          <FieldComments
            ref={ref as RefObject<HTMLButtonElement>}
            field={type.schema.fields[0]!}
            className="host-part"
            data-testid="part"
            overrides={{ commentsOn: 'Remplacé {field}' }}
          />
        </InEditor>
      ),
      () => screen.getByTestId('part').getAttribute('aria-label')!,
    ],
  ];

  it.each(cases)('%s forwards its ref, spreads root props and takes className and overrides', async (_name, render, text) => {
    const entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Hello' } });
    const ref = createRef<HTMLElement>();
    const { unmount } = renderWith(t.sdk, render(ref, entry.id));
    const root = await screen.findByTestId('part', {}, { timeout: 15_000 });
    expect(ref.current).toBe(root);
    expect(root.classList.contains('host-part')).toBe(true);
    await waitFor(() => expect(text()).toContain('Remplacé'), { timeout: 15_000 });
    unmount();
  });
});
