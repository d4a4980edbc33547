/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** An API key or session token to start with; `?key=` in the URL takes precedence. */
  readonly VITE_SPOKESTACK_KEY?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
