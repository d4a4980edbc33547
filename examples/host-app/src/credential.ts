import { createSpokeStack, type SpokeStack } from '@spokestack/core';

const storageKey = 'spokestack.credential';

/**
 * The credential to call the API with: `?key=` from the URL, else what this tab stored, else
 * `VITE_SPOKESTACK_KEY`. A key from the URL moves to sessionStorage and out of the address bar, so it does
 * not linger in history, bookmarks or screenshots, and is forgotten when the tab closes.
 */
export function readCredential(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('key');
  if (fromUrl) {
    sessionStorage.setItem(storageKey, fromUrl);
    url.searchParams.delete('key');
    history.replaceState(history.state, '', url);
  }
  return sessionStorage.getItem(storageKey) ?? import.meta.env.VITE_SPOKESTACK_KEY ?? null;
}

export function saveCredential(credential: string): void {
  sessionStorage.setItem(storageKey, credential);
}

export function forgetCredential(): void {
  sessionStorage.removeItem(storageKey);
}

/**
 * The SDK for a credential. It calls the API on this app's origin, which the Vite server proxies. Organization
 * keys (`sk_…`, `pk_…`) go as `apiKey`, anything else is a session token minted by a backend; both travel as a
 * Bearer header, but a real host should only ever give browsers session tokens.
 */
export function createSdk(credential: string): SpokeStack {
  const auth = /^(sk|pk)_/.test(credential) ? { apiKey: credential } : { token: credential };
  return createSpokeStack({ baseUrl: window.location.origin, ...auth });
}
