import type { MouseEvent } from 'react';

/**
 * A skip link's click: focuses the element with that id (made focusable for it) instead of changing the hash.
 *
 * @example <button type="button" onClick={skipTo('main')}>Skip to main content</button>
 */
export function skipTo(id: string) {
  return (event: MouseEvent) => {
    event.preventDefault();
    const target = document.getElementById(id);
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView({ block: 'start' });
  };
}
