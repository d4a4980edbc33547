import { SpokeStackError, problemTypes, type Problem } from './errors.js';
import type { Operation, OperationInput, OperationOutput } from './operation.js';

export interface SpokeStackOptions {
  /** Where the SpokeStack server answers, e.g. `https://api.example.com` or `/api` in a browser. */
  baseUrl: string;
  /** An organization API key (`sk_…` on servers, `pk_…` for published content in browsers). */
  apiKey?: string;
  /** A session token minted by your backend; a function is called before each request (so it can refresh). */
  token?: string | (() => string | Promise<string>);
  /** A custom fetch (tests pass `app.request`; defaults to the global fetch). */
  fetch?: (input: Request) => Response | Promise<Response>;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

/** Per-call options every SDK method takes. */
export interface RequestOptions {
  signal?: AbortSignal;
}

type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];
/** What one request carries besides its method and path. */
type CallInit = {
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** `manual`: a redirect is the answer (a tracked link's 302), not followed. */
  redirect?: RequestRedirect;
};

/** The transport under every SDK call: auth headers, JSON, problem+json errors. */
export class HttpClient {
  readonly #options: SpokeStackOptions;

  constructor(options: SpokeStackOptions) {
    if (!options.baseUrl) throw new TypeError('createSpokeStack: baseUrl is required');
    this.#options = options;
  }

  /** Builds the absolute URL for a path and query. */
  url(path: string, query?: Record<string, QueryValue>): string {
    const base = this.#options.baseUrl.replace(/\/$/, '');
    const origin = typeof globalThis.location === 'object' ? globalThis.location.origin : 'http://localhost';
    const url = new URL(base + path, base.startsWith('http') ? undefined : origin);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
      else url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  async headers(): Promise<Record<string, string>> {
    const { apiKey, token, headers } = this.#options;
    const bearer = typeof token === 'function' ? await token() : (token ?? apiKey);
    return { ...headers, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) };
  }

  /** Sends a request and returns the parsed JSON reply, or throws `SpokeStackError`. */
  async request<T>(method: string, path: string, init: CallInit = {}): Promise<T> {
    const response = await this.#send(method, path, init, 'application/json');
    if (response.status === 204 || response.status === 304) return undefined as T;
    const text = await response.text();
    return (text ? safeJson(text) : undefined) as T;
  }

  /**
   * Sends a request whose successful reply is bytes (a download) and returns the `Response` to read them from;
   * a failure throws `SpokeStackError` like every call.
   *
   * @example const response = await http.download('POST', `/v1/dam/public/links/${token}/download`, { body: { password } })
   */
  download(method: string, path: string, init: CallInit = {}): Promise<Response> {
    return this.#send(method, path, init, '*/*');
  }

  async #problem(response: Response): Promise<SpokeStackError> {
    const text = await response.text();
    const json: unknown = text ? safeJson(text) : undefined;
    const problem = (json && typeof json === 'object' ? json : {}) as Partial<Problem>;
    return new SpokeStackError({
      type: problem.type ?? problemTypes.internal,
      title: problem.title ?? response.statusText ?? 'Request failed',
      status: response.status,
      ...problem,
      requestId: problem.requestId ?? response.headers.get('x-request-id') ?? undefined,
    });
  }

  async #send(method: string, path: string, init: CallInit, accept: string): Promise<Response> {
    const headers: Record<string, string> = { accept, ...(await this.headers()), ...init.headers };
    let body: BodyInit | undefined;
    let duplex: 'half' | undefined;
    if (init.body instanceof FormData || init.body instanceof Blob) body = init.body;
    else if (init.body instanceof ReadableStream) {
      // A streamed upload: fetch sends it chunk by chunk (`duplex: 'half'` is how fetch is told so).
      body = init.body;
      duplex = 'half';
      headers['content-type'] ??= 'application/octet-stream';
    } else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
    const request = new Request(this.url(path, init.query), {
      method,
      headers,
      body,
      signal: init.signal,
      duplex,
      redirect: init.redirect,
    } as RequestInit);
    let response: Response;
    try {
      response = await (this.#options.fetch ?? fetch)(request);
    } catch (cause) {
      if (init.signal?.aborted) throw cause;
      throw new SpokeStackError({ type: problemTypes.network, title: 'Network error', status: 0, detail: String(cause) });
    }
    const redirected = init.redirect === 'manual' && response.status >= 300 && response.status < 400;
    if (!response.ok && response.status !== 304 && !redirected) throw await this.#problem(response);
    return response;
  }

  /** Calls a declared operation with its typed params, query and body. */
  call<O extends Operation>(
    op: O,
    input?: OperationInput<O>,
    init: { signal?: AbortSignal; headers?: Record<string, string> } = {},
  ): Promise<OperationOutput<O>> {
    const args = (input ?? {}) as { params?: Record<string, unknown>; query?: Record<string, QueryValue>; body?: unknown };
    const path = op.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(args.params?.[name] ?? '')));
    return this.request(op.method, path, { query: args.query, body: args.body, ...init });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { title: text.slice(0, 200) };
  }
}
