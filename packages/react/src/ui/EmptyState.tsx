import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import type { ClassNames } from './utils.js';

export interface EmptyStateProps extends Omit<ComponentPropsWithoutRef<'div'>, 'title'> {
  /** What is empty, e.g. "No deals yet". */
  title: ReactNode;
  /** What the user can do about it. */
  description?: ReactNode;
  /** A decorative illustration or icon, hidden from screen readers. */
  icon?: ReactNode;
  /** Buttons or links, e.g. "Create deal". */
  actions?: ReactNode;
  /** Class names for the inner parts. */
  classNames?: ClassNames<'icon' | 'title' | 'description' | 'actions'>;
}

/**
 * The placeholder for a list or page with nothing to show yet: a title, a hint and the action that fills it.
 *
 * @example
 * <EmptyState
 *   title="No assets yet"
 *   description="Upload images, videos and documents to share them with your team."
 *   actions={<Button onClick={openUploader}>Upload</Button>}
 * />
 */
export const EmptyState = forwardRef<HTMLDivElement, EmptyStateProps>(function EmptyState(
  { title, description, icon, actions, classNames, ...props },
  ref,
) {
  return (
    <div ref={ref} data-scope="empty-state" data-part="root" {...props}>
      {icon && (
        <div data-scope="empty-state" data-part="icon" aria-hidden className={classNames?.icon}>
          {icon}
        </div>
      )}
      <p data-scope="empty-state" data-part="title" className={classNames?.title}>
        {title}
      </p>
      {description && (
        <p data-scope="empty-state" data-part="description" className={classNames?.description}>
          {description}
        </p>
      )}
      {actions && (
        <div data-scope="empty-state" data-part="actions" className={classNames?.actions}>
          {actions}
        </div>
      )}
    </div>
  );
});
