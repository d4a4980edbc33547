import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { VisuallyHidden } from 'radix-ui';
import { useOverrides } from '../overrides.js';
import type { ClassNames } from './utils.js';

const strings = {
  /** Announced to screen readers while the spinner shows. */
  label: 'Loading…',
};

export type SpinnerStrings = typeof strings;

export interface SpinnerProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  /** Diameter of the indicator. */
  size?: 'sm' | 'md' | 'lg';
  /** Class names for the inner parts. */
  classNames?: ClassNames<'indicator' | 'label'>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<SpinnerStrings>;
}

/**
 * A loading indicator that screen readers announce: a `role="status"` region whose label is visually hidden,
 * so the spinning ring is decoration and the words carry the meaning.
 *
 * @example
 * {isPending ? <Spinner overrides={{ label: 'Loading deals…' }} /> : <DealList deals={data} />}
 */
export const Spinner = forwardRef<HTMLSpanElement, SpinnerProps>(function Spinner(
  { size = 'md', className, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('spinner', strings, overrides);
  return (
    <span ref={ref} role="status" data-scope="spinner" data-part="root" data-size={size} className={className} {...props}>
      <span data-scope="spinner" data-part="indicator" aria-hidden className={classNames?.indicator} />
      <VisuallyHidden.Root data-scope="spinner" data-part="label" className={classNames?.label}>
        {t.label}
      </VisuallyHidden.Root>
    </span>
  );
});
