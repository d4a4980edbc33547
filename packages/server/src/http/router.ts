import type { FieldError, Operation } from '@spokestack/core';
import type { Context, Hono } from 'hono';
import * as z from 'zod';
import type { TenantContext } from '../platform/context.js';
import type { Authenticator } from '../platform/auth.js';
import type { AppEnv } from './env.js';
import { badRequest, fieldErrors, forbidden } from './problem.js';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a handler receives: the validated parts of the request and, unless public, the tenant. */
export interface OperationInput<O extends Operation> {
  params: Out<NonNullable<O['params']>>;
  query: Out<NonNullable<O['query']>>;
  body: Out<NonNullable<O['body']>>;
  ctx: TenantContext;
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

const writers = ['OWNER', 'ADMIN', 'MEMBER'] as const;

/** How deep JSON input may nest: far beyond any real document, well before validation or PostgreSQL run out of stack. */
export const maxJsonDepth = 64;

/**
 * What no contract can express but PostgreSQL refuses: NUL characters (text and jsonb cannot hold
 * U+0000) and JSON nested deeper than `maxJsonDepth`. Checked iteratively, before zod (whose
 * recursive JSON schema would overflow the stack first), for every operation, hand-written or generated.
 *
 * @example unstorableInput({ city: 'Ber\u0000lin' }, 'body') // [{ path: 'body.city', message: 'Must not contain NUL (\\u0000) characters' }]
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

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  const type = c.req.header('content-type') ?? '';
  if (type && !/json/i.test(type)) throw badRequest([{ path: 'body', message: 'Send JSON with "Content-Type: application/json"' }]);
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest([{ path: 'body', message: 'Malformed JSON' }]);
  }
}

/**
 * Registers operations on the app: authenticates, checks the role, validates params, query and body
 * with the operation's contract, and replies with JSON. Every route goes through here, so the
 * conventions hold everywhere and the OpenAPI document lists exactly what is served.
 */
export function createRouter(app: Hono<AppEnv>, auth: Authenticator, options: { validateResponses?: boolean } = {}) {
  const operations: Operation[] = [];
  return {
    operations,
    on<O extends Operation>(op: O, handler: Handler<O>) {
      operations.push(op);
      app.on(op.method, op.path, async (c) => {
        const access = op.auth ?? 'secret';
        let ctx = undefined as unknown as TenantContext;
        if (access !== 'public') {
          ctx = await auth.authenticate(c.req.header('authorization'));
          if (ctx.actor.publishable && access !== 'publishable')
            throw forbidden('Publishable keys can only read published content; use a secret key');
          const roles = op.roles ?? (op.method === 'GET' ? undefined : writers);
          if (roles && !roles.includes(ctx.actor.role))
            throw forbidden(
              ctx.actor.role === 'CLIENT' ? 'Client members have read-only access' : `Requires one of the roles ${roles.join(', ')}`,
            );
          c.set('tenant', ctx);
        }
        const params = parse(op.params, c.req.param(), 'params');
        const query = parse(op.query, c.req.query(), 'query');
        const body = op.body ? parse(op.body, await readJson(c), 'body') : undefined;
        const result = await handler({ params, query, body, ctx, c } as OperationInput<O>);
        if (result instanceof Response) return result;
        if (options.validateResponses) {
          const check = op.response.safeParse(JSON.parse(JSON.stringify(result)));
          if (!check.success) throw new Error(`Response of ${op.id} breaks its contract: ${z.prettifyError(check.error)}`);
        }
        return c.json(result as object, (op.status ?? 200) as 200);
      });
    },
  };
}
export type Router = ReturnType<typeof createRouter>;
