import type { ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { createSpokeStack, type SpokeStack } from '@spokestack/core';
import type { ContentField } from '@spokestack/core/cms';
import { createTestInstance, type TestInstance, type TestInstanceOptions } from '@spokestack/server/testing';
import { SpokeStackProvider } from '../provider.js';

/**
 * The real server for component tests: a migrated database (a copy of the run's template), the Hono app, and an
 * organization with an API key. The SDK the components get talks to the app in-process (`app.request`).
 *
 * @example const t = await startServer(); render(ui, t.sdk); await t.close()
 */
export async function startServer(
  options: TestInstanceOptions = {},
): Promise<TestInstance & { sdkWith: (credential: string) => SpokeStack }> {
  const t = await createTestInstance(options);
  const sdkWith = (credential: string) =>
    createSpokeStack({ baseUrl: 'http://spokestack.test', apiKey: credential, fetch: (request) => t.app.request(request) });
  return Object.assign(t, { sdkWith });
}

/** Renders `ui` under a fresh provider (its own query cache) bound to `sdk`. */
export function renderWith(sdk: SpokeStack, ui: ReactNode): RenderResult {
  return render(<SpokeStackProvider client={sdk}>{ui}</SpokeStackProvider>);
}

/** A content type with one field of every type (and the text options), for editor tests. */
export const everyFieldType: ContentField[] = [
  { name: 'title', label: 'Title', type: 'text', required: true, maxLength: 120, localized: true },
  { name: 'summary', label: 'Summary', type: 'text', multiline: true, localized: true },
  { name: 'code', label: 'Code', type: 'text', pattern: '^[A-Z]{3}-\\d+$', description: 'Like ABC-12' },
  { name: 'body', label: 'Body', type: 'richtext', localized: true },
  { name: 'price', label: 'Price', type: 'number', min: 0 },
  { name: 'featured', label: 'Featured', type: 'boolean' },
  { name: 'launch', label: 'Launch date', type: 'date' },
  {
    name: 'category',
    label: 'Category',
    type: 'select',
    options: [
      { value: 'news', label: 'News' },
      { value: 'guide', label: 'Guide' },
    ],
  },
  {
    name: 'channels',
    label: 'Channels',
    type: 'select',
    multiple: true,
    options: [{ value: 'web' }, { value: 'email' }, { value: 'social' }],
  },
  { name: 'hero', label: 'Hero image', type: 'media', accept: ['image/*'] },
  { name: 'related', label: 'Related posts', type: 'relation', contentType: 'article', multiple: true },
  { name: 'keywords', label: 'Keywords', type: 'tags' },
  { name: 'settings', label: 'Settings', type: 'json' },
  { name: 'slug', label: 'Slug', type: 'slug', from: 'title' },
  { name: 'sections', label: 'Sections', type: 'blocks', blockTypes: ['quote', 'cta'] },
];

/** A Tiptap document of paragraphs. */
export function doc(...paragraphs: string[]) {
  return { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
}
