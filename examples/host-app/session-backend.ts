import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

// The host app's own small backend, as the README's embedding section describes: it holds the
// organization's secret key on the server side (an environment variable, never sent to the browser) and
// mints short-lived session tokens for the browser. A real host would first check who its own user is;
// this demo signs in as the first member with the role asked for.

const roles = ['OWNER', 'ADMIN', 'MEMBER', 'CLIENT'] as const;
type Role = (typeof roles)[number];
/** Session lifetime: the browser asks again before it runs out. */
const lifetimeSeconds = 15 * 60;

interface Options {
  /** Where the SpokeStack API answers (server to server). */
  apiUrl: string;
  /** The organization's secret key (`sk_…`); without it the backend answers 404 and the app asks for a credential. */
  secretKey: string | undefined;
}

async function api<T>(options: Options, path: string, init: RequestInit = {}): Promise<T> {
  const reply = await fetch(`${options.apiUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${options.secretKey}`, 'content-type': 'application/json' },
  });
  const body = (await reply.json()) as T & { detail?: string };
  if (!reply.ok) throw new Error(body.detail ?? `SpokeStack answered ${reply.status}`);
  return body;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** `POST /session?role=ADMIN`: a session token for the first member with that role, and who it is. */
async function mint(options: Options, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST') return send(res, 405, { error: 'POST to mint a session' });
  if (!options.secretKey) return send(res, 404, { error: 'No SPOKESTACK_SECRET_KEY on the host backend: paste a credential instead' });
  const role = (new URL(req.url ?? '', 'http://host').searchParams.get('role') ?? 'ADMIN') as Role;
  if (!roles.includes(role)) return send(res, 400, { error: `role must be one of ${roles.join(', ')}` });
  try {
    const users = await api<{ data: { id: string; name: string; email: string }[] }>(options, `/v1/platform/users?role=${role}&limit=1`);
    const user = users.data[0];
    if (!user) return send(res, 404, { error: `The organization has no ${role} member to sign in as` });
    const session = await api<{ token: string; expiresAt: string }>(options, '/v1/platform/sessions', {
      method: 'POST',
      body: JSON.stringify({ userId: user.id, expiresIn: lifetimeSeconds }),
    });
    send(res, 200, { ...session, user: { name: user.name, email: user.email, role } });
  } catch (error) {
    send(res, 502, { error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * The session backend as a Vite plugin: `/session` on the app's own origin, in the dev and preview servers.
 *
 * @example plugins: [react(), sessionBackend({ apiUrl: 'http://localhost:4000', secretKey: process.env.SPOKESTACK_SECRET_KEY })]
 */
export function sessionBackend(options: Options): Plugin {
  const handle = (req: IncomingMessage, res: ServerResponse) => void mint(options, req, res);
  return {
    name: 'host-app-session-backend',
    configureServer: (server) => void server.middlewares.use('/session', handle),
    configurePreviewServer: (server) => void server.middlewares.use('/session', handle),
  };
}
