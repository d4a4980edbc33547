import { createContext, useContext, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SpokeStackError, type SpokeStack } from '@spokestack/core';
import { Direction } from 'radix-ui';
import { type Overrides, OverridesContext } from './overrides.js';
import { createToastStore, Toaster, ToastStoreContext, type ToasterProps } from './ui/Toast.js';
import { cx, PortalContainerContext } from './ui/utils.js';

const SpokeStackContext = createContext<SpokeStack | null>(null);

export interface SpokeStackProviderProps {
  /** The SDK from `createSpokeStack()`, created once outside render (in a browser, with a session token). */
  client: SpokeStack;
  /** Your app's TanStack Query client, to share its cache; the provider creates its own when omitted. */
  queryClient?: QueryClient;
  /** Colour scheme of the default stylesheet. */
  theme?: 'light' | 'dark';
  /** Text direction of the components; set `rtl` for Arabic or Hebrew interfaces. */
  dir?: 'ltr' | 'rtl';
  /** Class name of the `.ss-root` wrapper. */
  className?: string;
  /** UI strings to replace in every component below, by component (see `OverridesRegistry`); a component's own `overrides` prop wins. */
  overrides?: Overrides;
  /** Props of the built-in `<Toaster>`, or `false` when you render your own. */
  toaster?: ToasterProps | false;
  /** Your app, or the part of it that uses SpokeStack. */
  children?: ReactNode;
}

/**
 * Makes the SDK, a TanStack Query cache and the toast queue available to every SpokeStack hook and component
 * below it, and wraps them in the `.ss-root` element the default stylesheet themes. Create the SDK once
 * (module scope or `useState`): a new client on every render would refetch everything.
 *
 * @example
 * import { createSpokeStack } from '@spokestack/core'
 * import { SpokeStackProvider } from '@spokestack/react'
 * import '@spokestack/react/styles.css'
 *
 * const sdk = createSpokeStack({ baseUrl: '/api', token: () => fetchSessionToken() })
 *
 * export function App() {
 *   return <SpokeStackProvider client={sdk} theme="dark"><Pipeline /></SpokeStackProvider>
 * }
 */
export function SpokeStackProvider({
  client,
  queryClient,
  theme = 'light',
  dir,
  className,
  toaster = {},
  overrides = noOverrides,
  children,
}: SpokeStackProviderProps) {
  const [ownQueryClient] = useState(createQueryClient);
  const [toastStore] = useState(createToastStore);
  // State rather than a ref: portals need to re-render once the element exists.
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const tree = (
    <div ref={setRoot} className={cx('ss-root', className)} data-theme={theme} dir={dir}>
      <PortalContainerContext.Provider value={root}>
        {children}
        {toaster && <Toaster {...toaster} />}
      </PortalContainerContext.Provider>
    </div>
  );
  return (
    <SpokeStackContext.Provider value={client}>
      <QueryClientProvider client={queryClient ?? ownQueryClient}>
        <ToastStoreContext.Provider value={toastStore}>
          <OverridesContext.Provider value={overrides}>
            {/* Only when asked: otherwise a Radix direction the host already provides stays in effect. */}
            {dir ? <Direction.Provider dir={dir}>{tree}</Direction.Provider> : tree}
          </OverridesContext.Provider>
        </ToastStoreContext.Provider>
      </QueryClientProvider>
    </SpokeStackContext.Provider>
  );
}

/**
 * The SDK given to the nearest `SpokeStackProvider`, for calls the hooks do not cover. Throws when there is no
 * provider, which is always a wiring mistake.
 *
 * @example
 * const sdk = useSpokeStack()
 * const onExport = () => sdk.crm.contacts.iterate({ status: 'ACTIVE' })
 */
export function useSpokeStack(): SpokeStack {
  const client = useContext(SpokeStackContext);
  if (!client) throw new Error('useSpokeStack must be used inside <SpokeStackProvider client={…}>.');
  return client;
}

const noOverrides: Overrides = {};

function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: retryTransient } } });
}

/** Retrying a 400, 403 or 404 only delays the error the user has to see; network failures and 5xx may pass. */
function retryTransient(failureCount: number, error: unknown): boolean {
  if (failureCount >= 3) return false;
  if (!(error instanceof SpokeStackError)) return false;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}
