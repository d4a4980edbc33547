import type { Decorator, Preview } from '@storybook/react-vite';
import { createSpokeStack, problemTypes, type SpokeStack } from '@spokestack/core';
import { SpokeStackProvider } from '@spokestack/react';
import '@spokestack/react/styles.css';
import './preview.css';

/**
 * The SDK stories get by default: every call fails like an unreachable server, so a story never depends on a
 * running API. A story that needs data passes its own client (with a fake `fetch`) as `parameters.spokestack.client`.
 */
const offline = createSpokeStack({
  baseUrl: 'http://storybook.invalid',
  fetch: async () =>
    Response.json(
      {
        type: problemTypes.network,
        title: 'No API in Storybook',
        status: 503,
        detail: 'Pass parameters.spokestack.client to give this story data.',
      },
      { status: 503 },
    ),
});

interface SpokeStackParameters {
  client?: SpokeStack;
}

const withSpokeStack: Decorator = (Story, { globals, parameters }) => {
  const { client = offline } = (parameters.spokestack ?? {}) as SpokeStackParameters;
  return (
    <SpokeStackProvider client={client} theme={globals.theme === 'dark' ? 'dark' : 'light'} className="sb-canvas">
      <Story />
    </SpokeStackProvider>
  );
};

const preview: Preview = {
  decorators: [withSpokeStack],
  globalTypes: {
    theme: {
      description: 'Colour scheme of the default stylesheet',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    // The provider paints the background and padding, so the theme covers the whole canvas.
    layout: 'fullscreen',
    controls: { expanded: true },
  },
};

export default preview;
