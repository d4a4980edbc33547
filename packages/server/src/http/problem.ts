import { type FieldError, type Problem, problemTypes } from '@spokestack/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import type { Logger } from '../platform/logger.js';

/** An error that becomes a problem+json reply; services throw these, the app renders them. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }

  toProblem(requestId?: string): Problem & Record<string, unknown> {
    return {
      ...this.extensions,
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.detail,
      errors: this.errors,
      requestId,
    };
  }
}

/** 400 naming each bad field. @example throw badRequest([{ path: 'body.slug', message: 'Already taken' }]) */
export const badRequest = (errors: FieldError[], detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ')) =>
  new HttpError(400, problemTypes.validation, 'Invalid request', detail, errors);
export const unauthorized = (detail: string) => new HttpError(401, problemTypes.unauthorized, 'Unauthorized', detail);
export const forbidden = (detail: string) => new HttpError(403, problemTypes.forbidden, 'Forbidden', detail);
/** 404: also the answer for another organization's ids, so their existence never leaks. */
export const notFound = (what: string) => new HttpError(404, problemTypes.notFound, 'Not found', `${what} not found`);
export const conflict = (detail: string, extensions?: Record<string, unknown>, errors?: FieldError[]) =>
  new HttpError(409, problemTypes.conflict, 'Conflict', detail, errors, extensions);
/** 410: it existed and is no more (an expired or used-up link). */
export const gone = (detail: string) => new HttpError(410, problemTypes.gone, 'Gone', detail);
export const preconditionFailed = (detail: string) => new HttpError(412, problemTypes.preconditionFailed, 'Precondition failed', detail);
export const tooLarge = (detail: string) => new HttpError(413, problemTypes.tooLarge, 'Payload too large', detail);
/** 415: a file of a type the target does not take (the type sniffed from its bytes). */
export const unsupportedMediaType = (detail: string, errors?: FieldError[]) =>
  new HttpError(415, problemTypes.unsupportedMediaType, 'Unsupported media type', detail, errors);
/** 405: the path exists, not with this method. The reply's `Allow` header lists the methods it has. */
export const methodNotAllowed = (detail: string) => new HttpError(405, problemTypes.methodNotAllowed, 'Method not allowed', detail);

/** zod issues as field errors under `body.`, `query.` or `params.`. */
export function fieldErrors(error: z.ZodError, where: 'body' | 'query' | 'params'): FieldError[] {
  return error.issues.flatMap((issue) => {
    // Unknown keys are reported once per key, at the key's own path.
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: [where, ...issue.path, key].join('.'), message: 'Unknown field' }));
    return [{ path: [where, ...issue.path].join('.'), message: issue.message }];
  });
}

interface PgError {
  code?: string;
  detail?: string;
  column?: string;
  constraint?: string;
  table?: string;
  message?: string;
  constraint_name?: string;
  column_name?: string;
}

/** The PostgreSQL error under Drizzle's wrapper, from either driver. */
function pgErrorOf(error: unknown): PgError | undefined {
  for (let e = error as (PgError & { cause?: unknown }) | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++)
    if (typeof e === 'object' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
  return undefined;
}

const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** Maps a database error a client could cause to a 4xx; anything else stays a 500. */
export function mapDbError(error: unknown): HttpError | undefined {
  const pg = pgErrorOf(error);
  if (!pg) return undefined;
  const detail = pg.detail ?? '';
  switch (pg.code) {
    case '23505': {
      const columns =
        /Key \(([^)]+)\)/
          .exec(detail)?.[1]
          ?.split(', ')
          .filter((c) => c !== 'organization_id') ?? [];
      const fields = columns.map((c) => camel(c));
      return conflict(
        fields.length ? `A record with this ${fields.join(' + ')} already exists` : 'A record with these values already exists',
        { fields },
        fields.map((f) => ({ path: `body.${f}`, message: 'Already exists' })),
      );
    }
    case '23503':
      return /still referenced/.test(detail)
        ? conflict('It is still referenced by other records; remove those first')
        : badRequest([
            { path: `body.${camel(/Key \((\w+)\)/.exec(detail)?.[1] ?? 'id')}`, message: 'Refers to a record that does not exist' },
          ]);
    case '23502':
      return badRequest([{ path: `body.${camel(pg.column ?? pg.column_name ?? 'unknown')}`, message: 'Required' }]);
    case '23514':
    // Values too big for an index, or too deep for jsonb: the input's fault.
    case '54000':
    case '54001':
      return badRequest([{ path: 'body', message: pg.message ?? 'Invalid value' }]);
    case '23P01':
      return conflict('It overlaps an existing record');
    case '40001':
    case '40P01':
      return conflict('The record changed while this request ran; retry it');
    default:
      // Class 22 is "data exception": a value the column cannot take (out of range, bad syntax, NUL,
      // time zone displacement…). Contracts should catch these first; this keeps the ones they miss a 400.
      return pg.code?.startsWith('22') ? badRequest([{ path: 'body', message: pg.message ?? 'Invalid value' }]) : undefined;
  }
}

/**
 * The one way an error becomes a reply, for every route and for unknown ones: problem+json with a
 * `type` from core's `problemTypes`, the request id, and for a 405 the `Allow` header. What no rule
 * maps to a 4xx is a 500 whose details go to the log, never to the client.
 *
 * @example app.onError((error, c) => renderProblem(c, error, { logger, allowed: router.allowed }))
 */
export function renderProblem(
  c: Context<{ Variables: { requestId: string } }>,
  error: unknown,
  options: { logger: Logger; allowed: (path: string) => string[] },
): Response {
  const requestId = c.var.requestId;
  const known =
    error instanceof HttpError
      ? error
      : (mapDbError(error) ??
        (error instanceof HTTPException && error.status < 500
          ? new HttpError(error.status, problemTypes.validation, error.message || 'Bad request')
          : undefined));
  if (!known)
    options.logger.error('unhandled error', {
      requestId,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  const problem = known?.toProblem(requestId) ?? {
    type: problemTypes.internal,
    title: 'Internal server error',
    status: 500,
    detail: 'Something failed on our side; quote the request id when you report it',
    requestId,
  };
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (problem.status === 405) headers.allow = options.allowed(c.req.path).join(', ');
  return c.body(JSON.stringify(problem), problem.status as 500, headers);
}
