import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useOverrides } from '../overrides.js';
import { Direction, Toast as Primitive } from 'radix-ui';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { Tone } from './Badge.js';
import { Button } from './Button.js';
import type { ClassNames } from './utils.js';

/** What `toast()` takes. */
export interface ToastOptions {
  /** The message, e.g. "Deal saved". */
  title: ReactNode;
  /** A second line with details. */
  description?: ReactNode;
  /** What it reports; `danger` toasts are announced assertively. */
  tone?: Tone;
  /** Milliseconds before it closes by itself; defaults to the `Toaster`'s `duration`. */
  duration?: number;
  /** One button in the toast, e.g. "Undo". */
  action?: {
    /** The button's label. */
    label: string;
    /** Called when the button is pressed; the toast then closes. */
    onClick: () => void;
    /** How a screen reader user can do the same without the toast (Radix requires it), e.g. "Undo in the History panel". Defaults to
     * `label`. */
    altText?: string;
  };
}

interface ToastItem extends ToastOptions {
  id: string;
}

interface ToastState {
  toasts: ToastItem[];
  add: (toast: ToastOptions) => string;
  dismiss: (id: string) => void;
}

/** One store per `SpokeStackProvider`, so two embedded apps on one page never show each other's toasts. */
export function createToastStore(): StoreApi<ToastState> {
  let next = 0;
  return createStore<ToastState>()((set) => ({
    toasts: [],
    add: (toast) => {
      const id = `toast-${++next}`;
      set((state) => ({ toasts: [...state.toasts, { ...toast, id }] }));
      return id;
    },
    dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
  }));
}

/** Provided by `SpokeStackProvider`. */
export const ToastStoreContext = createContext<StoreApi<ToastState> | null>(null);

function useToastStore(hook: string): StoreApi<ToastState> {
  const store = useContext(ToastStoreContext);
  if (!store) throw new Error(`${hook} must be used inside <SpokeStackProvider>.`);
  return store;
}

/** What `useToast()` returns. */
export interface ToastApi {
  /** Shows a toast and returns its id. */
  toast: (options: ToastOptions) => string;
  /** Closes a toast early. */
  dismiss: (id: string) => void;
}

/**
 * Shows short notifications ("Saved", "Upload failed") in the provider's `<Toaster>`. Both functions are
 * stable, so they are safe in effect and callback dependencies.
 *
 * @example
 * const { toast } = useToast()
 * const save = useUpdateResource(sdk.crm.deals, {
 *   onSuccess: () => toast({ title: 'Deal saved', tone: 'success' }),
 *   onError: (error) => toast({ title: 'Could not save', description: error.detail, tone: 'danger' }),
 * })
 */
export function useToast(): ToastApi {
  const store = useToastStore('useToast');
  return useMemo(() => {
    const { add, dismiss } = store.getState();
    return { toast: add, dismiss };
  }, [store]);
}

const strings = {
  /** Label of each toast's close button. */
  dismiss: 'Dismiss',
  /** Name of the notifications landmark; `{hotkey}` becomes the shortcut that focuses it. */
  viewport: 'Notifications ({hotkey})',
};

export type ToasterStrings = typeof strings;

export interface ToasterProps {
  /** Default milliseconds a toast stays open. */
  duration?: number;
  /** Keys that move focus to the toasts (so keyboard users can reach their buttons); defaults to F8. */
  hotkey?: string[];
  /** Class name of the viewport, the fixed region the toasts stack in. */
  className?: string;
  /** Class names for each toast's parts. */
  classNames?: ClassNames<'toast' | 'title' | 'description' | 'action' | 'close'>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<ToasterStrings>;
}

/**
 * Renders the toasts raised with `useToast()`. `SpokeStackProvider` renders one for you; render your own (and
 * pass `toaster={false}` to the provider) to place or restyle it. Toasts pause while hovered or focused,
 * close on Escape, and can be swiped away.
 *
 * @example
 * <SpokeStackProvider client={sdk} toaster={false}>
 *   <App />
 *   <Toaster duration={8000} overrides={{ dismiss: 'Fermer' }} />
 * </SpokeStackProvider>
 */
export function Toaster({ duration = 5000, hotkey, className, classNames, overrides }: ToasterProps) {
  const store = useToastStore('<Toaster>');
  const toasts = useStore(store, (state) => state.toasts);
  const dismiss = useStore(store, (state) => state.dismiss);
  // Toasts slide out towards the inline end, which is the left edge in right-to-left layouts.
  const direction = Direction.useDirection();
  const t = useOverrides('toaster', strings, overrides);
  return (
    <Primitive.Provider duration={duration} swipeDirection={direction === 'rtl' ? 'left' : 'right'}>
      {toasts.map(({ id, title, description, tone = 'neutral', duration: ownDuration, action }) => (
        <Primitive.Root
          key={id}
          duration={ownDuration}
          // Foreground toasts interrupt the screen reader; only failures deserve that.
          type={tone === 'danger' ? 'foreground' : 'background'}
          onOpenChange={(open) => {
            if (!open) dismiss(id);
          }}
          data-scope="toast"
          data-part="root"
          data-tone={tone}
          className={classNames?.toast}
        >
          <Primitive.Title data-scope="toast" data-part="title" className={classNames?.title}>
            {title}
          </Primitive.Title>
          {description && (
            <Primitive.Description data-scope="toast" data-part="description" className={classNames?.description}>
              {description}
            </Primitive.Description>
          )}
          {action && (
            <Primitive.Action altText={action.altText ?? action.label} asChild>
              <Button size="sm" variant="secondary" onClick={action.onClick} className={classNames?.action}>
                {action.label}
              </Button>
            </Primitive.Action>
          )}
          <Primitive.Close aria-label={t.dismiss} data-scope="toast" data-part="close" className={classNames?.close}>
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden focusable="false">
              <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
            </svg>
          </Primitive.Close>
        </Primitive.Root>
      ))}
      <Primitive.Viewport data-scope="toast" data-part="viewport" hotkey={hotkey} label={t.viewport} className={className} />
    </Primitive.Provider>
  );
}
