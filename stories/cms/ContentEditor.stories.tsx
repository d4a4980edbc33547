import type { Meta, StoryObj } from '@storybook/react-vite';
import { ContentEditor } from '@spokestack/react/cms';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { articleTypeId, fakeSdk, featuredEntryId } from './fake-sdk.js';

/**
 * The content editor on an in-memory story SDK (stories/cms/fake-sdk.ts): edits autosave into it, so every state
 * can be tried by hand. The real behaviour is tested against the server in packages/react.
 */
const meta = {
  title: 'CMS/ContentEditor',
  component: ContentEditor,
  args: { entryId: featuredEntryId, autosave: 800 },
  parameters: { spokestack: { client: fakeSdk() } },
} satisfies Meta<typeof ContentEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Every field type of the article type, filled in; comments beside the title, a schedule, an Arabic translation in review. */
export const Default: Story = {};

/** A new entry: nothing saved yet, so the header says so and the button creates it; autosave starts after that. */
export const Empty: Story = {
  args: { entryId: undefined, contentTypeId: articleTypeId },
  parameters: { spokestack: { client: fakeSdk() } },
};

/** Waiting for the entry and its content type. */
export const Loading: Story = { parameters: { spokestack: { client: fakeSdk({ hang: true }) } } };

/** The entry could not be loaded; Try again asks once more. */
export const Error: Story = { parameters: { spokestack: { client: fakeSdk({ offline: true }) } } };

/** The server refused the save: each problem shows under its field, and the typed values stay. */
export const ValidationErrors: Story = {
  args: { autosave: 300 },
  parameters: { spokestack: { client: fakeSdk() } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const code = await canvas.findByLabelText(/^Campaign code/, {}, { timeout: 5000 });
    await userEvent.clear(code);
    await userEvent.type(code, 'spring');
    const minutes = canvas.getByRole('spinbutton', { name: /Reading time/ });
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '0');
    await waitFor(
      () => expect(canvasElement.querySelector('[data-scope="entry-form"][data-part="root"]')?.getAttribute('data-state')).toBe('error'),
      { timeout: 5000 },
    );
  },
};

/** Someone else saved first: the change stays on screen, with reload and overwrite. */
export const Conflict: Story = {
  args: { autosave: 300 },
  parameters: { spokestack: { client: fakeSdk({ conflict: true }) } },
  play: async ({ canvasElement }) => {
    const title = await within(canvasElement).findByLabelText(/^Title/, {}, { timeout: 5000 });
    await userEvent.type(title, ' (updated)');
    await waitFor(() => expect(within(canvasElement).getByRole('alert')).toBeTruthy(), { timeout: 5000 });
  },
};

/** The CLIENT role reads: every input is read-only and nothing saves, but comments and client approvals stay open. */
export const ReadOnlyClient: Story = { parameters: { spokestack: { client: fakeSdk({ role: 'CLIENT' }) } } };

/** Editing the Arabic translation: inputs run right to left; fields every language shares are read-only. */
export const RightToLeftArabic: Story = {
  args: { locale: 'ar' },
  parameters: { spokestack: { client: fakeSdk() } },
};

/** A content type with 200 fields: each field re-renders alone as you type. */
export const TwoHundredFields: Story = {
  args: { entryId: 'ent_0001', seo: false },
  parameters: { spokestack: { client: fakeSdk({ manyFields: 200, locales: ['en'] }) } },
};

/** The version history dialog, open on the newest version's diff. */
export const VersionHistory: Story = {
  parameters: { spokestack: { client: fakeSdk() } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: 'History' }, { timeout: 5000 }));
  },
};

/** The editor's strings replaced (i18n), here in French. */
export const Translated: Story = {
  args: {
    overrides: {
      save: 'Enregistrer',
      stateSaved: 'Tout est enregistré',
      stateDirty: 'Modifications non enregistrées',
      history: 'Historique',
      seo: 'SEO et réseaux',
      language: 'Langue',
      submit: 'Soumettre à relecture',
      publish: 'Publier',
    },
  },
  parameters: { spokestack: { client: fakeSdk() } },
};
