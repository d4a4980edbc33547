import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let entry: { id: string };
let brief: { id: string };

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  const type = await t.sdk.cms.contentTypes.create({
    name: 'Post',
    slug: 'post',
    schema: { fields: [{ name: 'title', type: 'text', required: true }] },
  });
  entry = await t.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Launch post' } });
  brief = await t.sdk.platform.briefs.create({ title: 'Q2 launch' });
});
afterAll(() => t.close());

describe('brief links', () => {
  it('links entries and briefs with a validated link type, listed from both sides', async () => {
    const second = await t.sdk.platform.briefs.create({ title: 'Brand refresh' });
    const link = await t.sdk.cms.briefLinks.create({ briefId: brief.id, contentEntryId: entry.id, linkType: 'deliverable' });
    expect(link).toMatchObject({ briefId: brief.id, contentEntryId: entry.id, linkType: 'deliverable' });
    t.clock.advance(1000);
    await t.sdk.cms.briefLinks.create({ briefId: second.id, contentEntryId: entry.id, linkType: 'reference' });
    await expect(t.sdk.cms.briefLinks.create({ briefId: brief.id, contentEntryId: entry.id, linkType: 'source' })).rejects.toMatchObject({
      status: 409,
    });
    await expect(
      t.sdk.cms.briefLinks.create({ briefId: brief.id, contentEntryId: entry.id, linkType: 'inspiration' as never }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.linkType' }] });
    await expect(t.sdk.cms.briefLinks.update(link.id, { linkType: 'whatever' as never })).rejects.toMatchObject({ status: 400 });

    const briefsOfEntry = await t.sdk.cms.entries.briefs(entry.id);
    expect(briefsOfEntry.data.map((d) => [d.brief.title, d.link.linkType])).toEqual([
      ['Q2 launch', 'deliverable'],
      ['Brand refresh', 'reference'],
    ]);
    const content = await t.sdk.cms.briefLinks.forBrief(brief.id);
    expect(content.data).toEqual([
      expect.objectContaining({
        link: expect.objectContaining({ id: link.id }),
        entry: expect.objectContaining({ id: entry.id, title: 'Launch post', status: 'DRAFT' }),
      }),
    ]);
    expect((await t.sdk.cms.briefLinks.update(link.id, { linkType: 'source' })).linkType).toBe('source');
    await t.sdk.cms.briefLinks.delete(link.id);
    expect((await t.sdk.cms.briefLinks.forBrief(brief.id)).data).toEqual([]);
    const actions = (await t.sdk.platform.activity.list({ entityId: entry.id })).data.map((a) => a.action).reverse();
    expect(actions).toEqual(['created', 'linked', 'linked', 'link_updated']);
  });

  it("treats another organization's briefs and entries as missing", async () => {
    const theirBrief = await other.sdk.platform.briefs.create({ title: 'Theirs' });
    await expect(
      t.sdk.cms.briefLinks.create({ briefId: theirBrief.id, contentEntryId: entry.id, linkType: 'source' }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.briefId' }] });
    await expect(
      other.sdk.cms.briefLinks.create({ briefId: theirBrief.id, contentEntryId: entry.id, linkType: 'source' }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.contentEntryId' }] });
    await expect(other.sdk.cms.entries.briefs(entry.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.briefLinks.forBrief(brief.id)).rejects.toMatchObject({ status: 404 });
    const link = await t.sdk.cms.briefLinks.create({ briefId: brief.id, contentEntryId: entry.id, linkType: 'source' });
    await expect(other.sdk.cms.briefLinks.update(link.id, { linkType: 'reference' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.briefLinks.delete(link.id)).rejects.toMatchObject({ status: 404 });
  });
});
