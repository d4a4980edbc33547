import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { photoJpeg } from './media/test-files.js';

let t: TestInstance;
let libraryId: string;
let typeId: string;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  libraryId = (await t.sdk.dam.libraries.create({ name: 'Stock', slug: 'stock' })).id;
  typeId = (
    await t.sdk.cms.contentTypes.create({
      name: 'Page',
      slug: 'page',
      schema: {
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'hero', type: 'media' },
          { name: 'gallery', type: 'media', multiple: true },
        ],
      },
    })
  ).id;
});
afterAll(() => t.close());

const upload = async (name: string) =>
  (await t.sdk.dam.assets.upload({ libraryId, file: await photoJpeg({ width: 48, height: 32 }), fileName: `${name}.jpg` })).asset;
const actions = async (entityId: string) => (await t.sdk.platform.activity.list({ entityId, limit: 200 })).data.map((a) => a.action);

describe('rights expiry', () => {
  it('the daily job marks expired assets EXPIRED, warns 14 days ahead once, and reaches the entries and briefs using them', async () => {
    const beach = await upload('beach');
    const city = await upload('city');
    const forest = await upload('forest');
    // The entry uses the first version of beach's file; the asset moves on to a second version.
    const page = await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      data: { title: 'Summer sale', hero: { fileId: beach.fileId, alt: 'Beach' }, gallery: [{ fileId: city.fileId, alt: 'City' }] },
    });
    const other = await t.sdk.cms.entries.create({ contentTypeId: typeId, data: { title: 'About', gallery: [{ fileId: beach.fileId }] } });
    await t.sdk.dam.assets.uploadVersion(beach.id, { file: await photoJpeg({ width: 64, height: 32 }) });
    const brief = await t.sdk.platform.briefs.create({ title: 'Summer campaign' });
    await t.sdk.dam.briefLinks.create({ briefId: brief.id, assetId: beach.id, linkType: 'deliverable' });

    expect(await t.sdk.dam.assets.whereUsed(beach.id)).toEqual({
      content: [
        { entryId: other.id, title: 'About', fieldName: 'gallery', status: 'DRAFT' },
        { entryId: page.id, title: 'Summer sale', fieldName: 'hero', status: 'DRAFT' },
      ],
      briefs: [{ briefId: brief.id, title: 'Summer campaign', linkType: 'deliverable' }],
    });

    await t.sdk.dam.assets.update(beach.id, {
      license: 'RIGHTS_MANAGED',
      expiresAt: '2025-03-02T00:00:00Z',
      licenseDetails: { ref: 'GI-1' },
    });
    await t.sdk.dam.assets.update(city.id, { license: 'ROYALTY_FREE', expiresAt: '2025-03-10T00:00:00Z' });
    await t.sdk.dam.assets.update(forest.id, { license: 'OWNED', expiresAt: '2026-01-01T00:00:00Z' });
    const link = await t.sdk.dam.links.create({ assetId: beach.id });

    // Nothing happens before the job's tick (02:00 UTC).
    await t.runJobs();
    expect((await t.sdk.dam.assets.get(beach.id)).status).not.toBe('EXPIRED');

    t.clock.set(new Date('2025-03-02T02:00:01Z'));
    await t.runJobs();
    const expired = await t.sdk.dam.assets.get(beach.id);
    expect(expired).toMatchObject({ status: 'EXPIRED', usedInBriefs: [brief.id] });
    expect([...expired.usedInContent].sort()).toEqual([page.id, other.id].sort());
    const note = (await t.sdk.platform.activity.list({ entityId: beach.id, limit: 200 })).data.find((a) => a.action === 'license_expired');
    expect(note).toMatchObject({ actorType: 'system', metadata: { expiresAt: '2025-03-02T00:00:00.000Z', usedInBriefs: [brief.id] } });
    expect(await actions(page.id)).toContain('media_expired');
    expect(await actions(other.id)).toContain('media_expired');
    // Expired: no longer shared, no new links.
    expect((await problem(t.sdkFor('').dam.links.download(link.token))).status).toBe(410);
    expect((await problem(t.sdk.dam.links.create({ assetId: beach.id }))).status).toBe(409);

    // City is within 14 days: warned once, on it and on the page using it; forest is far off.
    expect((await t.sdk.dam.assets.get(city.id)).status).not.toBe('EXPIRED');
    expect(await actions(city.id)).toContain('license_expiring');
    expect(await actions(page.id)).toContain('media_expiring');
    expect(await actions(forest.id)).not.toContain('license_expiring');
    expect((await t.sdk.dam.assets.get(city.id)).usedInContent).toEqual([page.id]);

    // The next day's run warns no one twice; a licence extended to a new date inside the window is announced again.
    t.clock.set(new Date('2025-03-03T02:00:01Z'));
    await t.runJobs();
    expect((await actions(city.id)).filter((a) => a === 'license_expiring')).toHaveLength(1);
    await t.sdk.dam.assets.update(city.id, { expiresAt: '2025-03-12T00:00:00Z' });
    t.clock.set(new Date('2025-03-04T02:00:01Z'));
    await t.runJobs();
    expect((await actions(city.id)).filter((a) => a === 'license_expiring')).toHaveLength(2);
    expect((await actions(beach.id)).filter((a) => a === 'license_expired')).toHaveLength(1);

    t.clock.set(new Date('2025-03-12T02:00:01Z'));
    await t.runJobs();
    expect((await t.sdk.dam.assets.get(city.id)).status).toBe('EXPIRED');
    expect((await t.sdk.dam.assets.get(forest.id)).status).not.toBe('EXPIRED');
  });

  it('where-used follows the entries as they change and stays inside the organization and visibility', async () => {
    const asset = await upload('logo');
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      data: { title: 'Home', hero: { fileId: asset.fileId, alt: 'Logo' } },
    });
    expect((await t.sdk.dam.assets.whereUsed(asset.id)).content.map((c) => c.entryId)).toEqual([entry.id]);
    await t.sdk.cms.entries.update(entry.id, { data: { title: 'Home', hero: null }, version: entry.version });
    expect((await t.sdk.dam.assets.whereUsed(asset.id)).content).toEqual([]);

    const rival = await t.createOrg('Rival Agency');
    expect((await problem(rival.sdk.dam.assets.whereUsed(asset.id))).status).toBe(404);
    const hidden = await t.sdk.dam.libraries.create({ name: 'Board', slug: 'board', allowedRoles: ['ADMIN'] });
    const secret = (await t.sdk.dam.assets.upload({ libraryId: hidden.id, file: await photoJpeg({ width: 16, height: 16 }) })).asset;
    const user = await t.sdk.platform.users.create({ email: 'm@agency.test', name: 'Mo', role: 'MEMBER' });
    const mo = t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id })).token);
    expect((await problem(mo.dam.assets.whereUsed(secret.id))).status).toBe(404);
  });

  it('an entry using EXPIRED media is flagged in the CMS list and reply; delivery drops the media and its URL answers 410', async () => {
    const sun = await upload('sun');
    const sea = await upload('sea');
    const entry = await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      data: {
        title: 'Beach day',
        hero: { fileId: sun.fileId, alt: 'Sun' },
        gallery: [
          { fileId: sea.fileId, alt: 'Sea' },
          { fileId: sun.fileId, alt: 'Sun' },
        ],
      },
    });
    expect(entry.expiredMedia).toEqual([]);
    const published = (await t.sdk.cms.entries.publish(entry.id)).entry;
    const key = await t.sdk.platform.apiKeys.create({ name: 'Website', kind: 'PUBLISHABLE' });
    const site = t.sdkFor(key.secret);
    const mediaUrl = `/v1/delivery/media/${entry.id}/${sun.fileId}`;
    expect((await t.app.request(mediaUrl)).status).toBe(200);

    await t.sdk.dam.assets.update(sun.id, { expiresAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString() });
    t.clock.set(new Date(Math.ceil((t.clock.now().getTime() + 3_600_000) / 86_400_000) * 86_400_000 + 2 * 3_600_000 + 1000));
    await t.runJobs();
    expect((await t.sdk.dam.assets.get(sun.id)).status).toBe('EXPIRED');

    const flagged = [
      { fieldName: 'gallery', fileId: sun.fileId },
      { fieldName: 'hero', fileId: sun.fileId },
    ];
    expect((await t.sdk.cms.entries.get(entry.id)).expiredMedia).toEqual(flagged);
    const listed = (await t.sdk.cms.entries.list({ contentTypeId: typeId, limit: 200 })).data;
    expect(listed.find((e) => e.id === entry.id)!.expiredMedia).toEqual(flagged);
    expect(listed.find((e) => e.title === 'Home')!.expiredMedia).toEqual([]);

    const delivered = await site.cms.delivery.get('page', published.slug!);
    expect(delivered.data.hero).toBeNull();
    expect(delivered.data.gallery).toEqual([
      { fileId: sea.fileId, alt: 'Sea', url: `http://spokestack.test/v1/delivery/media/${entry.id}/${sea.fileId}` },
    ]);
    expect((await t.app.request(mediaUrl)).status).toBe(410);
    expect((await t.app.request(`/v1/delivery/media/${entry.id}/${sea.fileId}`)).status).toBe(200);

    // A renewed licence brings the media back.
    await t.sdk.dam.assets.update(sun.id, { status: 'APPROVED', expiresAt: null });
    expect((await t.sdk.cms.entries.get(entry.id)).expiredMedia).toEqual([]);
    expect((await site.cms.delivery.get('page', published.slug!)).data.hero).toMatchObject({ fileId: sun.fileId });
    expect((await t.app.request(mediaUrl)).status).toBe(200);
  });
});
