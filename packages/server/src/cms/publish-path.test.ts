import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, pngBytes, problem, type TestInstance } from '../testing/index.js';

// One readiness and publish path for the source and every locale, over HTTP (the SDK on app.request):
// the rules of issue 9 item 12, the readiness check on submit and approve (item 1), and the action row
// derived from it (item 2).

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let reviewedType: string;
let plainType: string;
let image: { id: string };
let clientId: string;
let clientUser: string;
const hour = 3_600_000;
const at = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  await t.sdk.platform.organization.update({ locales: ['en', 'fr'], defaultLocale: 'en' });
  image = await t.sdk.platform.files.upload(new Blob([pngBytes()], { type: 'image/png' }), { name: 'hero.png' });
  const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  clientId = acme.id;
  clientUser = (await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId })).id;
  const workflow = await t.sdk.cms.workflows.create({
    name: 'Editorial',
    stages: [{ name: 'Editor', status: 'IN_REVIEW', order: 1, assignTo: 'role:ADMIN' }],
  });
  const fields = [
    { name: 'title', type: 'text', required: true, localized: true },
    { name: 'price', type: 'number' },
    { name: 'hero', type: 'media' },
  ] as const;
  reviewedType = (
    await t.sdk.cms.contentTypes.create({ name: 'Product', slug: 'product', workflowId: workflow.id, schema: { fields: [...fields] } })
  ).id;
  plainType = (await t.sdk.cms.contentTypes.create({ name: 'Page', slug: 'page', schema: { fields: [...fields] } })).id;
});
afterAll(() => t.close());

const hero = () => ({ fileId: image.id, alt: 'A bottle' });
const product = (title: string, data: Record<string, unknown> = {}) =>
  t.sdk.cms.entries.create({ contentTypeId: reviewedType, data: { title, hero: hero(), ...data }, clientId });
const page = (title: string, data: Record<string, unknown> = {}) =>
  t.sdk.cms.entries.create({ contentTypeId: plainType, data: { title, hero: hero(), ...data } });
/** Submits and approves an entry through the one-stage workflow. */
async function approve(id: string) {
  const { revision } = await t.sdk.cms.entries.submit(id);
  return t.sdk.cms.revisions.approve(revision.id);
}
async function deliver(type: string, slug: string, locale?: string) {
  const reply = await t.request(`/v1/delivery/${type}/${slug}${locale ? `?locale=${locale}` : ''}`);
  return { status: reply.status, body: await reply.json() };
}

describe('one publish path for the source and every locale', () => {
  it('a translation obeys the workflow: it cannot go live over a never-approved draft', async () => {
    const entry = await product('Sparkling water', { price: 10 });
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Eau pétillante' }, status: 'APPROVED' });
    const refused = await problem(t.sdk.cms.entries.publish(entry.id, { locale: 'fr' }));
    expect(refused).toMatchObject({ status: 409, extensions: { blockers: ['source-not-live'] } });
    expect((await deliver('product', 'eau-petillante', 'fr')).status).toBe(404);
    // The source itself goes live only once approved, and then the translation may follow.
    expect(await problem(t.sdk.cms.entries.publish(entry.id))).toMatchObject({ status: 409, extensions: { blockers: ['not-approved'] } });
    await approve(entry.id);
    await t.sdk.cms.entries.publish(entry.id);
    expect((await t.sdk.cms.entries.publish(entry.id, { locale: 'fr' })).localization).toMatchObject({ publishedSlug: 'eau-petillante' });
  });

  it("a translation takes the non-localized fields from the source's published version, not its draft", async () => {
    const entry = await page('Still water', { price: 10 });
    await t.sdk.cms.entries.publish(entry.id);
    await t.sdk.cms.entries.update(entry.id, { data: { price: 99 } });
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Eau plate' }, status: 'APPROVED' });
    await t.sdk.cms.entries.publish(entry.id, { locale: 'fr' });
    expect((await deliver('page', 'still-water')).body.data.price).toBe(10);
    expect((await deliver('page', 'eau-plate', 'fr')).body).toMatchObject({ locale: 'fr', data: { title: 'Eau plate', price: 10 } });
    // Publishing the source takes 99 live; the translation follows at its next publish.
    await t.sdk.cms.entries.publish(entry.id);
    await t.sdk.cms.entries.publish(entry.id, { locale: 'fr' });
    expect((await deliver('page', 'eau-plate', 'fr')).body.data.price).toBe(99);
  });

  it("a translation's own slug falls back to the source once it is OUTDATED or IN_PROGRESS", async () => {
    const entry = await page('Good morning');
    await t.sdk.cms.entries.publish(entry.id);
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Bonjour' }, status: 'APPROVED' });
    await t.sdk.cms.entries.publish(entry.id, { locale: 'fr' });
    expect((await deliver('page', 'bonjour', 'fr')).body).toMatchObject({ locale: 'fr', fallback: false, title: 'Bonjour' });

    await t.sdk.cms.entries.update(entry.id, { data: { title: 'Good morning!' } });
    expect((await t.sdk.cms.entries.translations.get(entry.id, 'fr')).status).toBe('OUTDATED');
    expect((await deliver('page', 'bonjour', 'fr')).body).toMatchObject({
      id: entry.id,
      locale: 'en',
      fallback: true,
      title: 'Good morning',
    });

    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Bonjour !' }, status: 'IN_PROGRESS' });
    const inProgress = await deliver('page', 'bonjour', 'fr');
    expect(inProgress).toMatchObject({ status: 200, body: { id: entry.id, locale: 'en', fallback: true } });
    // Another organization's reader never reaches it.
    expect((await other.sdk.cms.delivery.get('page', 'bonjour', { locale: 'fr' }).catch((e) => e)).status).toBe(404);
  });

  it('editing an entry in review withdraws its pending review: reviewers never approve content changed after they were asked', async () => {
    const entry = await product('Tonic');
    const { revision } = await t.sdk.cms.entries.submit(entry.id);
    expect(await t.sdk.cms.entries.readiness(entry.id)).toMatchObject({ editEffect: 'returns-to-draft' });
    const edited = await t.sdk.cms.entries.update(entry.id, { data: { price: 3 } });
    expect(edited.status).toBe('DRAFT');
    const [withdrawn] = (await t.sdk.cms.entries.revisions(entry.id)).data;
    expect(withdrawn).toMatchObject({
      id: revision.id,
      status: 'SKIPPED',
      feedback: `Withdrawn: the entry was edited (version ${edited.version}) after it was submitted`,
    });
    expect(await problem(t.sdk.cms.revisions.approve(revision.id))).toMatchObject({ status: 409 });
    // An SEO-only edit is not a content change: the review stays.
    const again = await t.sdk.cms.entries.submit(entry.id);
    expect((await t.sdk.cms.entries.update(entry.id, { seoTitle: 'Tonic water' })).status).toBe('IN_REVIEW');
    expect((await t.sdk.cms.revisions.approve(again.revision.id)).entry.status).toBe('APPROVED');
  });

  it('editing an approved, scheduled entry withdraws the approval and cancels the scheduled publish', async () => {
    const entry = await product('Lemonade');
    await approve(entry.id);
    const schedule = await t.sdk.cms.schedules.create({ entryId: entry.id, action: 'PUBLISH', scheduledFor: at(hour) });
    expect((await t.sdk.cms.entries.get(entry.id)).status).toBe('SCHEDULED');
    expect((await t.sdk.cms.entries.update(entry.id, { data: { price: 4 } })).status).toBe('DRAFT');
    expect(await t.sdk.cms.schedules.get(schedule.id)).toMatchObject({ status: 'CANCELLED' });
    expect((await t.sdk.cms.entries.get(entry.id)).scheduledFor).toBeNull();
  });

  it('refuses at creation a schedule that cannot succeed', async () => {
    const draft = await product('Cola');
    // "Publish at" on a DRAFT under a workflow.
    const publishAt = await problem(t.sdk.cms.schedules.create({ entryId: draft.id, action: 'PUBLISH', scheduledFor: at(hour) }));
    expect(publishAt).toMatchObject({ status: 409, extensions: { blockers: ['not-approved'] } });
    expect(publishAt.detail).toMatch(/cannot be scheduled to publish: .*approved through the workflow/);
    // UPDATE of an entry that was never published.
    const neverLive = await page('Ginger ale');
    const update = await problem(t.sdk.cms.schedules.create({ entryId: neverLive.id, action: 'UPDATE', scheduledFor: at(hour) }));
    expect(update).toMatchObject({ status: 409 });
    expect(update.detail).toMatch(/not live and no publish is scheduled before then/);
    // A translation over a source that will not be live then.
    await t.sdk.cms.entries.translations.put(neverLive.id, 'fr', { data: { title: 'Soda gingembre' }, status: 'APPROVED' });
    expect(
      await problem(t.sdk.cms.schedules.create({ entryId: neverLive.id, action: 'PUBLISH', locale: 'fr', scheduledFor: at(hour) })),
    ).toMatchObject({ status: 409, extensions: { blockers: ['source-not-live'] } });
    // Content publish would refuse is refused now, naming the field.
    await t.sdk.cms.entries.update(neverLive.id, { data: { hero: { fileId: image.id } } });
    expect(await problem(t.sdk.cms.schedules.create({ entryId: neverLive.id, action: 'PUBLISH', scheduledFor: at(hour) }))).toMatchObject({
      status: 400,
      errors: [{ path: 'data.hero.alt', message: 'Alt text is required for images before publishing' }],
    });
    await t.sdk.cms.entries.update(neverLive.id, { data: { hero: hero() } });

    // What will be possible by then is accepted: a PUBLISH first, then the UPDATE and the translation after it.
    const publish = await t.sdk.cms.schedules.create({ entryId: neverLive.id, action: 'PUBLISH', scheduledFor: at(hour) });
    await t.sdk.cms.schedules.create({ entryId: neverLive.id, action: 'UPDATE', scheduledFor: at(2 * hour) });
    const fr = await t.sdk.cms.schedules.create({ entryId: neverLive.id, action: 'PUBLISH', locale: 'fr', scheduledFor: at(2 * hour) });
    t.clock.advance(hour);
    await t.runJobs();
    t.clock.advance(hour);
    await t.runJobs();
    expect((await t.sdk.cms.schedules.get(publish.id)).status).toBe('EXECUTED');
    expect(await t.sdk.cms.schedules.get(fr.id)).toMatchObject({ status: 'EXECUTED', error: null });
    expect((await deliver('page', 'soda-gingembre', 'fr')).body).toMatchObject({ locale: 'fr', fallback: false });
  });

  it('a preview of a never-published draft has no publishedAt; once published it shows when', async () => {
    const entry = await page('Coming soon');
    const { token } = await t.sdk.cms.previewTokens.create({ entryId: entry.id });
    expect(await t.sdk.cms.delivery.get('page', entry.slug, { preview: token })).toMatchObject({ preview: true, publishedAt: null });
    await t.sdk.cms.entries.publish(entry.id);
    expect((await t.sdk.cms.delivery.get('page', entry.slug, { preview: token })).publishedAt).toBe(t.clock.now().toISOString());
  });
});

describe('readiness: what publish requires is checked on submit and approve', () => {
  it('refuses to submit content publish would refuse, shows what blocks, and an approved entry can always be published', async () => {
    const entry = await product('Iced tea', { hero: { fileId: image.id } });
    const readiness = await t.sdk.cms.entries.readiness(entry.id);
    expect(readiness).toMatchObject({
      entryId: entry.id,
      locale: 'en',
      ready: false,
      editEffect: 'none',
      editEffectMessage: null,
      blockers: [
        { code: 'not-approved', path: null, message: expect.stringContaining('approved through the workflow "Editorial"') },
        { code: 'missing-alt-text', path: 'data.hero.alt', message: 'Alt text is required for images before publishing' },
      ],
    });
    expect(readiness.actions.find((a) => a.action === 'submit')).toEqual({
      action: 'submit',
      available: false,
      reason: 'Fix first: hero.alt: Alt text is required for images before publishing',
    });
    const refused = await problem(t.sdk.cms.entries.submit(entry.id));
    expect(refused).toMatchObject({ status: 400, errors: [{ path: 'data.hero.alt' }] });
    expect(refused.detail).toMatch(/^The entry cannot be submitted for review: data\.hero\.alt/);
    expect((await t.sdk.cms.entries.get(entry.id)).status).toBe('DRAFT');

    await t.sdk.cms.entries.update(entry.id, { data: { hero: hero() } });
    const { revision } = await t.sdk.cms.entries.submit(entry.id);
    const inReview = await t.sdk.cms.entries.readiness(entry.id);
    expect(inReview.blockers.map((b) => b.code)).toEqual(['not-approved']);
    expect(inReview.actions.find((a) => a.action === 'approve')).toMatchObject({ available: true });
    expect(inReview.actions.find((a) => a.action === 'publish')).toMatchObject({
      available: false,
      reason: 'Waiting for the review to finish',
    });

    await t.sdk.cms.revisions.approve(revision.id);
    const approved = await t.sdk.cms.entries.readiness(entry.id);
    expect(approved).toMatchObject({ ready: true, blockers: [], editEffect: 'returns-to-draft' });
    expect(approved.editEffectMessage).toMatch(/withdraws its approval/);
    expect((await t.sdk.cms.entries.publish(entry.id)).entry.status).toBe('PUBLISHED');
  });

  it('re-checks on approve: an entry that expired during its review cannot be approved', async () => {
    const entry = await product('Root beer', { expiresAt: undefined });
    await t.sdk.cms.entries.update(entry.id, { expiresAt: at(hour) });
    const { revision } = await t.sdk.cms.entries.submit(entry.id);
    t.clock.advance(hour);
    const refused = await problem(t.sdk.cms.revisions.approve(revision.id));
    expect(refused).toMatchObject({ status: 400, errors: [{ path: 'expiresAt' }] });
    expect(refused.detail).toMatch(/^The entry cannot be approved/);
    expect((await t.sdk.cms.entries.get(entry.id)).status).toBe('IN_REVIEW');
  });

  it("checks one translation's readiness", async () => {
    const entry = await page('Cold brew');
    const none = await t.sdk.cms.entries.readiness(entry.id, { locale: 'fr' });
    expect(none).toMatchObject({ locale: 'fr', ready: false, blockers: [{ code: 'no-translation' }] });
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Café froid' }, status: 'IN_PROGRESS' });
    expect((await t.sdk.cms.entries.readiness(entry.id, { locale: 'fr' })).blockers.map((b) => b.code)).toEqual([
      'translation-not-approved',
      'source-not-live',
    ]);
    await expect(t.sdk.cms.entries.readiness(entry.id, { locale: 'de' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'query.locale' }],
    });
  });
});

describe('the action row', () => {
  it('a published entry under a workflow offers submit and unpublish, not a disabled publish beside them', async () => {
    const entry = await product('Kombucha');
    await approve(entry.id);
    await t.sdk.cms.entries.publish(entry.id);
    const row = (await t.sdk.cms.entries.readiness(entry.id)).actions;
    const available = row.filter((a) => a.available).map((a) => a.action);
    expect(available).toEqual(['submit', 'unpublish', 'archive']);
    expect(row.find((a) => a.action === 'publish')?.reason).toBe('Already live; edit it to have something to publish');
    expect((await t.sdk.cms.entries.readiness(entry.id)).editEffect).toBe('stays-private');
  });

  it('a draft without a workflow offers publish and schedule; submit says why not', async () => {
    const entry = await page('Matcha');
    const row = (await t.sdk.cms.entries.readiness(entry.id)).actions;
    expect(row.filter((a) => a.available).map((a) => a.action)).toEqual(['publish', 'schedule', 'archive']);
    expect(row.find((a) => a.action === 'submit')?.reason).toBe('The content type has no approval workflow; publish directly');
  });

  it('a CLIENT member sees every change action unavailable, and only its client’s entries; another organization sees nothing', async () => {
    const client: SpokeStack = t.sdkFor((await t.sdk.platform.sessions.create({ userId: clientUser })).token);
    const entry = await product('Chai');
    const row = (await client.cms.entries.readiness(entry.id)).actions;
    expect(row.filter((a) => a.available)).toEqual([]);
    expect(row.find((a) => a.action === 'publish')?.reason).toBe('Client members can review and comment, not change entries');
    const internal = await page('Internal memo');
    await expect(client.cms.entries.readiness(internal.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.entries.readiness(entry.id)).rejects.toMatchObject({ status: 404 });
  });
});
