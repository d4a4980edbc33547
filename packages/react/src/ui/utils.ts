import { createContext, useContext } from 'react';

/** Extra class names for the named parts of a component (the root takes `className`). */
export type ClassNames<Part extends string> = Partial<Record<Part, string>>;

/** Joins class names, dropping empty ones; `undefined` when none, so no empty `class` attribute is rendered. */
export function cx(...classes: (string | false | null | undefined)[]): string | undefined {
  return classes.filter(Boolean).join(' ') || undefined;
}

/**
 * Where portalled content (dialogs) mounts. `SpokeStackProvider` points it at its `.ss-root` element so the
 * CSS variables and theme apply inside portals too; without a provider Radix falls back to `document.body`.
 */
export const PortalContainerContext = createContext<HTMLElement | null>(null);

/** The element portals should render into, or `null` for `document.body`. */
export function usePortalContainer(): HTMLElement | null {
  return useContext(PortalContainerContext);
}
