import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpokeStack } from '@spokestack/core';
import { pngBytes, problem } from '@spokestack/server/testing';
import { SpokeStackProvider } from '../provider.js';
import { renderWith, startServer } from '../test/server.js';
import { AssetBrowser } from './AssetBrowser.js';
import { AssetDetail } from './AssetDetail.js';
import { AssetPicker } from './AssetPicker.js';
import { SharedAsset } from './SharedAsset.js';
import { ShareDialog } from './ShareDialog.js';
import type { UploadResultView } from './types.js';
import type { AssetTusOptions } from './uploads.js';

type HttpStack = NonNullable<AssetTusOptions['httpStack']>;
type HttpRequest = ReturnType<HttpStack['createRequest']>;
type HttpResponse = Awaited<ReturnType<HttpRequest['send']>>;

// The DAM components against the reference server: real uploads (tus included), real search, real links.

let t: Awaited<ReturnType<typeof startServer>>;
let libraryId: string;
let folderId: string;
let names: string[];
let anonymous: SpokeStack;

beforeAll(async () => {
  t = await startServer({ now: '2026-05-04T09:00:00Z' });
  anonymous = t.sdkFor('');
  const library = await t.sdk.dam.libraries.create({ name: 'Brand', slug: 'brand' });
  libraryId = library.id;
  folderId = (await t.sdk.dam.folders.create({ libraryId, name: 'Spring' })).id;
  names = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
  for (const name of names) await t.sdk.dam.assets.upload({ libraryId, file: pngBytes(), fileName: `${name}.png` });
});
afterAll(() => t?.close());

/**
 * tus over the app in-process (`app.request`) instead of XHR, with a gate: PATCHes after the first `open`
 * ones wait until the gate opens (or the request is aborted, as Pause and Cancel do), so a test catches an
 * upload half-way. The bytes, offsets and the final asset are the real server's.
 */
class GatedStack implements HttpStack {
  open = Number.POSITIVE_INFINITY;
  patches = 0;
  #release: () => void = () => {};
  #gate = new Promise<void>((resolve) => (this.#release = resolve));
  release() {
    this.open = Number.POSITIVE_INFINITY;
    this.#release();
  }
  close(open: number) {
    this.open = this.patches + open;
    this.#gate = new Promise<void>((resolve) => (this.#release = resolve));
  }
  getName() {
    return 'app.request';
  }
  createRequest(method: string, url: string): HttpRequest {
    const headers = new Headers();
    const controller = new AbortController();
    const stack = this;
    return {
      getMethod: () => method,
      getURL: () => url,
      setHeader: (name: string, value: string) => headers.set(name, value),
      getHeader: (name: string) => headers.get(name) ?? undefined,
      setProgressHandler: () => {},
      async send(body?: Blob): Promise<HttpResponse> {
        if (method === 'PATCH' && ++stack.patches > stack.open) {
          const aborted = new Promise<never>((_, reject) =>
            controller.signal.addEventListener('abort', () => reject(new Error('aborted'))),
          );
          await Promise.race([stack.#gate, aborted]);
        }
        const response = await t.app.request(
          new Request(url, { method, headers, body: body ? await body.arrayBuffer() : undefined, signal: controller.signal }),
        );
        const text = await response.text();
        return {
          getStatus: () => response.status,
          getHeader: (name: string) => response.headers.get(name) ?? undefined,
          getBody: () => text,
          getUnderlyingObject: () => response,
        };
      },
      abort: async () => controller.abort(),
      getUnderlyingObject: () => controller,
    };
  }
}

// Tests load tus-js-client's Node build, which reads Buffers and streams; a browser's reads the File itself.
const blobReader = {
  openFile: async (file: Blob) => ({
    size: file.size,
    slice: async (start: number, end: number) => ({ value: file.slice(start, end), done: end >= file.size }),
    close: () => {},
  }),
};

const nameOf = (option: Element) => option.querySelector('[data-part="name"]')?.textContent;
const grid = () => screen.findByRole('listbox', { name: 'Assets' });
const selectedNames = (listbox: HTMLElement) =>
  within(listbox)
    .getAllByRole('option')
    .filter((o) => o.getAttribute('aria-selected') === 'true')
    .map((o) => nameOf(o));

describe('AssetBrowser', () => {
  it('selects by mouse (click, Shift-click, Ctrl-click) and keyboard, opens an asset, moves a selection into a folder', async () => {
    const user = userEvent.setup();
    renderWith(t.sdk, <AssetBrowser defaultLibraryId={libraryId} />);
    const listbox = await grid();
    await waitFor(() => expect(within(listbox).getAllByRole('option')).toHaveLength(5), { timeout: 15_000 });
    const options = within(listbox).getAllByRole('option');
    const shown = options.map((o) => nameOf(o));
    expect([...shown].sort()).toEqual(names);

    await user.click(options[0]!);
    expect(selectedNames(listbox)).toEqual([shown[0]]);
    await user.keyboard('{Shift>}');
    await user.click(options[2]!);
    await user.keyboard('{/Shift}');
    expect(selectedNames(listbox)).toEqual(shown.slice(0, 3));
    expect(screen.getByRole('region', { name: '3 selected' })).toBeTruthy();
    await user.keyboard('{Control>}');
    await user.click(options[1]!);
    await user.keyboard('{/Control}');
    expect(selectedNames(listbox)).toEqual([shown[0], shown[2]]);

    // The keyboard: the listbox is one tab stop, its active option follows the arrows.
    listbox.focus();
    await user.keyboard('{Escape}');
    expect(selectedNames(listbox)).toEqual([]);
    await user.keyboard('{ArrowRight}');
    expect(selectedNames(listbox)).toEqual([shown[2]]);
    expect(listbox.getAttribute('aria-activedescendant')).toBe(options[2]!.id);
    await user.keyboard('{Shift>}{ArrowRight}{ArrowRight}{/Shift}');
    expect(selectedNames(listbox)).toEqual(shown.slice(2, 5));
    await user.keyboard('{Home}');
    expect(selectedNames(listbox)).toEqual([shown[0]]);
    await user.keyboard('{Control>}{ArrowRight}{/Control} ');
    expect(selectedNames(listbox)).toEqual([shown[0], shown[1]]);
    await user.keyboard('{Control>}a{/Control}');
    expect(selectedNames(listbox)).toHaveLength(5);

    // Enter opens the active asset's details.
    await user.keyboard('{Home}{Enter}');
    const dialog = await screen.findByRole('dialog', { name: shown[0]! });
    expect(within(dialog).getByRole('region', { name: 'Renditions' })).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    // Move the selection (two assets) into Spring with the keyboard-friendly "Move to…".
    await user.click(options[3]!);
    await user.keyboard('{Shift>}');
    await user.click(options[4]!);
    await user.keyboard('{/Shift}');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Move to…' }), 'Spring');
    await waitFor(async () => {
      const { data } = await t.sdk.dam.assets.search({ folderId });
      expect(data.map((a) => a.name).sort()).toEqual([shown[3], shown[4]].sort());
    });
    await user.click(screen.getByRole('button', { name: 'Spring' }));
    await waitFor(() =>
      expect(
        within(listbox)
          .getAllByRole('option')
          .map((o) => nameOf(o))
          .sort(),
      ).toEqual([shown[3], shown[4]].sort()),
    );
  });

  it('searches by words and filters by type', async () => {
    const user = userEvent.setup();
    renderWith(t.sdk, <AssetBrowser defaultLibraryId={libraryId} />);
    const listbox = await grid();
    await user.type(screen.getByRole('searchbox', { name: 'Search assets' }), 'char');
    await waitFor(() =>
      expect(
        within(listbox)
          .getAllByRole('option')
          .map((o) => nameOf(o)),
      ).toEqual(['charlie']),
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'Videos');
    expect(await screen.findByText('No assets match')).toBeTruthy();
  });

  it('uploads over tus with progress, pauses and resumes from the server’s offset, and cancels', async () => {
    const stack = new GatedStack();
    const uploaded: UploadResultView[] = [];
    const user = userEvent.setup();
    renderWith(
      t.sdk,
      <AssetBrowser
        defaultLibraryId={libraryId}
        tus={{ chunkSize: 64 * 1024, httpStack: stack, fileReader: blobReader }}
        onUploaded={(r) => uploaded.push(r)}
      />,
    );
    await grid();
    // 320 KiB in five chunks; the third waits at the gate.
    const bytes = new Uint8Array(320 * 1024).map((_, i) => (i * 7) % 251);
    stack.close(2);
    fireEvent.change(screen.getByLabelText('Choose files'), { target: { files: [new File([bytes], 'reel.bin')] } });
    const progress = await screen.findByRole('progressbar', { name: 'reel.bin' });
    await waitFor(() => expect(Number(progress.getAttribute('aria-valuenow'))).toBe(40), { timeout: 10_000 });

    await user.click(screen.getByRole('button', { name: 'Pause reel.bin' }));
    const file = progress.closest('li')!;
    await waitFor(() => expect(file.getAttribute('data-state')).toBe('paused'));
    expect(within(file).getByText('Paused · 40%')).toBeTruthy();
    stack.release();
    await user.click(screen.getByRole('button', { name: 'Resume reel.bin' }));
    await waitFor(() => expect(file.getAttribute('data-state')).toBe('complete'), { timeout: 10_000 });
    expect(within(file).getByText('Uploaded')).toBeTruthy();
    expect(uploaded).toHaveLength(1);
    const asset = await t.sdk.dam.assets.get(uploaded[0]!.asset.id);
    expect(asset).toMatchObject({ name: 'reel', libraryId });
    const stored = await t.sdk.platform.files.get(asset.fileId);
    expect(stored.size).toBe(bytes.byteLength);

    // Cancel takes a file off the panel half-way; nothing lands in the library.
    stack.close(1);
    fireEvent.change(screen.getByLabelText('Choose files'), { target: { files: [new File([bytes], 'draft.bin')] } });
    await screen.findByRole('progressbar', { name: 'draft.bin' });
    await user.click(screen.getByRole('button', { name: 'Cancel draft.bin' }));
    await waitFor(() => expect(screen.queryByRole('progressbar', { name: 'draft.bin' })).toBeNull());
    stack.release();
    expect((await t.sdk.dam.assets.search({ q: 'draft' })).data).toEqual([]);
  });
});

describe('ShareDialog and SharedAsset', () => {
  it('creates a password link with a download limit, lists it with its downloads, and revokes it', async () => {
    const user = userEvent.setup();
    const asset = (await t.sdk.dam.assets.search({ q: 'alpha' })).data[0]!;
    const dialogUi = <ShareDialog asset={asset} open onOpenChange={() => {}} linkUrl={(link) => `https://host.test/share/${link.token}`} />;
    const first = renderWith(t.sdk, dialogUi);
    let dialog = await screen.findByRole('dialog', { name: 'Share “alpha”' });
    expect(await within(dialog).findByText('No links yet.')).toBeTruthy();

    // The server's rule, shown at the field: a password of at least 8 characters.
    await user.type(within(dialog).getByLabelText('Password'), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));
    expect(await within(dialog).findByText('At least 8 characters')).toBeTruthy();
    expect(within(dialog).getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');

    await user.clear(within(dialog).getByLabelText('Password'));
    await user.type(within(dialog).getByLabelText('Password'), 'spring-2026');
    await user.type(within(dialog).getByLabelText('Download limit'), '2');
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));
    let links = within(dialog).getByRole('list', { name: 'Links' });
    await waitFor(() => expect(within(links).getByText('0 of 2 downloads')).toBeTruthy());
    expect(within(links).getByText('Password')).toBeTruthy();
    const [link] = (await t.sdk.dam.links.list({ assetId: asset.id })).data;
    expect(link).toMatchObject({ hasPassword: true, maxDownloads: 2, downloadCount: 0 });
    expect((within(links).getByRole('textbox', { name: 'Copy link' }) as HTMLInputElement).value).toBe(
      `https://host.test/share/${link!.token}`,
    );
    expect(dialog.textContent).not.toContain('spring-2026');
    first.unmount();

    // Someone with the link, without an account: a wrong password is refused, the right one downloads, twice.
    const { unmount } = render(
      <SpokeStackProvider client={anonymous}>
        <SharedAsset token={link!.token} />
      </SpokeStackProvider>,
    );
    const shared = await screen.findByRole('region', { name: 'alpha' });
    expect(within(shared).getByText(/2 downloads left/)).toBeTruthy();
    await user.type(within(shared).getByLabelText('Password'), 'wrong-password');
    await user.click(within(shared).getByRole('button', { name: 'Download' }));
    expect(await within(shared).findByRole('alert')).toBeTruthy();
    await user.clear(within(shared).getByLabelText('Password'));
    await user.type(within(shared).getByLabelText('Password'), 'spring-2026');
    await user.click(within(shared).getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(within(shared).getByText(/1 download left/)).toBeTruthy());
    await user.click(within(shared).getByRole('button', { name: 'Download' }));
    expect(await within(shared).findByText('This link has no downloads left.')).toBeTruthy();
    expect((await t.sdk.dam.links.get(link!.id)).downloadCount).toBe(2);
    unmount();

    // Back in the dialog: the downloads counted, then Revoke ends the link.
    renderWith(t.sdk, dialogUi);
    dialog = await screen.findByRole('dialog', { name: 'Share “alpha”' });
    links = within(dialog).getByRole('list', { name: 'Links' });
    expect(await within(links).findByText('2 of 2 downloads')).toBeTruthy();
    await user.click(within(links).getByRole('button', { name: 'Revoke' }));
    expect(await within(dialog).findByText('No links yet.')).toBeTruthy();
    expect((await problem(anonymous.dam.links.view(link!.token))).status).toBe(404);
  });
});

describe('ShareDialog for a collection', () => {
  it('shares with people by email at an access level, changes a level, removes a person', async () => {
    const user = userEvent.setup();
    const collection = await t.sdk.dam.collections.create({ name: 'Spring picks', slug: 'spring-picks' });
    renderWith(t.sdk, <ShareDialog collection={collection} open onOpenChange={() => {}} />);
    const dialog = await screen.findByRole('dialog', { name: 'Share “Spring picks”' });
    expect(await within(dialog).findByText('Not shared with anyone yet.')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Create link' })).toBeNull();

    // The server's rules, shown at the field: a real email, one share per email.
    await user.type(within(dialog).getByLabelText('Email'), 'ann at acme');
    await user.click(within(dialog).getByRole('button', { name: 'Add person' }));
    expect(await within(dialog).findByText('Expected an email address')).toBeTruthy();
    await user.clear(within(dialog).getByLabelText('Email'));
    await user.type(within(dialog).getByLabelText('Email'), 'ann@acme.test');
    await user.selectOptions(within(dialog).getByLabelText('Access'), 'Can comment');
    await user.click(within(dialog).getByRole('button', { name: 'Add person' }));
    const people = within(dialog).getByRole('list', { name: 'People with access' });
    const level = (await within(people).findByRole('combobox', { name: 'Access of ann@acme.test' })) as HTMLSelectElement;
    expect(level.value).toBe('COMMENT');
    // The form empties once the person is added.
    await waitFor(() => expect((within(dialog).getByLabelText('Email') as HTMLInputElement).value).toBe(''));
    // (user-event keeps its own idea of the value across form.reset(): clear it first.)
    await user.clear(within(dialog).getByLabelText('Email'));
    await user.type(within(dialog).getByLabelText('Email'), 'ANN@acme.test');
    await user.click(within(dialog).getByRole('button', { name: 'Add person' }));
    expect(await within(dialog).findByText('Already has access')).toBeTruthy();

    await user.selectOptions(level, 'Can download');
    await waitFor(async () =>
      expect((await t.sdk.dam.collectionShares.list({ collectionId: collection.id })).data).toMatchObject([
        { email: 'ann@acme.test', accessLevel: 'DOWNLOAD' },
      ]),
    );
    await user.click(within(people).getByRole('button', { name: 'Remove ann@acme.test' }));
    expect(await within(dialog).findByText('Not shared with anyone yet.')).toBeTruthy();
    expect((await t.sdk.dam.collectionShares.list({ collectionId: collection.id })).data).toEqual([]);
  });
});

describe('AssetPicker', () => {
  it('picks an asset by search and keyboard, handing back its file', async () => {
    const user = userEvent.setup();
    const picks: { fileId: string; name: string }[] = [];
    renderWith(
      t.sdk,
      <AssetPicker open onOpenChange={() => {}} onPick={({ asset, fileId }) => picks.push({ fileId, name: asset.name })} />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Choose an asset' });
    await user.type(within(dialog).getByRole('searchbox', { name: 'Search assets' }), 'bravo');
    const listbox = await within(dialog).findByRole('listbox');
    await waitFor(() =>
      expect(
        within(listbox)
          .getAllByRole('option')
          .map((o) => nameOf(o)),
      ).toEqual(['bravo']),
    );
    listbox.focus();
    await user.keyboard('{Enter}');
    const bravo = (await t.sdk.dam.assets.search({ q: 'bravo' })).data[0]!;
    expect(picks).toEqual([{ fileId: bravo.fileId, name: 'bravo' }]);
  });
});

describe('facets and AI labels', () => {
  let kiteId: string;
  beforeAll(async () => {
    const library = await t.sdk.dam.libraries.create({ name: 'Beach', slug: 'beach' });
    for (const [name, tags] of [
      ['kite', ['summer', 'sky']],
      ['dune', ['summer']],
      ['pier', ['winter']],
    ] as const) {
      const { asset } = await t.sdk.dam.assets.upload({
        libraryId: library.id,
        file: pngBytes(),
        fileName: `${name}.png`,
        tags: [...tags],
      });
      if (name === 'kite') kiteId = asset.id;
    }
    await t.sdk.dam.assets.update(kiteId, { aiMetadata: { labels: ['kite', 'sand'], confidence: { kite: 0.82, sand: 0.4 } } });
    libraryId = library.id;
  });

  it('shows the counts the server sends and filters by a facet', async () => {
    const user = userEvent.setup();
    renderWith(t.sdk, <AssetBrowser defaultLibraryId={libraryId} />);
    const listbox = await grid();
    await waitFor(() => expect(within(listbox).getAllByRole('option')).toHaveLength(3), { timeout: 15_000 });
    const facets = screen.getByRole('group', { name: 'Refine' });
    const summer = within(facets).getByRole('button', { name: 'summer 2' });
    expect(within(facets).getByRole('button', { name: 'winter 1' })).toBeTruthy();
    await user.click(summer);
    await waitFor(() =>
      expect(
        within(listbox)
          .getAllByRole('option')
          .map((o) => nameOf(o))
          .sort(),
      ).toEqual(['dune', 'kite']),
    );
    expect(within(facets).getByRole('button', { name: 'summer 2' }).getAttribute('aria-pressed')).toBe('true');
    // The counts follow the filter: winter is gone, sky counts the one summer asset that has it.
    expect(within(facets).queryByRole('button', { name: /winter/ })).toBeNull();
    expect(within(facets).getByRole('button', { name: 'sky 1' })).toBeTruthy();
  });

  it('confirms an AI label into a tag and removes a wrong one', async () => {
    const user = userEvent.setup();
    renderWith(t.sdk, <AssetDetail assetId={kiteId} onClose={() => {}} />);
    const labels = await screen.findByRole('region', { name: 'AI labels' });
    expect(await within(labels).findByText('82%')).toBeTruthy();
    await user.click(await within(labels).findByRole('button', { name: 'Confirm “kite” as a tag' }));
    expect(await within(labels).findByText('Confirmed')).toBeTruthy();
    expect(within(labels).queryByRole('button', { name: 'Confirm “kite” as a tag' })).toBeNull();
    await waitFor(() => expect(screen.getByRole('region', { name: 'Metadata' }).textContent).toContain('summer, sky, kite'));
    await user.click(within(labels).getByRole('button', { name: 'Remove the label “sand”' }));
    await waitFor(() => expect(within(labels).queryByText('sand')).toBeNull());
    const asset = await t.sdk.dam.assets.get(kiteId);
    expect(asset.tags).toEqual(['summer', 'sky', 'kite']);
    expect(asset.aiMetadata).toMatchObject({ labels: ['kite'], confirmed: ['kite'], rejected: ['sand'] });
    expect((await t.sdk.dam.assets.search({ q: 'sand' })).data).toEqual([]);
  });
});
