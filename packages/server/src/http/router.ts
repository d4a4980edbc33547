import { type FieldError, type Operation, accessOf } from '@spokestack/core';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import type { Authenticator } from '../platform/auth.js';
import type { AppContext, TenantContext } from '../platform/context.js';
import type { AppEnv } from './env.js';
import { clientAddress, type RateLimiter } from './rate-limit.js';
import { HttpError, badRequest, fieldErrors, forbidden, methodNotAllowed, tooLarge, unsupportedMediaType } from './problem.js';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a handler receives: the validated parts of the request and the context to call services with. */
export interface OperationInput<O extends Operation> {
  params: Out<NonNullable<O['params']>>;
  query: Out<NonNullable<O['query']>>;
  body: Out<NonNullable<O['body']>>;
  /** The caller's tenant context, for services. Operations with `auth: 'public'` have none: reading it throws. */
  ctx: TenantContext;
  /** The tenant context when the caller sent credentials: always for `secret` and `publishable`, maybe for `optional`. */
  tenant: TenantContext | undefined;
  /** The request's time and the app's parts, for public surfaces until a token names their tenant. */
  app: AppContext;
  /**
   * The client's IP as the rate limiter counts it: from `X-Forwarded-For` only on requests through a
   * trusted proxy (`rateLimits.trustProxy`), else the socket's address, so a client cannot choose its own.
   */
  ip: string;
  c: Context<AppEnv>;
}

/** A reply before JSON serialization: Dates stand where the contract has ISO strings. */
export type Serializable<T> = T extends string
  ? string | Date
  : T extends (infer U)[]
    ? Serializable<U>[]
    : T extends object
      ? { [K in keyof T]: Serializable<T[K]> }
      : T;

export type Handler<O extends Operation> = (input: OperationInput<O>) => Promise<Serializable<z.input<O['response']>> | Response>;

const methodOrder = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** How deep JSON input may nest: far beyond any real document, well before validation or PostgreSQL run out of stack. */
export const maxJsonDepth = 64;

/**
 * What no contract can express but PostgreSQL refuses: NUL characters (text and jsonb cannot hold
 * U+0000) and JSON nested deeper than `maxJsonDepth`; and `__proto__` keys, an unknown field anywhere. Checked iteratively,
 * before zod (whose
 * recursive JSON schema would overflow the stack first), for every operation, hand-written or generated.
 *
 * @example unstorableInput({ city: 'Ber\u0000lin' }, 'body') // [{ path: 'body.city', message: 'Must not contain NUL (\\u0000) characters'
 * }]
 */
export function unstorableInput(value: unknown, where: 'body' | 'query' | 'params'): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [where] }];
  while (stack.length && errors.length < 20) {
    const { value: node, path } = stack.pop()!;
    if (typeof node === 'string') {
      if (node.includes('\0')) errors.push({ path: path.join('.'), message: 'Must not contain NUL (\\u0000) characters' });
    } else if (node && typeof node === 'object') {
      if (path.length > maxJsonDepth) {
        errors.push({ path: path.slice(0, 2).join('.'), message: `Nested deeper than ${maxJsonDepth} levels` });
        continue;
      }
      for (const [key, child] of Object.entries(node)) {
        if (key.includes('\0')) errors.push({ path: path.join('.'), message: 'Keys must not contain NUL (\\u0000) characters' });
        // JSON.parse keeps "__proto__" as a plain key that object spreads and zod then drop without a word.
        if (key === '__proto__' && !Array.isArray(node)) errors.push({ path: [...path, key].join('.'), message: 'Unknown field' });
        stack.push({ value: child, path: [...path, Array.isArray(node) ? Number(key) : key] });
      }
    }
  }
  return errors;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: 'body' | 'query' | 'params'): z.output<T> | undefined {
  if (!schema) return undefined;
  const unstorable = unstorableInput(value, where);
  if (unstorable.length) throw badRequest(unstorable);
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(fieldErrors(result.error, where));
  return result.data;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const jsonType = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  let text: string;
  try {
    // Invalid UTF-8 is refused, not stored with U+FFFD in place of what was sent.
    text = utf8.decode(bytes);
  } catch {
    throw badRequest([{ path: 'body', message: 'The body is not valid UTF-8' }]);
  }
  if (!text.trim()) return {};
  // A JSON body is JSON only when it says so: a form post or text/plain (what a cross-site form can send
  // without a preflight) is refused before it is read as JSON.
  if (!jsonType.test(c.req.header('content-type') ?? '')) throw unsupportedMediaType('Send JSON with "Content-Type: application/json"');
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest([{ path: 'body', message: 'Malformed JSON' }]);
  }
}

/** A multipart body as an object: each part by name (the last one wins), file parts as `File`s. */
async function readForm(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const form = await c.req.formData().catch(() => {
    throw badRequest([{ path: 'body', message: 'Send multipart/form-data with a "file" part' }]);
  });
  return Object.fromEntries(form.entries());
}

/** A body as its operation takes it; a `form` body is JSON when it says so, else a browser's form post. */
function readBody(c: Context<AppEnv>, type: Operation['bodyType']): Promise<unknown> {
  if (type === 'multipart') return readForm(c);
  if (
    type === 'form' &&
    !jsonType.test(c.req.header('content-type') ?? '') &&
    /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(c.req.header('content-type') ?? '')
  )
    return readForm(c);
  return readJson(c);
}

/**
 * The client's IP under the limiter's trusted proxies (`clientAddress`), from the socket's address
 * (`@hono/node-server` puts the Node request in `c.env.incoming`); `unknown` without a socket.
 */
function clientIp(c: Context<AppEnv>, limiter: RateLimiter | undefined): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress;
  return limiter ? limiter.clientIp(peer, c.req.header('x-forwarded-for')) : clientAddress(peer, undefined, false);
}

/** A Hono path (`/v1/cms/entries/:id`) as a regular expression over request paths. */
const patternOf = (path: string) =>
  new RegExp(
    `^${path
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\/:\w+/g, '/[^/]+')
      .replace(/\*/g, '.*')}/?$`,
  );

export interface RouterOptions {
  auth: Authenticator;
  /** The context of a new request: its time from the app's clock, and the app's parts. */
  context: () => AppContext;
  /** Largest JSON body in bytes. */
  maxBodyBytes: number;
  /** Largest multipart body in bytes. */
  maxUploadBytes: number;
  /** Check every JSON reply against its contract (tests turn this on). */
  validateResponses?: boolean;
  /** Limits failed authentications and public surfaces; none when absent. */
  limiter?: RateLimiter;
}

/**
 * Registers operations on the app: limits and reads the body (JSON or multipart), authenticates,
 * checks the role, validates params, query and body with the operation's contract, builds the
 * request's tenant context, and replies with JSON (or the handler's own `Response`, for bytes). Every
 * route goes through here, so the conventions hold everywhere and the OpenAPI document lists exactly
 * what is served.
 *
 * @example router.on(cmsOps.getEntry, ({ ctx, params }) => getEntry(db, ctx, params.id))
 */
export function createRouter(app: Hono<AppEnv>, options: RouterOptions) {
  const operations: Operation[] = [];
  // Operations whose contract promises no reply (`response: z.never()`): declared so that the generic
  // CRUD leaves them alone and the document says why, answered 405, and left out of `Allow`.
  const refused = new Set<string>();
  const patterns = new Map<string, RegExp>();
  const limit = (maxSize: number): MiddlewareHandler<AppEnv> =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw tooLarge(`The body is larger than ${maxSize} bytes`);
      },
    });
  const jsonLimit = limit(options.maxBodyBytes);
  const uploadLimit = limit(options.maxUploadBytes);

  // The one place roles are enforced, from the one matrix (`accessOf` in core), which the OpenAPI
  // document publishes as `x-roles`.
  async function authorize(op: Operation, c: Context<AppEnv>, request: AppContext): Promise<TenantContext | undefined> {
    const access = accessOf(op);
    const header = c.req.header('authorization');
    const { limiter } = options;
    if (access.public) {
      // Every public surface (review links, share links, form posts, tracking) is limited per client IP.
      await limiter?.publicHit(op.id, clientIp(c, limiter));
      const token = c.req.param('token');
      if (token) limiter?.beforeProof(op.id, token);
      return undefined;
    }
    if (op.auth === 'optional' && !header) return undefined;
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const ip = limiter ? clientIp(c, limiter) : '';
    limiter?.beforeAuth(ip, token);
    const { organizationId, actor } = await options.auth.authenticate(header).catch(async (error: unknown) => {
      // Each failure counts against the IP and the token, so guessing keys or replaying forged tokens stops.
      if (limiter && error instanceof HttpError && error.status === 401) await limiter.failedAuth(ip, token);
      throw error;
    });
    if (actor.publishable) {
      if (!access.publishableKey) throw forbidden('Publishable keys can only read published content; use a secret key');
    } else if (actor.type === 'apiKey') {
      if (!access.secretKey) throw forbidden(`Requires a session of one of the roles ${access.roles.join(', ')}`);
    } else if (!access.roles.includes(actor.role)) {
      throw forbidden(
        op.auth === 'apiKey'
          ? 'Only your backend may call this, with a secret API key'
          : actor.role === 'CLIENT'
            ? 'Client members have read-only access'
            : `Requires one of the roles ${access.roles.join(', ')}`,
      );
    }
    return { ...request, organizationId, actor };
  }

  return {
    operations,
    on<O extends Operation>(op: O, handler: Handler<O>) {
      operations.push(op);
      if (op.response instanceof z.ZodNever) refused.add(`${op.method} ${op.path}`);
      const handle = async (c: Context<AppEnv>) => {
        const token = accessOf(op).public ? c.req.param('token') : undefined;
        const { limiter } = options;
        if (!token || !limiter) return run(c);
        // A public surface's token is its credential: a refusal (forged, expired, wrong password) counts like a failed login.
        return run(c).catch(async (error: unknown) => {
          if (error instanceof HttpError && (error.status === 401 || error.status === 403))
            await limiter.failedProof(op.id, clientIp(c, limiter), token);
          throw error;
        });
      };
      const run = async (c: Context<AppEnv>) => {
        const request = options.context();
        const tenant = await authorize(op, c, request);
        const params = parse(op.params, c.req.param(), 'params');
        const query = parse(op.query, c.req.query(), 'query');
        // A `binary` body stays unread: the handler streams `c.req.raw.body` itself.
        const body = op.body ? parse(op.body, await readBody(c, op.bodyType), 'body') : undefined;
        const input = {
          params,
          query,
          body,
          tenant,
          app: request,
          ip: clientIp(c, options.limiter),
          c,
          get ctx(): TenantContext {
            if (!tenant) throw new Error(`${op.id} has no tenant context (auth: ${op.auth}); use \`tenant\` or \`app\``);
            return tenant;
          },
        } as OperationInput<O>;
        const result = await handler(input);
        if (result instanceof Response) return result;
        if (options.validateResponses) {
          const check = op.response.safeParse(JSON.parse(JSON.stringify(result)));
          if (!check.success) throw new Error(`Response of ${op.id} breaks its contract: ${z.prettifyError(check.error)}`);
        }
        return c.json(result as object, (op.status ?? 200) as 200);
      };
      // A body is limited before anything reads it; operations without one never read it.
      if (op.bodyType === 'binary' || op.bodyType === 'multipart') app.on(op.method, op.path, uploadLimit, handle);
      else if (op.body) app.on(op.method, op.path, jsonLimit, handle);
      else app.on(op.method, op.path, handle);
    },
    /**
     * The methods a path is served with, for a 405's `Allow` header: every route of the app (operations
     * and the few plain ones), HEAD wherever GET is, refused operations left out.
     */
    allowed(path: string): string[] {
      const methods = new Set<string>();
      for (const route of app.routes) {
        if (route.method === 'ALL' || refused.has(`${route.method} ${route.path}`)) continue;
        let pattern = patterns.get(route.path);
        if (!pattern) patterns.set(route.path, (pattern = patternOf(route.path)));
        if (pattern.test(path)) methods.add(route.method);
      }
      if (methods.has('GET')) methods.add('HEAD');
      return methodOrder.filter((m) => methods.has(m));
    },
  };
}
export type Router = ReturnType<typeof createRouter>;

/**
 * The handler of an operation that is declared only to be refused (`response: z.never()`): a 405
 * saying why, whose `Allow` header lists what the path does take.
 *
 * @example router.on(cmsOps.deleteScheduleRefused, refused('Cancel the schedule instead; the history is kept'))
 */
export const refused = (detail: string) => async (): Promise<never> => {
  throw methodNotAllowed(detail);
};
