import { QueryClient } from '@tanstack/react-query';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { SpokeStackError } from '@spokestack/core';
import { describe, expect, it } from 'vitest';
import { useMe } from './platform/me.js';
import { SpokeStackProvider, useSpokeStack } from './provider.js';
import { spokestackKeys } from './shared/query.js';
import { ErrorState } from './ui/ErrorState.js';
import { Spinner } from './ui/Spinner.js';
import { fakeApi, me, providerFor } from './test/fake-api.js';

describe('SpokeStackProvider', () => {
  it('wraps its children in a themed .ss-root element', () => {
    const { sdk } = fakeApi();
    render(
      <SpokeStackProvider client={sdk} theme="dark" className="host-class">
        <p>inside</p>
      </SpokeStackProvider>,
    );
    const root = screen.getByText('inside').closest('.ss-root');
    expect(root?.getAttribute('data-theme')).toBe('dark');
    expect(root?.classList.contains('host-class')).toBe(true);
  });

  it('replaces UI strings everywhere below it, and a component’s own overrides win', () => {
    const { sdk } = fakeApi();
    render(
      <SpokeStackProvider client={sdk} overrides={{ spinner: { label: 'Chargement…' }, errorState: { retry: 'Réessayer' } }}>
        <Spinner />
        <Spinner overrides={{ label: 'Chargement des offres…' }} />
        <ErrorState error={new Error('boom')} onRetry={() => {}} />
      </SpokeStackProvider>,
    );
    expect(screen.getAllByRole('status').map((status) => status.textContent)).toEqual(['Chargement…', 'Chargement des offres…']);
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeTruthy();
  });

  it('gives hooks the SDK it was passed', () => {
    const { sdk } = fakeApi();
    const { result } = renderHook(() => useSpokeStack(), { wrapper: providerFor(sdk) });
    expect(result.current).toBe(sdk);
  });

  it('explains the mistake when a hook is used outside it', () => {
    expect(() => renderHook(() => useSpokeStack())).toThrow(/inside <SpokeStackProvider/);
  });

  it('shares the cache of a query client the host passes in', async () => {
    const { sdk } = fakeApi();
    const queryClient = new QueryClient();
    const { result } = renderHook(() => useMe(), {
      wrapper: ({ children }) => (
        <SpokeStackProvider client={sdk} queryClient={queryClient}>
          {children}
        </SpokeStackProvider>
      ),
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(queryClient.getQueryData(spokestackKeys.me())).toEqual(me);
  });
});

describe('useMe', () => {
  it('returns who the credentials belong to, asking with the API key', async () => {
    const { sdk, requests } = fakeApi();
    const { result } = renderHook(() => useMe(), { wrapper: providerFor(sdk) });
    await waitFor(() => expect(result.current.data).toEqual(me));
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['GET /v1/platform/me']);
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer sk_test');
  });

  it('surfaces a rejected key as a SpokeStackError at once, without retrying', async () => {
    const { sdk, requests } = fakeApi({ meStatus: 401 });
    const { result } = renderHook(() => useMe(), { wrapper: providerFor(sdk) });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(SpokeStackError);
    expect(result.current.error?.status).toBe(401);
    expect(result.current.error?.detail).toBe('The API key is invalid or revoked.');
    expect(requests).toHaveLength(1);
  });
});
