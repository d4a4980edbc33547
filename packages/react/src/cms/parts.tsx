import { type ReactNode, useMemo } from 'react';
import { type ContentEditorStrings, StringsContext, useStrings } from './strings.js';

/**
 * Gives an editor part's `overrides` to it and to every part inside it, over the strings of the enclosing editor
 * (its own `overrides`, the provider's `overrides.contentEditor`, the defaults).
 */
export function StringsOverride({ overrides, children }: { overrides?: Partial<ContentEditorStrings>; children: ReactNode }) {
  const strings = useStrings();
  const merged = useMemo(() => (overrides ? { ...strings, ...overrides } : strings), [strings, overrides]);
  return <StringsContext.Provider value={merged}>{children}</StringsContext.Provider>;
}
