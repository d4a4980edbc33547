// STORY FIXTURE ONLY. An in-memory stand-in for the DAM calls the asset browser, share dialog and picker make,
// so stories show realistic libraries without a server. It is not the API: search, uploads, links and every
// rule run on the reference server in the component tests. Never import this outside stories/.
import { type Me, problemTypes, type SpokeStack, SpokeStackError } from '@spokestack/core';

export interface FakeDamOptions {
  /** The caller's role: CLIENT sees shared libraries read-only. */
  role?: Me['actor']['role'];
  /** How many assets the library holds (default 48; 10,000 for the scrolling story). */
  count?: number;
  /** Every rendition of the first asset failed (its detail dialog shows Retry). */
  failedRendition?: boolean;
  /** Every third asset's licence has run out. */
  expired?: boolean;
  /** Every call waits forever: the loading state. */
  hang?: boolean;
  /** A link that has used up its downloads. */
  usedUp?: boolean;
}

const words = ['Harbour', 'Citrus', 'Meadow', 'Skyline', 'Studio', 'Dune', 'Orchard', 'Lagoon', 'Canyon', 'Atrium', 'Festival', 'Glacier'];
const hues = [12, 28, 45, 140, 170, 200, 220, 260, 290, 330];
const at = '2026-05-04T09:00:00.000Z';

/** A gradient picture as an SVG data URL: the "thumbnail" and, tiny, the blur placeholder. */
const picture = (hue: number, size: number) =>
  `data:image/svg+xml,${encodeURIComponent(
    [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${size * 4}" height="${size * 3}">`,
      `<defs>`,
      `<linearGradient id="g" x1="0" y1="0" x2="1" y2="1">`,
      `<stop offset="0" stop-color="hsl(${hue} 70% 62%)"/>`,
      `<stop offset="1" stop-color="hsl(${(hue + 60) % 360} 60% 38%)"/>`,
      `</linearGradient>`,
      `</defs>`,
      `<rect width="100%" height="100%" fill="url(#g)"/>`,
      `<circle cx="${size * 2.9}" cy="${size * 0.9}" r="${size * 0.45}" fill="hsl(${hue} 90% 88%)" opacity=".8"/>`,
      `<path d="M0 ${size * 2.4} L${size * 1.4} ${size * 1.3} L${size * 2.4} ${size * 2.1} L${size * 3} ${size * 1.6}`,
      ` L${size * 4} ${size * 2.5} V${size * 3} H0Z" fill="hsl(${(hue + 180) % 360} 35% 22%)" opacity=".55"/>`,
      `</svg>`,
    ].join(''),
  )}`;

function assetAt(i: number, options: FakeDamOptions) {
  const hue = hues[i % hues.length]!;
  const expired = options.expired && i % 3 === 1;
  return {
    id: `ast_${i}`,
    organizationId: 'org_story',
    libraryId: 'lib_brand',
    folderId: i % 4 === 0 ? 'fld_spring' : null,
    fileId: `fil_${i}`,
    name: `${words[i % words.length]} ${String(i + 1).padStart(4, '0')}`,
    slug: `asset-${i}`,
    description: null,
    assetType: i % 9 === 8 ? 'DOC_BRIEF' : 'IMAGE_PHOTO',
    metadata: { width: 4000, height: 3000, format: 'jpeg', placeholder: { dataUrl: picture(hue, 8) } },
    aiMetadata: null,
    tags: ['campaign', i % 2 ? 'summer' : 'spring'],
    categoryId: null,
    status: expired ? 'EXPIRED' : i % 11 === 5 ? 'PENDING' : 'APPROVED',
    approvedById: null,
    approvedAt: null,
    downloadCount: 0,
    lastDownloadedAt: null,
    usedInBriefs: [],
    usedInContent: [],
    license: 'RIGHTS_MANAGED',
    licenseDetails: null,
    expiresAt: expired ? '2026-04-30T00:00:00.000Z' : '2027-01-01T00:00:00.000Z',
    copyrightHolder: 'Northwind Studio',
    copyrightYear: 2026,
    usageRights: null,
    sourceType: 'UPLOAD',
    sourceUrl: null,
    externalId: null,
    createdById: 'usr_alex',
    lastEditedById: null,
    createdAt: at,
    updatedAt: at,
    rank: null,
  };
}

const renditionTypes = ['THUMBNAIL_SMALL', 'THUMBNAIL_MEDIUM', 'THUMBNAIL_LARGE', 'PREVIEW', 'WEB_OPTIMIZED', 'SOCIAL_SQUARE'];

/**
 * An SDK answering the DAM calls from memory, after a short delay like a network's.
 *
 * @example parameters: { spokestack: { client: fakeDamSdk({ count: 10_000 }) } }
 */
export function fakeDamSdk(options: FakeDamOptions = {}): SpokeStack {
  const { role = 'ADMIN', count = 48, hang } = options;
  const me: Me = {
    organizationId: 'org_story',
    actor: { type: 'user', id: 'usr_alex', name: 'Alex Morgan', role, clientId: role === 'CLIENT' ? 'cli_northwind' : null },
  };
  const assets = Array.from({ length: count }, (_, i) => assetAt(i, options));
  const folders = [
    { id: 'fld_campaigns', name: 'Campaigns', parentId: null, depth: 0, path: '/campaigns' },
    { id: 'fld_spring', name: 'Spring 2026', parentId: 'fld_campaigns', depth: 1, path: '/campaigns/spring-2026' },
    { id: 'fld_summer', name: 'Summer 2026', parentId: 'fld_campaigns', depth: 1, path: '/campaigns/summer-2026' },
    { id: 'fld_logos', name: 'Logos', parentId: null, depth: 0, path: '/logos' },
  ].map((f) => ({
    ...f,
    organizationId: 'org_story',
    libraryId: 'lib_brand',
    slug: f.id,
    description: null,
    color: null,
    defaultMetadata: {},
    createdById: 'usr_alex',
    createdAt: at,
    updatedAt: at,
  }));
  const shares = (
    [
      ['shr_1', 'ann@harbor-pine.test', 'COMMENT'],
      ['shr_2', 'ravi@harbor-pine.test', 'DOWNLOAD'],
      ['shr_3', 'lee.morgan@lumen-health.test', 'VIEW'],
    ] as const
  ).map(([id, email, accessLevel]) => ({
    id,
    organizationId: 'org_story',
    collectionId: 'col_spring',
    email,
    clientContactId: null,
    accessLevel,
    expiresAt: null,
    lastAccessedAt: null,
    accessCount: 0,
    createdById: 'usr_alex',
    createdAt: at,
  }));
  const links = [
    {
      id: 'lnk_1',
      organizationId: 'org_story',
      assetId: 'ast_0',
      token: 'Zm9yLXN0b3JpZXMtb25seS0xMjM0NTY3',
      url: '/v1/dam/public/links/Zm9yLXN0b3JpZXMtb25seS0xMjM0NTY3/download',
      allowDownload: true,
      expiresAt: '2026-06-01T00:00:00.000Z',
      hasPassword: true,
      maxDownloads: 5,
      downloadCount: 2,
      createdById: 'usr_alex',
      createdAt: at,
    },
  ];

  const call = async <T>(answer: () => T, latency = 250): Promise<T> => {
    if (hang) return new Promise<T>(() => {});
    await new Promise((resolve) => setTimeout(resolve, latency));
    return structuredClone(answer());
  };
  const page = <T>(rows: T[], cursor?: string, limit = 100) => {
    const from = Number(cursor ?? 0);
    const next = from + limit < rows.length ? String(from + limit) : null;
    return { data: rows.slice(from, from + limit), nextCursor: next };
  };
  const matches = (query: Record<string, string | undefined>) =>
    assets.filter(
      (a) =>
        (!query.q || a.name.toLowerCase().includes(query.q.toLowerCase())) &&
        (!query.folderId || a.folderId === query.folderId) &&
        (!query.assetType || query.assetType.split(',').includes(a.assetType)) &&
        (!query.status || query.status.split(',').includes(a.status)),
    );
  const renditions = (assetId: string) => {
    const i = Number(assetId.replace('ast_', ''));
    const failed = options.failedRendition && i === 0;
    return renditionTypes.map((renditionType, n) => ({
      id: `rnd_${i}_${n}`,
      organizationId: 'org_story',
      assetId,
      renditionType,
      fileId: `fil_${i}_${n}`,
      width: 400 * (n + 1),
      height: 300 * (n + 1),
      quality: 80,
      format: 'webp',
      duration: null,
      startTime: null,
      status: failed && n > 0 ? 'FAILED' : 'COMPLETED',
      error: failed && n > 0 ? 'sharp: Input buffer has corrupt header' : null,
      createdAt: at,
      url: failed && n > 0 ? null : picture(hues[i % hues.length]!, 60),
    }));
  };

  const sdk = {
    // Rendition "URLs" are data URLs already.
    http: { url: (path: string) => path },
    platform: { me: () => call(() => me) },
    dam: {
      libraries: {
        list: () => call(() => ({ data: [{ id: 'lib_brand', name: 'Brand', slug: 'brand' }], nextCursor: null })),
      },
      folders: {
        list: () => call(() => ({ data: folders, nextCursor: null })),
        async *iterate() {
          yield* await call(() => folders);
        },
      },
      assets: {
        search: (query: Record<string, string | undefined> = {}) => call(() => page(matches(query), query.cursor)),
        get: (id: string) => call(() => assets.find((a) => a.id === id) ?? raise(problem(404, 'Not Found'))),
        renditions: (id: string) => call(() => ({ data: renditions(id) })),
        whereUsed: () =>
          call(() => ({
            content: [{ entryId: 'ent_1', title: 'Spring launch — landing page', fieldName: 'hero', status: 'PUBLISHED' }],
            briefs: [{ briefId: 'brf_1', title: 'Spring campaign brief', linkType: 'REFERENCE' }],
          })),
        move: () => call(() => ({ moved: 0 })),
      },
      versions: {
        list: ({ assetId }: { assetId: string }) =>
          call(() => ({
            data: [2, 1].map((n) => ({
              id: `ver_${n}`,
              organizationId: 'org_story',
              assetId,
              versionNumber: n,
              fileId: 'fil',
              changeNote: n === 2 ? 'Colour-corrected' : null,
              changeType: n === 2 ? 'REVISION' : 'INITIAL',
              diffMetadata: null,
              createdById: 'usr_alex',
              isCurrentVersion: n === 2,
              createdAt: at,
            })),
            nextCursor: null,
          })),
        restore: () => call(() => ({})),
      },
      renditions: { retry: () => call(() => ({})) },
      comments: {
        list: () =>
          call(() => ({
            data: [
              {
                id: 'cmt_1',
                content: 'Logo a little larger here',
                annotation: { type: 'point', x: 0.72, y: 0.3 },
                isResolved: false,
                replies: [],
              },
              { id: 'cmt_2', content: 'Warmer sky, please', annotation: { type: 'point', x: 0.3, y: 0.18 }, isResolved: true, replies: [] },
            ],
            nextCursor: null,
          })),
        create: () => call(() => ({})),
      },
      collectionShares: {
        list: () => call(() => ({ data: shares, nextCursor: null })),
        create: () => call(() => shares[0]),
        update: () => call(() => shares[0]),
        delete: () => call(() => ({})),
      },
      links: {
        list: () => call(() => ({ data: links, nextCursor: null })),
        create: () => call(() => links[0]),
        revoke: () => call(() => ({})),
        view: () =>
          call(() => ({
            asset: { name: 'Harbour 0001.jpg', assetType: 'IMAGE_PHOTO', mimeType: 'image/jpeg', size: 4_812_000 },
            allowDownload: true,
            hasPassword: true,
            expiresAt: '2026-06-01T00:00:00.000Z',
            downloadsLeft: options.usedUp ? 0 : 3,
          })),
        download: () => call(() => raise(problem(403, 'Forbidden', 'This link needs its password'))),
      },
    },
  };
  return sdk as unknown as SpokeStack;
}

const raise = (error: Error): never => {
  throw error;
};

const problem = (status: number, title: string, detail?: string) =>
  new SpokeStackError({ type: status === 404 ? problemTypes.notFound : problemTypes.forbidden, title, status, detail });
