import { createHash } from 'node:crypto';
import type { AssetStatus, AssetType, LicenseType } from '@spokestack/core/dam';
import type { Json } from '../db/columns.js';
import type { FeatureSeed } from '../feature.js';
import { type SeedContext, daysAgo, insertMany, slugify } from '../demo/context.js';
import { placeholderPng } from '../demo/placeholder.js';
import { systemActor } from '../platform/context.js';
import { files } from '../platform/schema.js';
import { storageKey } from '../platform/storage.js';
import { type SniffedType, sniffType } from './media/index.js';
import { assetFolders, assetLibraries, assets, assetVersions } from './schema.js';
import { queueRenditions } from './uploads.js';

/** Gradients of the demo's images: brand blues, outdoor greens, health teals, warm accents. */
const palettes: [string, string][] = [
  ['#2563eb', '#0f172a'],
  ['#10b981', '#064e3b'],
  ['#14b8a6', '#1e3a8a'],
  ['#f59e0b', '#be123c'],
  ['#a855f7', '#1e1b4b'],
  ['#38bdf8', '#0c4a6e'],
  ['#84cc16', '#365314'],
];

type Kind = 'photo' | 'graphic' | 'logo' | 'video' | 'audio' | 'document' | 'presentation' | 'design';

const kinds: Record<Kind, { assetType: AssetType; folder: string; formats: { ext: string; mime: string; size: [number, number] }[] }> = {
  photo: { assetType: 'IMAGE_PHOTO', folder: 'Photography', formats: [{ ext: 'png', mime: 'image/png', size: [1.5e6, 9e6] }] },
  graphic: { assetType: 'IMAGE_GRAPHIC', folder: 'Graphics', formats: [{ ext: 'png', mime: 'image/png', size: [2e5, 3e6] }] },
  logo: {
    assetType: 'IMAGE_LOGO',
    folder: 'Logos',
    formats: [
      { ext: 'svg', mime: 'image/svg+xml', size: [4e3, 4e4] },
      { ext: 'png', mime: 'image/png', size: [2e4, 3e5] },
    ],
  },
  video: { assetType: 'VIDEO_EDITED', folder: 'Video', formats: [{ ext: 'mp4', mime: 'video/mp4', size: [1.5e7, 3e8] }] },
  audio: {
    assetType: 'AUDIO_MUSIC',
    folder: 'Audio',
    formats: [
      { ext: 'mp3', mime: 'audio/mpeg', size: [3e6, 1.2e7] },
      { ext: 'wav', mime: 'audio/wav', size: [2e7, 6e7] },
    ],
  },
  document: {
    assetType: 'DOC_REPORT',
    folder: 'Documents',
    formats: [
      { ext: 'pdf', mime: 'application/pdf', size: [3e5, 1.5e7] },
      { ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: [4e4, 4e5] },
    ],
  },
  presentation: {
    assetType: 'DOC_PRESENTATION',
    folder: 'Documents',
    formats: [
      { ext: 'pdf', mime: 'application/pdf', size: [2e6, 3e7] },
      { ext: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', size: [2e6, 3e7] },
    ],
  },
  design: {
    assetType: 'DESIGN_SOURCE',
    folder: 'Design files',
    formats: [
      { ext: 'psd', mime: 'image/vnd.adobe.photoshop', size: [4e7, 4e8] },
      { ext: 'ai', mime: 'application/postscript', size: [2e6, 6e7] },
    ],
  },
};

/** Each library's subjects per kind: names the agency would give its files. */
const plans = {
  northwind: {
    name: 'Northwind Brand',
    description: 'Our own identity, team photography, pitch decks and templates.',
    libraryType: 'BRAND',
    visibility: 'INTERNAL',
    holder: 'Northwind Creative',
    counts: { photo: 22, graphic: 8, logo: 6, presentation: 8, design: 6 } as Partial<Record<Kind, number>>,
    subjects: {
      photo: ['Team Offsite Mt Hood', 'Studio Portraits', 'Portland Office', 'Workshop Session', 'Client Review Day', 'Award Night'],
      graphic: ['Blog Header', 'Quote Card', 'Event Banner', 'Newsletter Header'],
      logo: ['Northwind Wordmark', 'Northwind Monogram', 'Northwind Lockup'],
      presentation: ['Credentials Deck', 'Capabilities Overview', 'Pitch — Retail', 'Pitch — Healthcare'],
      design: ['Social Template Kit', 'Deck Master', 'Email Header Templates'],
    } as Partial<Record<Kind, string[]>>,
    tags: ['northwind', 'brand'],
  },
  harbor: {
    name: 'Harbor & Pine',
    description: 'Product, lifestyle and campaign assets for Harbor & Pine Outfitters.',
    libraryType: 'CLIENT',
    visibility: 'CLIENT',
    holder: 'Harbor & Pine Outfitters',
    counts: { photo: 55, graphic: 12, video: 18, audio: 5, document: 6, design: 4 } as Partial<Record<Kind, number>>,
    subjects: {
      photo: [
        'Rain Shell Portland',
        'Trail Pack Mt Hood',
        'Commuter Ferry',
        'Pearl District Store',
        'Fleece Autumn',
        'Accessories Flatlay',
        'Holiday Gift Set',
        'Cyclist Downtown',
      ],
      graphic: ['Spring Sale Banner', 'Story Frame', 'Gift Guide Tile', 'Store Opening Poster'],
      video: ['Commuter Stories Dana', 'Commuter Stories Jonah', 'Rain Shell Launch Film', 'Repair Program Explainer', 'Holiday Cutdown'],
      audio: ['Launch Film Score', 'Podcast Spot'],
      document: ['Spring Campaign Brief', 'Brand Guidelines', 'Quarterly Performance Report'],
      design: ['Lookbook Layout', 'Packaging Dieline'],
    } as Partial<Record<Kind, string[]>>,
    tags: ['harbor-and-pine', 'retail'],
  },
  lumen: {
    name: 'Lumen Health',
    description: 'Approved imagery, webinar recordings and compliance-reviewed documents for Lumen Health.',
    libraryType: 'CLIENT',
    visibility: 'CLIENT',
    holder: 'Lumen Health, Inc.',
    counts: { photo: 20, graphic: 10, logo: 2, video: 8, audio: 3, document: 7 } as Partial<Record<Kind, number>>,
    subjects: {
      photo: ['Clinician With Tablet', 'Home Monitor Setup', 'Care Team Huddle', 'Device Closeup', 'Patient Video Call'],
      graphic: ['Webinar Promo', 'Stat Card', 'LinkedIn Carousel Slide'],
      logo: ['Lumen Logo', 'Lumen Monitor Logo'],
      video: ['Webinar Recording', 'Product Demo', 'Customer Story St Brigids'],
      audio: ['Webinar Voiceover', 'Product Demo Narration'],
      document: ['Claims Library', 'Webinar Brief', 'Fair Balance Statement', 'Campaign Results Report'],
    } as Partial<Record<Kind, string[]>>,
    tags: ['lumen-health', 'healthcare'],
  },
} as const;

type LibraryKey = keyof typeof plans;

/** A seeded asset, as the CMS part needs it (`seed.assets`): which file, of what, in which library. */
export interface DemoAsset {
  assetId: string;
  fileId: string;
  library: LibraryKey;
  kind: Kind;
  name: string;
  status: AssetStatus;
  usedInContent: string[];
}

const dimensions: Partial<Record<Kind, readonly (readonly [number, number])[]>> = {
  photo: [
    [6000, 4000],
    [4000, 6000],
    [5472, 3648],
  ],
  graphic: [
    [1080, 1080],
    [1080, 1350],
    [1200, 628],
    [1920, 1080],
  ],
  video: [
    [1920, 1080],
    [1080, 1920],
    [3840, 2160],
  ],
};

/**
 * The DAM: three libraries (the agency's brand and one per client) with folders by kind, and 200 assets,
 * each backed by a `files` row and its first version. Images get real (placeholder) bytes in the storage
 * and their renditions queued; videos, documents and the rest are metadata only.
 * Libraries, folders and files are written at once, and the assets listed in `seed.assets` for the
 * content to use; the asset rows at `finish`, once the CMS has filled in `usedInContent`, so each row
 * is written whole.
 */
export async function seedDam(ctx: SeedContext): Promise<FeatureSeed> {
  const { rng, organizationId } = ctx;
  const fileRows: (typeof files.$inferInsert)[] = [];
  const assetRows: (typeof assets.$inferInsert)[] = [];
  const versionRows: (typeof assetVersions.$inferInsert)[] = [];
  const folderRows: (typeof assetFolders.$inferInsert)[] = [];
  const libraryRows: (typeof assetLibraries.$inferInsert)[] = [];
  const seeded: DemoAsset[] = [];
  const withBytes: { assetId: string; fileId: string; type: SniffedType }[] = [];
  const uploaders = [ctx.users.owner, ctx.users.admin, ...ctx.users.members];

  for (const [key, plan] of Object.entries(plans) as [LibraryKey, (typeof plans)[LibraryKey]][]) {
    const clientId = key === 'harbor' ? ctx.clients.harbor : key === 'lumen' ? ctx.clients.lumen : null;
    const libraryId = ctx.id();
    libraryRows.push({
      id: libraryId,
      organizationId,
      name: plan.name,
      slug: slugify(plan.name),
      description: plan.description,
      libraryType: plan.libraryType,
      visibility: plan.visibility,
      clientId,
      createdById: ctx.users.owner,
      createdAt: daysAgo(ctx, 540),
    });
    const folders = new Map<string, string>();
    for (const kind of Object.keys(plan.counts) as Kind[]) {
      const name = kinds[kind].folder;
      if (folders.has(name)) continue;
      const id = ctx.id();
      folders.set(name, id);
      folderRows.push({
        id,
        organizationId,
        libraryId,
        name,
        slug: slugify(name),
        path: `/${slugify(name)}`,
        depth: 0,
        createdById: ctx.users.owner,
        createdAt: daysAgo(ctx, 540),
      });
    }

    for (const [kind, count] of Object.entries(plan.counts) as [Kind, number][]) {
      const subjects = plan.subjects[kind] ?? [];
      for (let n = 0; n < count; n++) {
        const subject = subjects[n % subjects.length]!;
        const number = Math.floor(n / subjects.length) + 1;
        const name = `${subject} ${String(number).padStart(2, '0')}`;
        const format = rng.pick(kinds[kind].formats);
        const fileName = `${slugify(name)}.${format.ext}`;
        const fileId = ctx.id();
        const assetId = ctx.id();
        const createdAt = daysAgo(ctx, rng.int(3, 520), rng.int(8, 18));
        const by = rng.pick(uploaders);
        const sizes = dimensions[kind];
        let [width, height] = sizes ? rng.pick(sizes) : kind === 'logo' ? [800, 400] : [null, null];
        // Drawn for every file, bytes or not, so the random stream (and the rest of the demo) stays the same.
        const size = Math.round(rng.float(format.size[0], format.size[1]));
        const fileKey = storageKey(organizationId, fileId, fileName);
        // Images get real bytes (a PNG gradient at most 640 px on its longer side; an SVG logo mark), and
        // their renditions are queued at `finish`, so thumbnails show; other files are metadata only.
        let stored: { size: number; checksum: string; type: SniffedType } | undefined;
        if ((format.mime === 'image/png' || format.mime === 'image/svg+xml') && width && height) {
          const scale = Math.min(1, 640 / Math.max(width, height));
          [width, height] = [Math.round(width * scale), Math.round(height * scale)];
          const [top, bottom] = palettes[(fileRows.length * 7) % palettes.length]!;
          const bytes =
            format.mime === 'image/png' ? placeholderPng(width, height, top, bottom) : logoSvg(width, height, top, bottom, name);
          await ctx.storage.put(fileKey, bytes, format.mime);
          stored = { size: bytes.byteLength, checksum: createHash('sha256').update(bytes).digest('hex'), type: sniffType(bytes) };
          withBytes.push({ assetId, fileId, type: stored.type });
        }
        fileRows.push({
          id: fileId,
          organizationId,
          name: fileName,
          mimeType: format.mime,
          size: stored?.size ?? size,
          storageKey: fileKey,
          checksum: stored?.checksum ?? null,
          width,
          height,
          clientId,
          uploadedById: by,
          createdAt,
        });
        const status = rng.weighted<AssetStatus>([
          ['APPROVED', 80],
          ['PENDING', 12],
          ['ARCHIVED', 5],
          ['REJECTED', 3],
        ]);
        const stock = kind === 'photo' && rng.chance(0.2);
        const license: LicenseType = stock
          ? 'ROYALTY_FREE'
          : kind === 'audio'
            ? 'RIGHTS_MANAGED'
            : key === 'northwind'
              ? 'OWNED'
              : kind === 'logo'
                ? 'CLIENT_PROVIDED'
                : 'EXCLUSIVE';
        assetRows.push({
          id: assetId,
          organizationId,
          libraryId,
          folderId: folders.get(kinds[kind].folder)!,
          fileId,
          name,
          slug: slugify(name),
          description: `${subject} — ${plan.name}.`,
          assetType: kind === 'audio' && subject.includes('Voiceover') ? 'AUDIO_VOICEOVER' : kinds[kind].assetType,
          metadata: metadataFor(ctx, kind, format.ext, width, height),
          tags: [
            ...plan.tags,
            kind,
            ...slugify(subject)
              .split('-')
              .filter((w) => w.length > 3)
              .slice(0, 2),
          ],
          status,
          approvedById: status === 'APPROVED' ? ctx.users.admin : null,
          approvedAt: status === 'APPROVED' ? new Date(createdAt.getTime() + rng.int(1, 72) * 3_600_000) : null,
          downloadCount: status === 'APPROVED' ? rng.int(0, 140) : 0,
          license,
          licenseDetails: stock ? { provider: 'Lightbox Stock', licenseId: `LBX-${rng.int(100000, 999999)}`, seats: 5 } : null,
          expiresAt: stock ? daysAgo(ctx, -rng.int(60, 700)) : null,
          copyrightHolder: stock ? 'Lightbox Stock' : plan.holder,
          copyrightYear: createdAt.getUTCFullYear(),
          usageRights: stock
            ? 'Web, social and print up to 250,000 copies; no resale.'
            : key === 'northwind'
              ? null
              : `For ${plan.holder} marketing only.`,
          sourceType: stock ? 'STOCK' : 'UPLOAD',
          createdById: by,
          createdAt,
          updatedAt: createdAt,
        });
        versionRows.push({
          organizationId,
          assetId,
          versionNumber: 1,
          fileId,
          changeType: 'INITIAL',
          changeNote: 'Uploaded',
          createdById: by,
          createdAt,
          isCurrentVersion: true,
        });
        seeded.push({ assetId, fileId, library: key, kind, name, status, usedInContent: [] });
      }
    }
  }

  await insertMany(ctx, assetLibraries, libraryRows);
  await insertMany(ctx, assetFolders, folderRows);
  await insertMany(ctx, files, fileRows);
  ctx.assets.push(...seeded);
  return {
    counts: { assets: seeded.length },
    async finish() {
      await insertMany(
        ctx,
        assets,
        assetRows.map((row, i) => ({ ...row, usedInContent: seeded[i]!.usedInContent })),
      );
      await insertMany(ctx, assetVersions, versionRows);
      // PENDING renditions and the processing job of every asset with bytes: the server's worker makes
      // them (COMPLETED, with real thumbnails) as soon as it runs, exactly as for an upload.
      const system = ctx.context(systemActor(), ctx.today);
      for (const asset of withBytes) await queueRenditions(ctx.tx, system, { id: asset.assetId, fileId: asset.fileId }, asset.type);
    },
  };
}

function metadataFor(ctx: SeedContext, kind: Kind, format: string, width: number | null, height: number | null): { [key: string]: Json } {
  const { rng } = ctx;
  switch (kind) {
    case 'photo':
    case 'graphic':
    case 'logo':
      return {
        width,
        height,
        dpi: kind === 'photo' ? 300 : 72,
        colorSpace: kind === 'photo' ? rng.pick(['sRGB', 'Adobe RGB']) : 'sRGB',
        format,
      };
    case 'video': {
      const duration = rng.int(6, 180);
      return {
        duration,
        fps: rng.pick([24, 25, 30]),
        resolution: `${width}x${height}`,
        codec: 'h264',
        bitrate: rng.int(6, 20) * 1_000_000,
      };
    }
    case 'audio':
      return { duration: rng.int(15, 240), sampleRate: 48_000, channels: 2, bitrate: format === 'wav' ? 2_304_000 : 320_000 };
    case 'document':
    case 'presentation':
      return { pageCount: rng.int(2, 60), wordCount: rng.int(400, 12_000) };
    case 'design':
      return {
        artboards: rng.int(1, 24),
        layers: rng.int(20, 600),
        fonts: rng.sample(['Inter', 'Söhne', 'GT America', 'Freight Text', 'IBM Plex Mono'], 2),
        colors: rng.sample(['#0F172A', '#2563EB', '#F59E0B', '#E11D48', '#10B981', '#F8FAFC'], 3),
      };
  }
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A logo mark as a real SVG: a gradient tile with the name's initials, `width`×`height`. */
function logoSvg(width: number, height: number, top: string, bottom: string, name: string): Buffer {
  const initials = escapeXml(
    name
      .split(/\s+/)
      .filter((w) => /^[A-Za-z]/.test(w))
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join(''),
  );
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
      `<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/>` +
      `<stop offset="1" stop-color="${bottom}"/></linearGradient></defs>` +
      `<rect width="${width}" height="${height}" rx="${Math.round(height / 8)}" fill="url(#g)"/>` +
      `<text x="50%" y="50%" dy="0.35em" text-anchor="middle" font-family="sans-serif" font-weight="700" ` +
      `font-size="${Math.round(height / 2.5)}" fill="#ffffff">${initials}</text></svg>`,
  );
}
