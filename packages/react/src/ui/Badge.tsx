import { forwardRef, type ComponentPropsWithoutRef } from 'react';

/** The colour of a badge, toast or status: what the thing means, not which hue it is. */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export interface BadgeProps extends ComponentPropsWithoutRef<'span'> {
  /** What the badge signals; picks its colour. */
  tone?: Tone;
}

/**
 * A short status label such as a deal stage or an entry's workflow state. The tone is exposed as `data-tone`
 * so host CSS can restyle one tone without touching the others.
 *
 * @example
 * <Badge tone={entry.status === 'PUBLISHED' ? 'success' : 'neutral'}>{entry.status}</Badge>
 */
export const Badge = forwardRef<HTMLSpanElement, BadgeProps>(function Badge({ tone = 'neutral', ...props }, ref) {
  return <span ref={ref} data-scope="badge" data-part="root" data-tone={tone} {...props} />;
});
