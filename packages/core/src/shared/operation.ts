import * as z from 'zod';
import type { MembershipRole } from '../platform/enums.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One API operation, shared by the server (routing, validation, OpenAPI) and the SDK (typed calls).
 * `path` uses `:name` segments for the `params` schema.
 */
export interface Operation<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  id: string;
  method: HttpMethod;
  path: string;
  summary: string;
  /** Longer explanation for the reference: the rules a person needs to call it right. */
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** HTTP status of a successful reply. */
  status?: number;
  /**
   * Who may call it: `secret` (default) needs a secret key or a session, `publishable` accepts
   * publishable keys too, `public` needs no credentials, and `optional` takes credentials when sent and
   * otherwise leaves the proof to the operation (a signed URL); `apiKey` takes secret API keys only
   * (the host's backend), never a session.
   */
  auth?: 'secret' | 'publishable' | 'public' | 'optional' | 'apiKey';
  /**
   * How the body travels: JSON (default), `multipart/form-data` whose file parts are `z.file()` fields, or
   * `binary`: the raw bytes of one file, streamed to the handler unread (its description rides in `query`), or `form`:
   * JSON or an HTML form post (urlencoded or multipart, every value a string), for public forms posted by browsers.
   */
  bodyType?: 'json' | 'multipart' | 'binary' | 'form';
  /** What a successful reply holds: JSON of `response` (default), or the bytes of a file. */
  responseType?: 'json' | 'binary';
  /**
   * Session roles allowed (see `accessOf`, the one matrix). `defineOperation` requires it on every operation
   * a session can call: who may call what is a decision made per operation, never a default.
   */
  roles?: readonly MembershipRole[];
}

/** What `defineOperation` takes: `roles` is required unless no session can call the operation (`public`, `apiKey`). */
export type OperationDeclaration<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> = Operation<
  P,
  Q,
  B,
  R
> &
  ({ auth: 'public' | 'apiKey' } | { roles: readonly MembershipRole[] });

/**
 * Declares an operation once for both sides.
 *
 * @example
 * export const publishEntry = defineOperation({
 *   id: 'cms.entries.publish', method: 'POST', path: '/v1/cms/entries/:id/publish', tag: 'CMS',
 *   summary: 'Publish an entry now', params: idParams, response: entryRow, roles: ['OWNER', 'ADMIN', 'MEMBER'],
 * });
 */
export function defineOperation<
  P extends z.ZodType = z.ZodNever,
  Q extends z.ZodType = z.ZodNever,
  B extends z.ZodType = z.ZodNever,
  R extends z.ZodType = z.ZodType,
>(op: OperationDeclaration<P, Q, B, R>): Operation<P, Q, B, R> {
  return op;
}

/** The arguments an SDK call takes for an operation: only the parts it declares. */
export type OperationInput<O> =
  O extends Operation<infer P, infer Q, infer B, z.ZodType>
    ? ([P] extends [z.ZodNever] ? unknown : { params: z.input<P> }) &
        ([Q] extends [z.ZodNever] ? unknown : { query?: z.input<Q> }) &
        ([B] extends [z.ZodNever] ? unknown : { body: z.input<B> })
    : never;

export type OperationOutput<O> = O extends Operation<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.output<R> : never;

/**
 * The description of an operation declared only to refuse (`response: z.never()`): the router answers it 405, and
 * the generic CRUD of its table does not take its place.
 */
export const refusedDescription =
  'This route only says no: it answers 405 Method Not Allowed whoever calls it, with the reason in its summary, so the ' +
  'generic CRUD of the table is not offered in its place.';

/** `{ id }` path parameters: an id is a short opaque string. */
export const idParams = z.object({ id: z.string().min(1).max(64) });
