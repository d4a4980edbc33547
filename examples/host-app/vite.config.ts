import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type ProxyOptions } from 'vite';
import { demoSite } from './demo-site.js';
import { sessionBackend } from './session-backend.js';

// The app calls the API on its own origin and the dev server forwards it, so the browser needs no CORS setup.
const target = process.env.SPOKESTACK_API_URL ?? 'http://localhost:4000';
const proxy: Record<string, ProxyOptions> = {
  '/v1': { target, changeOrigin: true },
  '/docs': { target, changeOrigin: true },
};

export default defineConfig({
  // The secret key stays in this server process (no VITE_ prefix, so Vite never exposes it to the page).
  plugins: [
    react(),
    sessionBackend({ apiUrl: target, secretKey: process.env.SPOKESTACK_SECRET_KEY }),
    demoSite({ apiUrl: target, secretKey: process.env.SPOKESTACK_SECRET_KEY }),
  ],
  // `source` first, so `@spokestack/*` load from src/ with hot reload and without building the packages.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // strictPort: browser tests expect 5173 and should fail loudly rather than talk to whatever else answers there.
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, proxy },
});
