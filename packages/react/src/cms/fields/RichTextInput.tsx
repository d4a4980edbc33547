import { Fragment, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { VisuallyHidden } from 'radix-ui';
import { useQueryClient } from '@tanstack/react-query';
import { type Editor, EditorContent, type JSONContent, mergeAttributes, useEditor, useEditorState } from '@tiptap/react';
import { Image, type ImageOptions } from '@tiptap/extension-image';
import { useSpokeStack } from '../../provider.js';
import { Button } from '../../ui/Button.js';
import {
  BulletListIcon,
  ColumnIcon,
  DeleteTableIcon,
  ImageIcon,
  LinkIcon,
  OrderedListIcon,
  QuoteIcon,
  RedoIcon,
  RowIcon,
  TableIcon,
  UndoIcon,
} from '../icons.js';
import { fileStaleTime } from '../../platform/files.js';
import { platformKeys } from '../../platform/keys.js';
import { MediaPickerDialog } from '../../platform/media.js';
import { format, useStrings } from '../strings.js';
import { TextSelection } from '@tiptap/pm/state';
import { type LinkRel, linkAttributes, linkRels, richTextExtensions } from './rich-text-extensions.js';
import type { FieldInputProps, FieldOf } from './types.js';

interface FileImageOptions extends ImageOptions {
  /** A fresh, loadable URL for an uploaded file; the stored `src` is a signed URL that expires. */
  resolveSrc?: (fileId: string) => Promise<string | undefined>;
}

/**
 * Images keep the id of the uploaded file next to their (expiring, signed) URL, so the delivery API and other
 * renderers can resolve a fresh URL from `fileId`; the editor shows each such image from a freshly signed URL.
 */
const FileImage = Image.extend<FileImageOptions>({
  addOptions() {
    return { ...this.parent!(), resolveSrc: undefined };
  },
  addAttributes() {
    return {
      ...this.parent?.(),
      fileId: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute('data-file-id'),
        renderHTML: (attributes: Record<string, unknown>) => (attributes.fileId ? { 'data-file-id': attributes.fileId } : {}),
      },
    };
  },
  addNodeView() {
    const { resolveSrc, HTMLAttributes: base } = this.options;
    if (!resolveSrc || typeof document === 'undefined') return null;
    return ({ node, HTMLAttributes }) => {
      const img = document.createElement('img');
      for (const [key, value] of Object.entries(mergeAttributes(base, HTMLAttributes)))
        if (value !== null && value !== undefined) img.setAttribute(key, String(value));
      const fileId = node.attrs.fileId as string | null;
      if (fileId) void resolveSrc(fileId).then((url) => url && img.setAttribute('src', url));
      // The displayed URL is the view's business, not a change to the document.
      return { dom: img, ignoreMutation: () => true };
    };
  },
});

function useExtensions() {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMemo(() => {
    const resolveSrc = (fileId: string) =>
      queryClient
        .fetchQuery({ queryKey: platformKeys.file(fileId), queryFn: () => sdk.platform.files.get(fileId), staleTime: fileStaleTime })
        .then(
          (file) => sdk.http.url(file.url),
          () => undefined,
        );
    return [...richTextExtensions(), FileImage.configure({ resolveSrc })];
  }, [sdk, queryClient]);
}

/** The empty paragraphs the editor keeps at the end (so the caret can go after a table or an image) are not content. */
function withoutTrailingParagraphs(doc: JSONContent): JSONContent {
  const content = [...(doc.content ?? [])];
  while (content.length > 1 && content.at(-1)?.type === 'paragraph' && !content.at(-1)?.content?.length) content.pop();
  return { ...doc, content };
}

const isDoc = (value: unknown): value is JSONContent =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc';

/**
 * Rich text in Tiptap: headings, bold/italic/strike, lists, quotes, links, tables and images (uploaded through
 * the files endpoint or picked from earlier uploads). The value is the Tiptap JSON document the server stores;
 * an empty document is no value. A stored document the editor cannot represent is shown read-only rather than
 * silently dropped on the next save.
 *
 * @example <EntryForm.Root editor={editor} inputs={{ richtext: RichTextInput }}>…</EntryForm.Root>
 */
export function RichTextInput(props: FieldInputProps<FieldOf<'richtext'>>) {
  const { value, onChange, id, labelId, describedBy, invalid, readOnly, dir } = props;
  const [unsupported, setUnsupported] = useState<string | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const extensions = useExtensions();
  const editor = useEditor({
    extensions,
    content: isDoc(value) ? value : null,
    editable: !readOnly,
    enableContentCheck: true,
    onContentError: ({ error }) => setUnsupported(error.message),
    editorProps: {
      attributes: {
        id,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(invalid ? { 'aria-invalid': 'true' } : {}),
        ...(readOnly ? { 'aria-readonly': 'true' } : {}),
        dir,
        'data-scope': 'rich-text',
        'data-part': 'content',
      },
    },
    onUpdate: ({ editor }) => onChangeRef.current(editor.isEmpty ? undefined : withoutTrailingParagraphs(editor.getJSON())),
  });

  // Attributes and editability follow the props (read-only role, a new error) without recreating the editor.
  useEffect(() => {
    if (!editor) return;
    editor.setEditable(!readOnly && !unsupported, false);
    editor.setOptions({
      editorProps: {
        ...editor.options.editorProps,
        attributes: {
          ...(editor.options.editorProps.attributes as Record<string, string>),
          'aria-invalid': invalid ? 'true' : 'false',
          'aria-readonly': readOnly ? 'true' : 'false',
          dir,
        },
      },
    });
  }, [editor, readOnly, unsupported, invalid, dir]);

  return (
    <div data-scope="rich-text" data-part="root" data-state={readOnly ? 'readonly' : undefined} dir={dir}>
      {editor && !readOnly && !unsupported && <Toolbar editor={editor} dir={dir} />}
      {unsupported && (
        <p role="alert" data-scope="rich-text" data-part="unsupported">
          {unsupported}
        </p>
      )}
      <EditorContent editor={editor} data-scope="rich-text" data-part="editor" />
    </div>
  );
}

interface ToolbarState {
  bold: boolean;
  italic: boolean;
  strike: boolean;
  bulletList: boolean;
  orderedList: boolean;
  blockquote: boolean;
  link: boolean;
  table: boolean;
  heading: number | null;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * The formatting toolbar: one tab stop, arrow keys (Home/End) move between its buttons, as WAI-ARIA toolbars do;
 * toggles report `aria-pressed`.
 */
function Toolbar({ editor, dir }: { editor: Editor; dir: 'ltr' | 'rtl' }) {
  const t = useStrings();
  const sdk = useSpokeStack();
  const ref = useRef<HTMLDivElement>(null);
  const [linkOpen, setLinkOpen] = useState(false);
  const state = useEditorState<ToolbarState>({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      strike: e.isActive('strike'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      blockquote: e.isActive('blockquote'),
      link: e.isActive('link'),
      table: e.isActive('table'),
      heading: ([1, 2, 3, 4] as const).find((level) => e.isActive('heading', { level })) ?? null,
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });

  // Roving focus: only one button is in the tab order; it follows the arrow keys.
  useEffect(() => {
    const buttons = ref.current?.querySelectorAll<HTMLElement>('[data-part="tool"]');
    buttons?.forEach((button, i) => button.setAttribute('tabindex', i === 0 ? '0' : '-1'));
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLElement>('[data-part="tool"]:not(:disabled)') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLElement);
    if (index === -1) return;
    const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    const target =
      event.key === forward
        ? (index + 1) % buttons.length
        : event.key === back
          ? (index - 1 + buttons.length) % buttons.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? buttons.length - 1
              : -1;
    if (target === -1) return;
    event.preventDefault();
    buttons.forEach((button, i) => button.setAttribute('tabindex', i === target ? '0' : '-1'));
    buttons[target]!.focus();
  };

  const run = (command: (chain: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => command(editor.chain().focus()).run();
  const tool = (label: string, onClick: () => void, options: { pressed?: boolean; disabled?: boolean; children?: ReactNode } = {}) => (
    <button
      type="button"
      data-scope="rich-text"
      data-part="tool"
      title={label}
      aria-pressed={options.pressed}
      disabled={options.disabled}
      // Keep the selection in the document: a mousedown on the button would move focus (and the selection) away.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {/* The name is the full word ("Heading 1"), as text rather than an aria-label over a different visible "H1". */}
      {options.children ? (
        <>
          <span aria-hidden>{options.children}</span>
          <VisuallyHidden.Root>{label}</VisuallyHidden.Root>
        </>
      ) : (
        label
      )}
    </button>
  );

  return (
    <>
      <div
        ref={ref}
        role="toolbar"
        aria-label={t.toolbar}
        aria-orientation="horizontal"
        data-scope="rich-text"
        data-part="toolbar"
        onKeyDown={onKeyDown}
      >
        {tool(t.paragraph, () => run((c) => c.setParagraph()), {
          pressed: state.heading === null && !state.bulletList && !state.orderedList && !state.blockquote,
          children: '¶',
        })}
        {([1, 2, 3] as const).map((level) => (
          <Fragment key={level}>
            {tool(format(t.heading, { level }), () => run((c) => c.toggleHeading({ level })), {
              pressed: state.heading === level,
              children: `H${level}`,
            })}
          </Fragment>
        ))}
        <span data-scope="rich-text" data-part="separator" aria-hidden />
        {tool(t.bold, () => run((c) => c.toggleBold()), { pressed: state.bold, children: <b>B</b> })}
        {tool(t.italic, () => run((c) => c.toggleItalic()), { pressed: state.italic, children: <i>I</i> })}
        {tool(t.strike, () => run((c) => c.toggleStrike()), { pressed: state.strike, children: <s>S</s> })}
        <span data-scope="rich-text" data-part="separator" aria-hidden />
        {tool(t.bulletList, () => run((c) => c.toggleBulletList()), { pressed: state.bulletList, children: <BulletListIcon /> })}
        {tool(t.orderedList, () => run((c) => c.toggleOrderedList()), { pressed: state.orderedList, children: <OrderedListIcon /> })}
        {tool(t.blockquote, () => run((c) => c.toggleBlockquote()), { pressed: state.blockquote, children: <QuoteIcon /> })}
        <span data-scope="rich-text" data-part="separator" aria-hidden />
        {tool(t.link, () => setLinkOpen((open) => !open), { pressed: state.link, children: <LinkIcon /> })}
        <MediaPickerDialog
          accept={['image/*']}
          title={t.image}
          onSelect={(file) => run((c) => c.setImage({ src: sdk.http.url(file.url), alt: file.name, ...({ fileId: file.id } as object) }))}
          trigger={tool(t.image, () => {}, { children: <ImageIcon /> })}
        />
        {tool(t.table, () => run((c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true })), { children: <TableIcon /> })}
        {state.table && (
          <>
            {tool(t.addRowAfter, () => run((c) => c.addRowAfter()), { children: <RowIcon /> })}
            {tool(t.addColumnAfter, () => run((c) => c.addColumnAfter()), { children: <ColumnIcon /> })}
            {tool(t.deleteTable, () => run((c) => c.deleteTable()), { children: <DeleteTableIcon /> })}
          </>
        )}
        <span data-scope="rich-text" data-part="separator" aria-hidden />
        {tool(t.undo, () => run((c) => c.undo()), { disabled: !state.canUndo, children: <UndoIcon /> })}
        {tool(t.redo, () => run((c) => c.redo()), { disabled: !state.canRedo, children: <RedoIcon /> })}
      </div>
      {linkOpen && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
    </>
  );
}

/**
 * Sets, changes or removes the link on the selection (an empty address removes it); with nothing selected, the
 * address itself is inserted as the link's text. Whether it opens in a new tab and its relationship (nofollow,
 * sponsored, ugc) are choices, off unless the link already had them. The caret ends after the link, so what is
 * typed next is plain text.
 */
function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const t = useStrings();
  const id = useId();
  const current = editor.getAttributes('link') as { href?: string; target?: string | null; rel?: string | null };
  const [href, setHref] = useState(current.href ?? '');
  const [newTab, setNewTab] = useState(current.target === '_blank');
  const [rels, setRels] = useState<LinkRel[]>(() => linkRels.filter((r) => current.rel?.split(/\s+/).includes(r)));
  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const apply = () => {
    const url = href.trim();
    const chain = editor.chain().focus();
    if (!url) chain.extendMarkRange('link').unsetLink().run();
    else if (editor.state.selection.empty && !editor.isActive('link'))
      chain.insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: linkAttributes(url, { newTab, rels }) }] }).run();
    else
      chain
        .extendMarkRange('link')
        .setLink(linkAttributes(url, { newTab, rels }))
        .command(({ tr }) => !!tr.setSelection(TextSelection.create(tr.doc, tr.selection.to)))
        .run();
    onClose();
  };
  const check = (label: string, checked: boolean, onChange: (checked: boolean) => void) => (
    <label key={label} data-scope="rich-text" data-part="link-option">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
  return (
    // A group, not a <form>: the editor sits inside the entry's form, and forms do not nest.
    <div
      role="group"
      aria-labelledby={`${id}-title`}
      data-scope="rich-text"
      data-part="link-form"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          close();
        } else if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
          e.preventDefault();
          apply();
        }
      }}
    >
      <VisuallyHidden.Root id={`${id}-title`}>{t.link}</VisuallyHidden.Root>
      <div data-scope="rich-text" data-part="link-row">
        <input
          type="url"
          dir="ltr"
          // biome-ignore lint/a11y/noAutofocus: the link form opens on request and takes the URL at once
          autoFocus
          aria-label={t.linkPrompt}
          placeholder="https://"
          value={href}
          onChange={(e) => setHref(e.target.value)}
        />
        <Button size="sm" onClick={apply}>
          {t.linkApply}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            onClose();
          }}
        >
          {t.unlink}
        </Button>
      </div>
      <div data-scope="rich-text" data-part="link-row">
        {check(t.linkNewTab, newTab, setNewTab)}
        {linkRels.map((rel) =>
          check(t[`linkRel_${rel}`], rels.includes(rel), (on) => setRels((all) => (on ? [...all, rel] : all.filter((r) => r !== rel)))),
        )}
      </div>
    </div>
  );
}
