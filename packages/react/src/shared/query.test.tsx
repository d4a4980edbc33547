import { act, renderHook, waitFor } from '@testing-library/react';
import { createSpokeStack, SpokeStackError } from '@spokestack/core';
import { describe, expect, it } from 'vitest';
import { useSpokeStack } from '../provider.js';
import { contact, fakeApi, providerFor } from '../test/fake-api.js';
import { useCreateResource, useDeleteResource, useResource, useResourceList, useUpdateResource } from './query.js';

const contacts = Array.from({ length: 5 }, (_, i) => contact(i + 1, { status: i === 3 ? 'ARCHIVED' : 'ACTIVE' }));
const names = (rows: readonly { firstName?: unknown }[] | undefined) => rows?.map((row) => row.firstName);
const calls = (requests: Request[]) => requests.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`);

describe('useResourceList', () => {
  it('loads the first page with the filters, then follows nextCursor page by page', async () => {
    const { sdk, requests } = fakeApi({ contacts });
    const { result } = renderHook(() => useResourceList(useSpokeStack().crm.contacts, { status: 'ACTIVE', limit: 2 }), {
      wrapper: providerFor(sdk),
    });

    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(names(result.current.data?.rows)).toEqual(['First1', 'First2']);
    expect(result.current.hasNextPage).toBe(true);

    await act(() => result.current.fetchNextPage());
    // TanStack notifies observers on the next tick, after the promise resolved.
    await waitFor(() => expect(names(result.current.data?.rows)).toEqual(['First1', 'First2', 'First3', 'First5']));
    expect(result.current.data?.pages).toHaveLength(2);
    expect(result.current.hasNextPage).toBe(false);
    expect(calls(requests)).toEqual([
      'GET /v1/crm/contacts?status=ACTIVE&limit=2',
      'GET /v1/crm/contacts?status=ACTIVE&limit=2&cursor=ct_0002',
    ]);
  });

  it('caches each set of filters separately', async () => {
    const { sdk } = fakeApi({ contacts });
    const { result, rerender } = renderHook(
      ({ status }: { status: 'ACTIVE' | 'ARCHIVED' }) => useResourceList(useSpokeStack().crm.contacts, { status }),
      {
        wrapper: providerFor(sdk),
        initialProps: { status: 'ACTIVE' },
      },
    );
    await waitFor(() => expect(result.current.data?.rows).toHaveLength(4));
    rerender({ status: 'ARCHIVED' });
    await waitFor(() => expect(names(result.current.data?.rows)).toEqual(['First4']));
  });

  it('refuses a resource client that is not from the provider’s SDK', () => {
    const { sdk } = fakeApi();
    const stranger = createSpokeStack({ baseUrl: 'http://elsewhere' });
    expect(() => renderHook(() => useResourceList(stranger.crm.contacts), { wrapper: providerFor(sdk) })).toThrow(/not part of the SDK/);
  });
});

describe('useResource', () => {
  it('reads one record by id', async () => {
    const { sdk } = fakeApi({ contacts });
    const { result } = renderHook(() => useResource(useSpokeStack().crm.contacts, 'ct_0003'), { wrapper: providerFor(sdk) });
    await waitFor(() => expect(result.current.data?.email).toBe('contact3@example.com'));
  });

  it('waits without a request while the id is unknown', async () => {
    const { sdk, requests } = fakeApi({ contacts });
    const { result } = renderHook(() => useResource(useSpokeStack().crm.contacts, undefined), { wrapper: providerFor(sdk) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(result.current.fetchStatus).toBe('idle');
    expect(requests).toHaveLength(0);
  });

  it('reports a missing record as a 404 SpokeStackError', async () => {
    const { sdk } = fakeApi({ contacts });
    const { result } = renderHook(() => useResource(useSpokeStack().crm.contacts, 'ct_9999'), { wrapper: providerFor(sdk) });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(SpokeStackError);
    expect(result.current.error?.status).toBe(404);
  });
});

describe('resource mutations', () => {
  function useContacts(id: string) {
    const resource = useSpokeStack().crm.contacts;
    return {
      list: useResourceList(resource),
      detail: useResource(resource, id),
      create: useCreateResource(resource),
      update: useUpdateResource(resource),
      remove: useDeleteResource(resource),
    };
  }

  async function setup() {
    const api = fakeApi({ contacts: contacts.slice(0, 2) });
    const hook = renderHook(() => useContacts('ct_0001'), { wrapper: providerFor(api.sdk) });
    await waitFor(() => expect(hook.result.current.list.isSuccess && hook.result.current.detail.isSuccess).toBe(true));
    api.requests.length = 0;
    return { ...api, result: hook.result };
  }

  it('create refreshes the lists before it settles', async () => {
    const { result, requests } = await setup();
    await act(() => result.current.create.mutateAsync({ firstName: 'Ada', lastName: 'Lovelace' }));
    await waitFor(() => expect(names(result.current.list.data?.rows)).toEqual(['First1', 'First2', 'Ada']));
    expect(calls(requests)).toEqual(['POST /v1/crm/contacts', 'GET /v1/crm/contacts']);
  });

  it('update puts the returned record in the cache without reading it again', async () => {
    const { result, requests } = await setup();
    await act(() => result.current.update.mutateAsync({ id: 'ct_0001', body: { jobTitle: 'CTO' } }));
    await waitFor(() => expect(result.current.detail.data?.jobTitle).toBe('CTO'));
    expect(result.current.list.data?.rows[0]?.jobTitle).toBe('CTO');
    expect(calls(requests)).toEqual(['PATCH /v1/crm/contacts/ct_0001', 'GET /v1/crm/contacts']);
  });

  it('delete drops the record from the lists', async () => {
    const { result, requests } = await setup();
    await act(() => result.current.remove.mutateAsync('ct_0002'));
    await waitFor(() => expect(names(result.current.list.data?.rows)).toEqual(['First1']));
    expect(calls(requests)).toEqual(['DELETE /v1/crm/contacts/ct_0002', 'GET /v1/crm/contacts']);
  });

  it('a rejected create carries the field errors and leaves the lists alone', async () => {
    const { result, requests } = await setup();
    await act(() => result.current.create.mutateAsync({ firstName: '', lastName: 'Nobody' }).catch(() => undefined));
    await waitFor(() => expect(result.current.create.error?.status).toBe(400));
    expect(result.current.create.error?.fieldError('body.firstName')).toBe('Required');
    expect(calls(requests)).toEqual(['POST /v1/crm/contacts']);
  });
});
