import type { ReactNode } from 'react';
import { createSpokeStack, type Me, type Problem, type SpokeStack } from '@spokestack/core';
import type { Contact } from '@spokestack/core/crm';
import { SpokeStackProvider } from '../provider.js';

/** A contact row as the API returns it. */
export function contact(n: number, overrides: Partial<Contact> = {}): Contact {
  const at = new Date(Date.UTC(2025, 0, n)).toISOString();
  return {
    id: `ct_${String(n).padStart(4, '0')}`,
    organizationId: 'org_1',
    firstName: `First${n}`,
    lastName: `Last${n}`,
    email: `contact${n}@example.com`,
    phone: null,
    mobile: null,
    jobTitle: null,
    department: null,
    companyName: 'Acme',
    companyId: null,
    linkedIn: null,
    twitter: null,
    instagram: null,
    avatarUrl: null,
    addressLine1: null,
    addressLine2: null,
    city: null,
    state: null,
    postalCode: null,
    country: null,
    contactType: 'LEAD',
    status: 'ACTIVE',
    source: null,
    leadScore: 0,
    engagementScore: 0,
    lastScoreUpdate: null,
    tags: [],
    customFields: {},
    ownerId: null,
    marketingConsent: false,
    marketingConsentDate: null,
    marketingConsentSource: null,
    dataProcessingConsent: false,
    dataProcessingConsentDate: null,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    createdAt: at,
    updatedAt: at,
    lastContactedAt: null,
    ...overrides,
  };
}

export const me: Me = {
  organizationId: 'org_1',
  actor: { type: 'apiKey', id: 'key_1', name: 'Test key', role: 'ADMIN', clientId: null },
};

const json = (body: unknown, status = 200) => Response.json(body, { status });
const problem = (p: Problem) =>
  new Response(JSON.stringify(p), { status: p.status, headers: { 'content-type': 'application/problem+json' } });

/**
 * An SDK whose `fetch` answers like the API for `/v1/platform/me` and `/v1/crm/contacts`, from an in-memory list
 * with cursor paging, and records every request. Just enough API to exercise the hooks; the real server's
 * behaviour is tested in packages/server.
 */
export function fakeApi({ contacts = [] as Contact[], meStatus = 200 } = {}) {
  const rows = [...contacts];
  const requests: Request[] = [];
  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const [, id] = url.pathname.match(/^\/v1\/crm\/contacts(?:\/([^/]+))?$/) ?? [];
    if (url.pathname === '/v1/platform/me') {
      return meStatus === 200
        ? json(me)
        : problem({
            type: 'https://spokestack.dev/problems/unauthorized',
            title: 'Unauthorized',
            status: meStatus,
            detail: 'The API key is invalid or revoked.',
          });
    }
    if (!url.pathname.startsWith('/v1/crm/contacts')) return problem({ type: 'about:blank', title: 'Not Found', status: 404 });
    if (request.method === 'GET' && !id) {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const status = url.searchParams.get('status');
      const matching = rows.filter((row) => !status || row.status === status);
      const start = matching.findIndex((row) => row.id > (url.searchParams.get('cursor') ?? ''));
      const page = start === -1 ? [] : matching.slice(start, start + limit);
      const last = page.at(-1);
      return json({ data: page, nextCursor: last && matching.at(-1) !== last ? last.id : null });
    }
    const index = rows.findIndex((row) => row.id === id);
    if (request.method === 'POST') {
      const body = (await request.json()) as Partial<Contact>;
      if (!body.firstName) {
        return problem({
          type: 'https://spokestack.dev/problems/validation',
          title: 'Invalid request',
          status: 400,
          errors: [{ path: 'body.firstName', message: 'Required' }],
        });
      }
      const row = contact(rows.length + 1, body);
      rows.push(row);
      return json(row, 201);
    }
    if (index === -1)
      return problem({ type: 'https://spokestack.dev/problems/not-found', title: 'Not Found', status: 404, detail: `No contact ${id}` });
    if (request.method === 'GET') return json(rows[index]);
    if (request.method === 'PATCH') {
      const row = { ...rows[index]!, ...((await request.json()) as Partial<Contact>) };
      rows[index] = row;
      return json(row);
    }
    rows.splice(index, 1);
    return json({ id, deleted: true });
  };
  const sdk = createSpokeStack({
    baseUrl: 'http://test',
    apiKey: 'sk_test',
    fetch: (request) => {
      requests.push(request.clone());
      return handle(request);
    },
  });
  return { sdk, requests, rows };
}

/** A `wrapper` for `render` / `renderHook`. */
export function providerFor(sdk: SpokeStack) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return <SpokeStackProvider client={sdk}>{children}</SpokeStackProvider>;
  };
}
