import { type FormEvent, lazy, Suspense, useMemo, useState, useSyncExternalStore } from 'react';
import { Button, Spinner, SpokeStackProvider } from '@spokestack/react';
import { createSdk, forgetCredential, readCredential, saveCredential, signInThroughBackend } from './credential.js';
import { ComponentsPage } from './pages/ComponentsPage.js';
import { parseContentRoute } from './pages/content-route.js';
import { HomePage } from './pages/HomePage.js';
import { skipTo } from './skip.js';

// The content page (and with it the editor, Tiptap and Uppy from `@spokestack/react/cms`) loads only when opened.
const ContentPage = lazy(() => import('./pages/ContentPage.js'));
// Likewise the analytics page and Recharts.
const AnalyticsPage = lazy(() => import('./pages/AnalyticsPage.js'));
// And the pipeline board with `@spokestack/react/crm` and dnd-kit.
const PipelinePage = lazy(() => import('./pages/PipelinePage.js'));
const ContactsPage = lazy(() => import('./pages/ContactsPage.js'));
// Likewise the assets page (the DAM, Uppy and tus), and the public page of a share link.
const AssetsPage = lazy(() => import('./pages/AssetsPage.js'));
const SharedPage = lazy(() => import('./pages/SharedPage.js'));
const SharedDashboardPage = lazy(() => import('./pages/SharedDashboardPage.js'));

const pages = {
  '#/': 'Home',
  '#/content': 'Content',
  '#/assets': 'Assets',
  '#/analytics': 'Analytics',
  '#/pipeline': 'Pipeline',
  '#/contacts': 'Contacts',
  '#/components': 'Components',
} as const;
type Route = keyof typeof pages;

/** The hash: no router library, the example has a handful of pages. */
function useHash(): string {
  return useSyncExternalStore(
    (onChange) => {
      window.addEventListener('hashchange', onChange);
      return () => window.removeEventListener('hashchange', onChange);
    },
    () => window.location.hash,
  );
}

/** The page of a hash: its own, `#/content` for every content address, else Home. */
function routeOf(hash: string): Route {
  if (parseContentRoute(hash) !== undefined) return '#/content';
  return hash in pages ? (hash as Route) : '#/';
}

export function App() {
  const [credential, setCredential] = useState(readCredential);
  const [theme, setTheme] = useState<'light' | 'dark'>(() => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  const hash = useHash();
  const route = routeOf(hash);
  const sdk = useMemo(() => (credential ? createSdk(credential) : null), [credential]);

  // A share link is a real path (it is sent to people outside the back office) and needs no sign-in.
  const sharedDashboard = /^\/share\/dashboard\/([\w.-]+)$/.exec(window.location.pathname)?.[1];
  if (sharedDashboard) {
    return (
      <Suspense fallback={<Spinner size="lg" />}>
        <SharedDashboardPage token={sharedDashboard} theme={theme} />
      </Suspense>
    );
  }
  const shared = /^\/share\/([\w-]+)$/.exec(window.location.pathname)?.[1];
  if (shared) {
    return (
      <Suspense fallback={<Spinner size="lg" />}>
        <SharedPage token={shared} theme={theme} />
      </Suspense>
    );
  }
  if (!sdk) {
    return (
      <ConnectScreen
        theme={theme}
        onConnect={(value) => {
          saveCredential(value);
          setCredential(value);
        }}
      />
    );
  }

  const signOut = () => {
    forgetCredential();
    setCredential(null);
  };
  return (
    // Keyed by credential: another key is another organization, whose data must not show from the cache.
    <SpokeStackProvider key={credential} client={sdk} theme={theme} className="app">
      {/* The hash is the router, so the skip link is a button that moves focus (a #fragment would navigate). */}
      <button type="button" className="app-skip" onClick={skipTo('main')}>
        Skip to main content
      </button>
      <header className="app-header">
        <a className="app-brand" href="#/">
          Northwind <span>back office</span>
        </a>
        <nav aria-label="Main" className="app-nav">
          {(Object.keys(pages) as Route[]).map((path) => (
            <a key={path} href={path} aria-current={path === route ? 'page' : undefined}>
              {pages[path]}
            </a>
          ))}
        </nav>
        <div className="app-tools">
          <Button variant="ghost" size="sm" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
            {theme === 'dark' ? 'Light theme' : 'Dark theme'}
          </Button>
          <Button variant="secondary" size="sm" onClick={signOut}>
            {credential?.startsWith('session:') ? 'Sign out' : 'Change key'}
          </Button>
        </div>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className={route === '#/' || route === '#/components' || route === '#/contacts' ? 'app-main' : 'app-main app-wide'}
      >
        {route === '#/components' ? (
          <ComponentsPage />
        ) : route === '#/assets' ? (
          <Suspense fallback={<Spinner size="lg" />}>
            <AssetsPage />
          </Suspense>
        ) : route === '#/contacts' ? (
          <Suspense fallback={<Spinner size="lg" />}>
            <ContactsPage />
          </Suspense>
        ) : route === '#/pipeline' ? (
          <Suspense fallback={<Spinner size="lg" />}>
            <PipelinePage />
          </Suspense>
        ) : route === '#/analytics' ? (
          <Suspense fallback={<Spinner size="lg" />}>
            <AnalyticsPage />
          </Suspense>
        ) : route === '#/content' ? (
          <Suspense fallback={<Spinner size="lg" />}>
            <ContentPage selection={parseContentRoute(hash) ?? null} />
          </Suspense>
        ) : (
          <HomePage onChangeKey={signOut} />
        )}
      </main>
    </SpokeStackProvider>
  );
}

/** Shown until there is a credential: no provider yet, the primitives work without one. */
function ConnectScreen({ theme, onConnect }: { theme: 'light' | 'dark'; onConnect: (credential: string) => void }) {
  const [signInError, setSignInError] = useState<string | null>(null);
  const signIn = (role: string) =>
    signInThroughBackend(role).then(
      ({ credential }) => onConnect(credential),
      (error: unknown) => setSignInError(error instanceof Error ? error.message : String(error)),
    );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('credential');
    if (typeof value === 'string' && value.trim()) onConnect(value.trim());
  };
  return (
    <div className="ss-root app app-connect" data-theme={theme}>
      <section className="app-card" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">Sign in</h1>
        <p>This app's backend holds the secret key and gives your browser a short-lived session for a member of the organization.</p>
        <div className="app-sign-in">
          {(['ADMIN', 'MEMBER', 'CLIENT'] as const).map((role) => (
            <Button key={role} variant={role === 'ADMIN' ? 'primary' : 'secondary'} onClick={() => void signIn(role)}>
              Sign in as {role.toLowerCase()}
            </Button>
          ))}
        </div>
        {signInError && (
          <p role="alert" className="app-error">
            {signInError}
          </p>
        )}
      </section>
      <form className="app-card" onSubmit={submit}>
        <h2>Or connect with a credential</h2>
        <p>
          Paste an organization API key or a session token. It stays in this tab only. You can also open the app with <code>?key=…</code> or
          set <code>VITE_SPOKESTACK_KEY</code>.
        </p>
        <label htmlFor="credential">API key or session token</label>
        <input id="credential" name="credential" type="password" autoComplete="off" required placeholder="sk_…" />
        <Button type="submit">Connect</Button>
      </form>
    </div>
  );
}
