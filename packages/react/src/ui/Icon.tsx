import type { ReactNode } from 'react';

// Small line icons drawn with currentColor: no icon font, no emoji (which many systems render as boxes).
/** A 16 px line icon drawn with `currentColor`, hidden from assistive technology (the button names it). */
export function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}
