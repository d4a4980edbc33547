import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let member: SpokeStack;
let typeId: string;
let otherTypeId: string;
let acme: { id: string };
let globex: { id: string };

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  globex = await t.sdk.platform.clients.create({ name: 'Globex', slug: 'globex' });
  const max = await t.sdk.platform.users.create({ email: 'max@agency.test', name: 'Max' });
  member = t.sdkFor((await t.sdk.platform.sessions.create({ userId: max.id })).token);
  typeId = (
    await t.sdk.cms.contentTypes.create({
      name: 'Landing page',
      slug: 'landing',
      schema: {
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'subtitle', type: 'text' },
          { name: 'cta', type: 'text', required: true },
          { name: 'theme', type: 'select', options: [{ value: 'light' }, { value: 'dark' }] },
          { name: 'sections', type: 'blocks', blockTypes: ['cta', 'testimonial'] },
        ],
      },
    })
  ).id;
  otherTypeId = (
    await t.sdk.cms.contentTypes.create({
      name: 'Note',
      slug: 'note',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    })
  ).id;
});
afterAll(() => t.close());

describe('page templates', () => {
  const structure = {
    sections: [
      { type: 'hero', fields: ['title', 'subtitle'] },
      { type: 'footer', label: 'Call to action', fields: ['cta'] },
    ],
  };

  it('checks the structure and defaults against the content type, and builds entries with the defaults under the given data', async () => {
    const template = await t.sdk.cms.templates.create({
      name: 'Campaign landing',
      slug: 'campaign-landing',
      contentTypeId: typeId,
      structure,
      defaults: { cta: 'Book a call', theme: 'dark' },
    });
    expect(template).toMatchObject({ structure, defaults: { cta: 'Book a call', theme: 'dark' }, isActive: true });

    const unknown = await t.sdk.cms.templates
      .create({
        name: 'Bad',
        slug: 'bad',
        contentTypeId: typeId,
        structure: { sections: [{ type: 'hero', fields: ['title', 'heroImage'] }] },
        defaults: { theme: 'neon', nope: 1 },
      })
      .catch((e: { status: number; errors: { path: string }[] }) => e);
    expect(unknown).toMatchObject({ status: 400 });
    expect((unknown as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual([
      'body.defaults.nope',
      'body.defaults.theme',
      'body.structure.sections.0.fields.1',
    ]);
    await expect(
      t.sdk.cms.templates.create({ name: 'Bad', slug: 'bad', structure: { sections: [{ type: 'hero' }] } as never }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.structure.sections.0.fields' }] });
    await expect(t.sdk.cms.templates.create({ name: 'Dup', slug: 'campaign-landing', structure })).rejects.toMatchObject({ status: 409 });
    await expect(
      t.sdk.cms.templates.update(template.id, { structure: { sections: [{ type: 'x', fields: ['gone'] }] } }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.structure.sections.0.fields.0' }] });
    await expect(t.sdk.cms.templates.update(template.id, { contentTypeId: otherTypeId })).rejects.toMatchObject({ status: 400 });

    const entry = await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      templateId: template.id,
      data: { title: 'Spring campaign', theme: 'light' },
    });
    expect(entry.data).toEqual({ title: 'Spring campaign', cta: 'Book a call', theme: 'light' });
    // Without the template the required `cta` is missing.
    await expect(t.sdk.cms.entries.create({ contentTypeId: typeId, data: { title: 'No template' } })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.data.cta' }],
    });
    await expect(
      t.sdk.cms.entries.create({ contentTypeId: otherTypeId, templateId: template.id, data: { title: 'Wrong type' } }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.templateId', message: 'The page template is for another content type' }],
    });
    await t.sdk.cms.templates.update(template.id, { isActive: false });
    await expect(
      t.sdk.cms.entries.create({ contentTypeId: typeId, templateId: template.id, data: { title: 'Inactive' } }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.templateId' }] });
  });

  it('keeps templates of other organizations out of reach', async () => {
    const template = await t.sdk.cms.templates.create({ name: 'Ours', slug: 'ours', structure: { sections: [] } });
    await expect(other.sdk.cms.templates.get(template.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.templates.update(template.id, { name: 'Theirs' })).rejects.toMatchObject({ status: 404 });
    await expect(
      other.sdk.cms.templates.create({ name: 'X', slug: 'x', contentTypeId: typeId, structure: { sections: [] } }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.contentTypeId' }] });
    const theirType = await other.sdk.cms.contentTypes.create({
      name: 'Landing page',
      slug: 'landing',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    });
    await expect(
      other.sdk.cms.entries.create({ contentTypeId: theirType.id, templateId: template.id, data: { title: 'x' } }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.templateId' }] });
  });
});

describe('content blocks', () => {
  it('keeps usedInEntries exact across saves and deletes', async () => {
    const cta = await t.sdk.cms.blocks.create({
      name: 'Newsletter CTA',
      slug: 'newsletter-cta',
      blockType: 'cta',
      data: { label: 'Subscribe' },
      isGlobal: true,
    });
    const quote = await t.sdk.cms.blocks.create({
      name: 'Quote',
      slug: 'quote',
      blockType: 'testimonial',
      data: { text: 'Great' },
      isGlobal: true,
    });
    expect(cta.usedInEntries).toEqual([]);
    const a = await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      data: { title: 'A', cta: 'Go', sections: [{ blockId: cta.id }, { blockId: cta.id }, { type: 'cta', data: { label: 'Inline' } }] },
    });
    const b = await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      data: { title: 'B', cta: 'Go', sections: [{ blockId: cta.id }, { blockId: quote.id }] },
    });
    expect((await t.sdk.cms.blocks.get(cta.id)).usedInEntries.sort()).toEqual([a.id, b.id].sort());
    expect((await t.sdk.cms.blocks.get(quote.id)).usedInEntries).toEqual([b.id]);

    await t.sdk.cms.entries.update(b.id, { data: { sections: [{ blockId: quote.id }] } });
    expect((await t.sdk.cms.blocks.get(cta.id)).usedInEntries).toEqual([a.id]);
    await t.sdk.cms.entries.update(a.id, { data: { sections: null } });
    expect((await t.sdk.cms.blocks.get(cta.id)).usedInEntries).toEqual([]);
    await expect(t.sdk.cms.blocks.delete(quote.id)).rejects.toMatchObject({ status: 409 });
    await t.sdk.cms.entries.delete(b.id);
    expect((await t.sdk.cms.blocks.get(quote.id)).usedInEntries).toEqual([]);
    await expect(t.sdk.cms.blocks.delete(quote.id)).resolves.toMatchObject({ deleted: true });
    expect((await t.sdk.cms.blocks.list({ usedInEntries: a.id })).data).toEqual([]);
    // usedInEntries is the server's to keep.
    await expect(t.sdk.cms.blocks.update(cta.id, { usedInEntries: ['forged'] } as never)).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.usedInEntries' }],
    });
  });

  it('refuses edits of a locked block until an OWNER or ADMIN unlocks it', async () => {
    const block = await member.cms.blocks.create({
      name: 'Legal footer',
      slug: 'legal-footer',
      blockType: 'cta',
      data: { text: '© Acme' },
      isGlobal: true,
      isLocked: true,
    });
    const locked = await member.cms.blocks
      .update(block.id, { data: { text: 'changed' } })
      .catch((e: { status: number; errors: { path: string }[] }) => e);
    expect(locked).toMatchObject({ status: 409, errors: [{ path: 'body.data' }] });
    await expect(member.cms.blocks.update(block.id, { isLocked: false })).rejects.toMatchObject({ status: 403 });
    await expect(t.sdk.cms.blocks.delete(block.id)).rejects.toMatchObject({ status: 409 });
    expect((await t.sdk.cms.blocks.update(block.id, { isLocked: false })).isLocked).toBe(false);
    expect((await member.cms.blocks.update(block.id, { data: { text: '© Acme 2025' } })).data).toEqual({ text: '© Acme 2025' });
    expect((await member.cms.blocks.update(block.id, { isLocked: true })).isLocked).toBe(true);
    const actions = (await t.sdk.platform.activity.list({ entityId: block.id })).data.map((a) => a.action).reverse();
    expect(actions).toEqual(['created', 'unlocked', 'updated', 'locked']);
  });

  it('lets global blocks be used anywhere and non-global ones only by entries of their client', async () => {
    const global = await t.sdk.cms.blocks.create({ name: 'Everyone', slug: 'everyone', blockType: 'cta', data: {}, isGlobal: true });
    const acmeOnly = await t.sdk.cms.blocks.create({
      name: 'Acme promo',
      slug: 'acme-promo',
      blockType: 'cta',
      data: {},
      clientId: acme.id,
    });
    const agencyOnly = await t.sdk.cms.blocks.create({ name: 'Agency promo', slug: 'agency-promo', blockType: 'cta', data: {} });
    const forAcme = await t.sdk.cms.entries.create({
      contentTypeId: typeId,
      clientId: acme.id,
      data: { title: 'Acme page', cta: 'x', sections: [{ blockId: global.id }, { blockId: acmeOnly.id }] },
    });
    await expect(
      t.sdk.cms.entries.create({
        contentTypeId: typeId,
        clientId: globex.id,
        data: { title: 'Globex page', cta: 'x', sections: [{ blockId: global.id }, { blockId: acmeOnly.id }] },
      }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.data.sections.1.blockId', message: 'The block "acme-promo" is not global and belongs to another client' }],
    });
    await expect(
      t.sdk.cms.entries.create({
        contentTypeId: typeId,
        clientId: acme.id,
        data: { title: 'Mixed', cta: 'x', sections: [{ blockId: agencyOnly.id }] },
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      t.sdk.cms.entries.create({ contentTypeId: typeId, data: { title: 'Agency page', cta: 'x', sections: [{ blockId: agencyOnly.id }] } }),
    ).resolves.toMatchObject({ title: 'Agency page' });
    // Moving the entry to another client, or the block away from its users, is refused.
    await expect(t.sdk.cms.entries.update(forAcme.id, { clientId: globex.id })).rejects.toMatchObject({ status: 400 });
    await expect(t.sdk.cms.blocks.update(global.id, { isGlobal: false })).rejects.toMatchObject({ status: 409 });
    await expect(t.sdk.cms.blocks.update(acmeOnly.id, { clientId: globex.id })).rejects.toMatchObject({
      status: 409,
      errors: [{ path: 'body.clientId' }],
    });
    // A block of another type than the field accepts is refused by the field.
    const banner = await t.sdk.cms.blocks.create({ name: 'Banner', slug: 'banner', blockType: 'banner', data: {}, isGlobal: true });
    await expect(
      t.sdk.cms.entries.create({ contentTypeId: typeId, data: { title: 'Banner', cta: 'x', sections: [{ blockId: banner.id }] } }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.data.sections.0.blockId' }] });
  });

  it("treats another organization's blocks as missing", async () => {
    const block = await t.sdk.cms.blocks.create({ name: 'Private', slug: 'private', blockType: 'cta', data: {}, isGlobal: true });
    await expect(other.sdk.cms.blocks.get(block.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.blocks.update(block.id, { name: 'x' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.blocks.delete(block.id)).rejects.toMatchObject({ status: 404 });
    const theirType = await other.sdk.cms.contentTypes.create({
      name: 'Page',
      slug: 'page',
      schema: {
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'sections', type: 'blocks' },
        ],
      },
    });
    await expect(
      other.sdk.cms.entries.create({ contentTypeId: theirType.id, data: { title: 'x', sections: [{ blockId: block.id }] } }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.data.sections.0.blockId' }] });
    await expect(
      other.sdk.cms.blocks.create({ name: 'x', slug: 'x', blockType: 'cta', data: {}, clientId: acme.id }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.clientId' }] });
  });
});
