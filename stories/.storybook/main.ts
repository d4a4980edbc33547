import type { StorybookConfig } from '@storybook/react-vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, mergeConfig } from 'vite';

const config: StorybookConfig = {
  // Storybook skips node_modules when globbing, so this finds every story in the folder and nothing else.
  stories: ['../**/*.stories.tsx'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite) =>
    mergeConfig(vite, {
      plugins: [react()],
      // `source` first, so `@spokestack/*` load from src/ with hot reload and without a build.
      resolve: { conditions: ['source', ...defaultClientConditions] },
      // The preview bundles every story and the SDK's contracts; it is a dev tool, never shipped to users.
      build: { chunkSizeWarningLimit: 4096 },
    }),
};

export default config;
