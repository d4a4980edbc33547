/** One invalid input: `path` is the dotted field name (`body.email`, `query.limit`), `message` says why. */
export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem document, the body of every error reply. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  requestId?: string;
}

/** Problem type URIs; stable, so clients can branch on them. */
export const problemTypes = {
  validation: 'https://spokestack.dev/problems/validation',
  unauthorized: 'https://spokestack.dev/problems/unauthorized',
  forbidden: 'https://spokestack.dev/problems/forbidden',
  notFound: 'https://spokestack.dev/problems/not-found',
  methodNotAllowed: 'https://spokestack.dev/problems/method-not-allowed',
  conflict: 'https://spokestack.dev/problems/conflict',
  gone: 'https://spokestack.dev/problems/gone',
  preconditionFailed: 'https://spokestack.dev/problems/precondition-failed',
  tooLarge: 'https://spokestack.dev/problems/too-large',
  unsupportedMediaType: 'https://spokestack.dev/problems/unsupported-media-type',
  rateLimited: 'https://spokestack.dev/problems/rate-limited',
  unavailable: 'https://spokestack.dev/problems/unavailable',
  internal: 'https://spokestack.dev/problems/internal',
  network: 'https://spokestack.dev/problems/network',
} as const;

/**
 * The error every SDK call throws: the server's problem document, with `status` and the
 * per-field `errors` a form can show next to its inputs.
 *
 * @example
 * try { await sdk.crm.contacts.create({ firstName: '' }) }
 * catch (e) { if (e instanceof SpokeStackError && e.status === 400) showErrors(e.errors) }
 */
export class SpokeStackError extends Error implements Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors: FieldError[];
  readonly requestId?: string;
  /** Extra members of the problem document (e.g. `affectedEntries` on a schema conflict). */
  readonly extensions: Record<string, unknown>;

  constructor(problem: Problem & Record<string, unknown>) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'SpokeStackError';
    const { type, title, status, detail, errors, requestId, ...extensions } = problem;
    this.type = type;
    this.title = title;
    this.status = status;
    this.detail = detail;
    this.errors = errors ?? [];
    this.requestId = requestId;
    this.extensions = extensions;
  }

  /** The message for one field, e.g. `error.fieldError('body.email')`. */
  fieldError(path: string): string | undefined {
    return this.errors.find((e) => e.path === path)?.message;
  }
}
