import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { Slot } from 'radix-ui';

export interface ButtonProps extends ComponentPropsWithoutRef<'button'> {
  /** Visual weight: `primary` for the main action, `danger` for destructive ones. */
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  /** Height and padding. */
  size?: 'sm' | 'md' | 'lg';
  /** Shows a spinner and blocks clicks while the action runs. */
  loading?: boolean;
  /** Renders the child element (a link, a router `<Link>`) with the button's props and styles instead of a `<button>`. */
  asChild?: boolean;
}

/**
 * A button with variants, sizes and a loading state. While `loading` it is disabled and `aria-busy`, so a second
 * click cannot submit twice; with `asChild` it styles a link or router component instead of rendering a `<button>`.
 *
 * @example
 * <Button variant="primary" loading={save.isPending} onClick={() => save.mutate(draft)}>Save</Button>
 * <Button asChild variant="ghost"><a href="/deals">All deals</a></Button>
 */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'primary', size = 'md', loading = false, asChild = false, disabled, type, children, ...props },
  ref,
) {
  const inactive = Boolean(disabled || loading);
  const Comp = asChild ? Slot.Root : 'button';
  return (
    <Comp
      ref={ref}
      data-state={loading ? 'loading' : undefined}
      // `type=button` so a button inside a host's <form> never submits it by accident. Links have no
      // `disabled`; they get aria-disabled (and the stylesheet drops their pointer events).
      {...(asChild ? { 'aria-disabled': inactive || undefined } : { type: type ?? 'button', disabled: inactive })}
      {...props}
      // After the spread: composed into a Radix part (`<Dialog.Trigger asChild><Button>`), the element takes that
      // part's `data-state` (open/closed) but keeps its identity, and so its styles, as a button.
      data-scope="button"
      data-part="root"
      data-variant={variant}
      data-size={size}
      aria-busy={loading || undefined}
    >
      {loading && <span data-scope="button" data-part="spinner" aria-hidden />}
      <Slot.Slottable>{children}</Slot.Slottable>
    </Comp>
  );
});
