import { Dialog as Primitive } from 'radix-ui';
import {
  type ComponentPropsWithoutRef,
  createContext,
  forwardRef,
  type RefObject,
  useCallback,
  useContext,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { usePortalContainer } from './utils.js';

// A non-modal Radix dialog placed beside its trigger. Radix's own Popover positions with Floating UI, about 9 KB
// gzipped that the editor's comments would add to `/cms`; anchoring one panel below (or above) one button needs a
// few lines. Focus moves into the panel and back to the trigger, Escape and a click outside close it.

const AnchorContext = createContext<RefObject<HTMLButtonElement | null> | null>(null);

/**
 * Owns the open state of one popover: uncontrolled by default, or controlled with `open` / `onOpenChange`.
 *
 * @example <Popover.Root onOpenChange={(open) => !open && reset()}>…</Popover.Root>
 */
export function Root(props: Omit<Primitive.DialogProps, 'modal'>) {
  const anchor = useRef<HTMLButtonElement>(null);
  return (
    <AnchorContext.Provider value={anchor}>
      <Primitive.Root modal={false} {...props} />
    </AnchorContext.Provider>
  );
}

export type TriggerProps = ComponentPropsWithoutRef<typeof Primitive.Trigger>;
/**
 * The button that opens the popover, and the element it is placed against.
 *
 * @example <Popover.Trigger asChild><button type="button">Comments</button></Popover.Trigger>
 */
export const Trigger = forwardRef<HTMLButtonElement, TriggerProps>(function Trigger(props, ref) {
  const anchor = useContext(AnchorContext);
  const setRef = useCallback(
    (element: HTMLButtonElement | null) => {
      if (anchor) anchor.current = element;
      if (typeof ref === 'function') ref(element);
      else if (ref) ref.current = element;
    },
    [anchor, ref],
  );
  return <Primitive.Trigger ref={setRef} {...props} />;
});

export interface ContentProps extends ComponentPropsWithoutRef<typeof Primitive.Content> {
  /** Gap between the trigger and the panel, in pixels. */
  sideOffset?: number;
  /** The least distance kept from the viewport's edges, in pixels. */
  collisionPadding?: number;
}

/**
 * The panel, portalled into the provider's `.ss-root`, below the trigger and aligned with its end edge (above it
 * when there is no room below), kept inside the viewport while the page scrolls. Name it with `aria-label` or a
 * `Popover.Title`.
 *
 * @example <Popover.Content aria-label="Comments on Title">…</Popover.Content>
 */
export const Content = forwardRef<HTMLDivElement, ContentProps>(function Content(
  { sideOffset = 6, collisionPadding = 12, style, ...props },
  ref,
) {
  const container = usePortalContainer();
  const anchor = useContext(AnchorContext);
  const [panel, setPanel] = useState<HTMLDivElement | null>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  useLayoutEffect(() => {
    const trigger = anchor?.current;
    if (!panel || !trigger) return;
    const place = () => {
      const at = trigger.getBoundingClientRect();
      const { width, height } = panel.getBoundingClientRect();
      const rtl = getComputedStyle(trigger).direction === 'rtl';
      const maxLeft = window.innerWidth - width - collisionPadding;
      const left = Math.max(collisionPadding, Math.min(rtl ? at.left : at.right - width, maxLeft));
      const below = at.bottom + sideOffset;
      const above = at.top - sideOffset - height;
      const fitsBelow = below + height <= window.innerHeight - collisionPadding;
      setPosition({ top: fitsBelow || above < collisionPadding ? below : above, left });
    };
    place();
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    // Its size changes as threads load or a reply is typed.
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(place);
    observer?.observe(panel);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
      observer?.disconnect();
    };
  }, [panel, anchor, sideOffset, collisionPadding]);
  const setRef = useCallback(
    (element: HTMLDivElement | null) => {
      setPanel(element);
      if (typeof ref === 'function') ref(element);
      else if (ref) ref.current = element;
    },
    [ref],
  );
  return (
    <Primitive.Portal container={container}>
      <Primitive.Content
        ref={setRef}
        // A popover has no description to point at; Radix warns unless told so.
        aria-describedby={undefined}
        style={{
          position: 'fixed',
          top: position?.top ?? 0,
          left: position?.left ?? 0,
          // Measured before it is shown, so it never flashes at the corner.
          visibility: position ? undefined : 'hidden',
          ...style,
        }}
        {...props}
      />
    </Primitive.Portal>
  );
});

/**
 * The popover's heading; it names the popover for screen readers.
 *
 * @example <Popover.Title asChild><p>Comments on Title</p></Popover.Title>
 */
export const Title = Primitive.Title;
