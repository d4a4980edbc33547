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

const sessionPrefix = 'session:';
/** Session tokens the host backend minted, by role, with when they expire. */
const minted = new Map<string, { token: string; expiresAt: number }>();

/**
 * Signs in through this app's own backend (`POST /session?role=…`, see session-backend.ts), which holds the
 * secret key and answers a short-lived session token; the credential to keep is then `session:<ROLE>`,
 * never a key. Throws the backend's message when it cannot.
 */
export async function signInThroughBackend(role: string): Promise<{ credential: string; name: string }> {
  const reply = await fetch(`/session?role=${encodeURIComponent(role)}`, { method: 'POST' });
  const body = (await reply.json().catch(() => ({}))) as { token?: string; expiresAt?: string; error?: string; user?: { name: string } };
  if (!reply.ok || !body.token || !body.expiresAt) throw new Error(body.error ?? `The host backend answered ${reply.status}`);
  minted.set(role, { token: body.token, expiresAt: Date.parse(body.expiresAt) });
  return { credential: `${sessionPrefix}${role}`, name: body.user?.name ?? role };
}

/** The token of a backend session: the one minted, or a new one a minute before it expires. */
async function backendToken(role: string): Promise<string> {
  const current = minted.get(role);
  if (current && current.expiresAt - Date.now() > 60_000) return current.token;
  await signInThroughBackend(role);
  return minted.get(role)!.token;
}

/**
 * The SDK for a credential. It calls the API on this app's origin, which the Vite server proxies. Organization
 * keys (`sk_…`, `pk_…`) go as `apiKey`, anything else is a session token minted by a backend; both travel as a
 * Bearer header, but a real host should only ever give browsers session tokens.
 */
export function createSdk(credential: string): SpokeStack {
  if (credential.startsWith(sessionPrefix)) {
    const role = credential.slice(sessionPrefix.length);
    return createSpokeStack({ baseUrl: window.location.origin, token: () => backendToken(role) });
  }
  const auth = /^(sk|pk)_/.test(credential) ? { apiKey: credential } : { token: credential };
  return createSpokeStack({ baseUrl: window.location.origin, ...auth });
}
