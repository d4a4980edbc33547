import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { SpokeStackError } from '@spokestack/core';
import { useOverrides } from '../overrides.js';
import { Button } from './Button.js';
import type { ClassNames } from './utils.js';

const strings = {
  /** Title when the error is not a problem document from the server (a crash, a bug). */
  title: 'Something went wrong',
  /** Label of the retry button. */
  retry: 'Try again',
};

export type ErrorStateStrings = typeof strings;

export interface ErrorStateProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** What was thrown: a `SpokeStackError` shows its title, detail and field errors; anything else a generic message. */
  error: unknown;
  /** Shows a retry button that calls this, e.g. a query's `refetch`. */
  onRetry?: () => void;
  /** The retry is running: the button shows a spinner. */
  retrying?: boolean;
  /** Class names for the inner parts. */
  classNames?: ClassNames<'title' | 'detail' | 'fields' | 'field' | 'fieldPath' | 'retry'>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<ErrorStateStrings>;
}

/**
 * Explains a failed request where its result would have been: the server's problem title and detail, the
 * fields that were rejected and why, and a retry button. It is an alert, so screen readers announce it.
 *
 * @example
 * const deals = useResourceList(sdk.crm.deals)
 * if (deals.isError) return <ErrorState error={deals.error} onRetry={() => deals.refetch()} retrying={deals.isRefetching} />
 */
export const ErrorState = forwardRef<HTMLDivElement, ErrorStateProps>(function ErrorState(
  { error, onRetry, retrying = false, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('errorState', strings, overrides);
  const problem = error instanceof SpokeStackError ? error : undefined;
  const detail = problem ? problem.detail : error instanceof Error ? error.message : undefined;
  return (
    <div ref={ref} role="alert" data-scope="error-state" data-part="root" data-status={problem?.status} {...props}>
      <p data-scope="error-state" data-part="title" className={classNames?.title}>
        {problem?.title ?? t.title}
      </p>
      {detail && (
        <p data-scope="error-state" data-part="detail" className={classNames?.detail}>
          {detail}
        </p>
      )}
      {problem && problem.errors.length > 0 && (
        <ul data-scope="error-state" data-part="fields" className={classNames?.fields}>
          {problem.errors.map((fieldError) => (
            <li key={`${fieldError.path}:${fieldError.message}`} data-scope="error-state" data-part="field" className={classNames?.field}>
              <code data-scope="error-state" data-part="field-path" className={classNames?.fieldPath}>
                {fieldName(fieldError.path)}
              </code>{' '}
              {fieldError.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <Button variant="secondary" loading={retrying} onClick={onRetry} className={classNames?.retry}>
          {t.retry}
        </Button>
      )}
    </div>
  );
});

/** `body.contact.email` → `contact.email`: which part of the request it was is noise to a person reading it. */
function fieldName(path: string): string {
  return path.replace(/^(body|query|params)\./, '');
}
