import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let typeId: string;
let image: { id: string };
const minute = 60_000;
const hour = 60 * minute;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  await t.sdk.platform.organization.update({ locales: ['en', 'fr'], defaultLocale: 'en' });
  image = await t.sdk.platform.files.upload(new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }), { name: 'hero.jpg' });
  typeId = (
    await t.sdk.cms.contentTypes.create({
      name: 'Article',
      slug: 'article',
      schema: {
        fields: [
          { name: 'title', type: 'text', required: true, localized: true },
          { name: 'hero', type: 'media' },
          { name: 'body', type: 'text' },
        ],
      },
    })
  ).id;
});
afterAll(() => t.close());

const at = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
const article = (title: string, extra: Record<string, unknown> = {}) =>
  t.sdk.cms.entries.create({ contentTypeId: typeId, data: { title, hero: { fileId: image.id, alt: 'Hero' } }, ...extra });
const live = async (slug: string) => (await t.request(`/v1/delivery/article/${slug}`)).status === 200;

describe('publishing now', () => {
  it('publishes and unpublishes, refusing invalid content, missing alt text and a stale version', async () => {
    const entry = await article('Ready to go');
    await expect(t.sdk.cms.entries.unpublish(entry.id)).rejects.toMatchObject({ status: 409 });
    await expect(t.sdk.cms.entries.publish(entry.id, { version: 99 })).rejects.toMatchObject({ status: 409 });
    const { entry: published, localization } = await t.sdk.cms.entries.publish(entry.id, { version: entry.version });
    expect(published).toMatchObject({ status: 'PUBLISHED', publishedAt: t.clock.now().toISOString() });
    expect(localization).toBeNull();
    expect(await live('ready-to-go')).toBe(true);
    expect((await t.sdk.cms.entries.unpublish(entry.id)).entry.status).toBe('UNPUBLISHED');
    expect(await live('ready-to-go')).toBe(false);

    const noAlt = await article('No alt');
    await t.sdk.cms.entries.update(noAlt.id, { data: { hero: { fileId: image.id } } });
    await expect(t.sdk.cms.entries.publish(noAlt.id)).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'data.hero.alt', message: 'Alt text is required for images before publishing' }],
    });
    // A non-image file needs no alt text.
    const pdf = await t.sdk.platform.files.upload(new Blob(['%PDF'], { type: 'application/pdf' }), { name: 'brochure.pdf' });
    await t.sdk.cms.entries.update(noAlt.id, { data: { hero: { fileId: pdf.id } } });
    await expect(t.sdk.cms.entries.publish(noAlt.id)).resolves.toMatchObject({ entry: { status: 'PUBLISHED' } });

    const expired = await article('Expired', { expiresAt: at(-hour) });
    await expect(t.sdk.cms.entries.publish(expired.id)).rejects.toMatchObject({ status: 400, errors: [{ path: 'expiresAt' }] });
  });

  it('publishes one locale at a time', async () => {
    const entry = await article('Hello');
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Bonjour' }, status: 'IN_PROGRESS' });
    await expect(t.sdk.cms.entries.publish(entry.id, { locale: 'fr' })).rejects.toMatchObject({ status: 409 });
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Bonjour' }, status: 'APPROVED' });
    // A translation goes live over its published source.
    await expect(t.sdk.cms.entries.publish(entry.id, { locale: 'fr' })).rejects.toMatchObject({
      status: 409,
      extensions: { blockers: ['source-not-live'] },
    });
    await t.sdk.cms.entries.publish(entry.id);
    await t.sdk.cms.entries.unpublish(entry.id);
    await expect(t.sdk.cms.entries.publish(entry.id, { locale: 'fr' })).rejects.toMatchObject({ status: 409 });
    await t.sdk.cms.entries.publish(entry.id);
    const { entry: source, localization } = await t.sdk.cms.entries.publish(entry.id, { locale: 'fr' });
    expect(localization).toMatchObject({ locale: 'fr', publishedSlug: 'bonjour', publishedTitle: 'Bonjour' });
    expect(source.status).toBe('PUBLISHED');
    await expect(t.sdk.cms.entries.publish(entry.id, { locale: 'de' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.locale' }],
    });
    expect((await t.sdk.cms.entries.unpublish(entry.id, { locale: 'fr' })).localization).toMatchObject({ publishedSlug: null });
  });

  it('requires ogImageId to be a file of the same organization', async () => {
    const theirs = await other.sdk.platform.files.upload(new Blob([new Uint8Array([9])], { type: 'image/png' }), { name: 'theirs.png' });
    await expect(article('OG', { ogImageId: theirs.id })).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.ogImageId' }] });
    const entry = await article('OG', { ogImageId: image.id });
    await expect(t.sdk.cms.entries.update(entry.id, { ogImageId: theirs.id })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.ogImageId' }],
    });
  });

  it('archives (every locale offline, schedules cancelled) and unarchives as a draft', async () => {
    const entry = await article('To archive');
    await t.sdk.cms.entries.publish(entry.id);
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'À archiver' }, status: 'APPROVED' });
    await t.sdk.cms.entries.publish(entry.id, { locale: 'fr' });
    const pending = await t.sdk.cms.schedules.create({ entryId: entry.id, action: 'UNPUBLISH', scheduledFor: at(hour) });
    const archived = await t.sdk.cms.entries.archive(entry.id);
    expect(archived).toMatchObject({ status: 'ARCHIVED', publishedSlug: null });
    expect((await t.sdk.cms.entries.translations.get(entry.id, 'fr')).publishedSlug).toBeNull();
    expect(await t.sdk.cms.schedules.get(pending.id)).toMatchObject({ status: 'CANCELLED', error: 'Entry archived' });
    await expect(t.sdk.cms.entries.archive(entry.id)).rejects.toMatchObject({ status: 409 });
    await expect(t.sdk.cms.entries.publish(entry.id)).rejects.toMatchObject({ status: 409 });
    expect((await t.sdk.cms.entries.unarchive(entry.id)).status).toBe('DRAFT');
  });
});

describe('schedules', () => {
  it('runs PUBLISH, UPDATE and UNPUBLISH at their time on the job queue', async () => {
    const entry = await article('Launch day');
    const publish = await t.sdk.cms.schedules.create({ entryId: entry.id, action: 'PUBLISH', scheduledFor: at(2 * hour) });
    expect(publish).toMatchObject({ status: 'PENDING', action: 'PUBLISH', locale: null, createdById: expect.any(String) });
    expect(await t.sdk.cms.entries.get(entry.id)).toMatchObject({ status: 'SCHEDULED', scheduledFor: publish.scheduledFor });

    t.clock.advance(2 * hour - 1);
    await t.runJobs();
    expect(await live('launch-day')).toBe(false);
    t.clock.advance(1);
    await t.runJobs();
    expect(await t.sdk.cms.schedules.get(publish.id)).toMatchObject({
      status: 'EXECUTED',
      executedAt: t.clock.now().toISOString(),
      error: null,
    });
    expect(await t.sdk.cms.entries.get(entry.id)).toMatchObject({ status: 'PUBLISHED', scheduledFor: null });
    expect(await live('launch-day')).toBe(true);

    await t.sdk.cms.entries.update(entry.id, { data: { body: 'Second edition' } });
    await t.sdk.cms.schedules.create({ entryId: entry.id, action: 'UPDATE', scheduledFor: at(hour) });
    await t.sdk.cms.schedules.create({ entryId: entry.id, action: 'UNPUBLISH', scheduledFor: at(3 * hour) });
    t.clock.advance(hour);
    await t.runJobs();
    expect((await t.sdk.cms.delivery.get('article', 'launch-day')).data.body).toBe('Second edition');
    t.clock.advance(2 * hour);
    await t.runJobs();
    expect(await live('launch-day')).toBe(false);
    const done = await t.sdk.cms.schedules.list({ entryId: entry.id });
    expect(done.data.map((s) => [s.action, s.status])).toEqual([
      ['PUBLISH', 'EXECUTED'],
      ['UPDATE', 'EXECUTED'],
      ['UNPUBLISH', 'EXECUTED'],
    ]);
    const actions = (await t.sdk.platform.activity.list({ entityId: entry.id, limit: 50 })).data.map((a) => a.action).reverse();
    expect(actions).toEqual(['created', 'scheduled', 'published', 'updated', 'scheduled', 'scheduled', 'published', 'unpublished']);
  });

  it('schedules one locale', async () => {
    const entry = await article('Multilingual');
    await t.sdk.cms.entries.publish(entry.id);
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Multilingue' }, status: 'APPROVED' });
    await expect(
      t.sdk.cms.schedules.create({ entryId: entry.id, action: 'PUBLISH', scheduledFor: at(hour), locale: 'de' }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.locale' }] });
    const fr = await t.sdk.cms.schedules.create({ entryId: entry.id, action: 'PUBLISH', scheduledFor: at(hour), locale: 'fr' });
    expect(fr.locale).toBe('fr');
    t.clock.advance(hour);
    await t.runJobs();
    expect(await t.sdk.cms.delivery.get('article', 'multilingual', { locale: 'fr' })).toMatchObject({ locale: 'fr', title: 'Multilingue' });

    // Taking French offline leaves English live; archiving then takes everything offline.
    await t.sdk.cms.schedules.create({ entryId: entry.id, action: 'UNPUBLISH', scheduledFor: at(hour), locale: 'fr' });
    const archive = await t.sdk.cms.schedules.create({ entryId: entry.id, action: 'ARCHIVE', scheduledFor: at(2 * hour) });
    t.clock.advance(hour);
    await t.runJobs();
    expect(await t.sdk.cms.delivery.get('article', 'multilingual', { locale: 'fr' })).toMatchObject({ locale: 'en', fallback: true });
    t.clock.advance(hour);
    await t.runJobs();
    expect(await t.sdk.cms.schedules.get(archive.id)).toMatchObject({ status: 'EXECUTED' });
    expect(await t.sdk.cms.entries.get(entry.id)).toMatchObject({ status: 'ARCHIVED', publishedSlug: null });
    expect(await live('multilingual')).toBe(false);
  });

  it('moves and cancels pending schedules; a moved schedule runs only at its new time', async () => {
    const entry = await article('Movable');
    const schedule = await t.sdk.cms.schedules.create({ entryId: entry.id, action: 'PUBLISH', scheduledFor: at(hour) });
    const moved = await t.sdk.cms.schedules.reschedule(schedule.id, at(3 * hour));
    expect(moved.scheduledFor).toBe(at(3 * hour));
    expect((await t.sdk.cms.entries.get(entry.id)).scheduledFor).toBe(moved.scheduledFor);
    t.clock.advance(hour);
    await t.runJobs();
    expect(await live('movable')).toBe(false);
    expect((await t.sdk.cms.schedules.get(schedule.id)).status).toBe('PENDING');
    t.clock.advance(2 * hour);
    await t.runJobs();
    expect(await live('movable')).toBe(true);
    await expect(t.sdk.cms.schedules.reschedule(schedule.id, at(hour))).rejects.toMatchObject({ status: 409 });

    const second = await article('Cancelled');
    const cancelled = await t.sdk.cms.schedules.create({ entryId: second.id, action: 'PUBLISH', scheduledFor: at(hour) });
    expect((await t.sdk.cms.schedules.cancel(cancelled.id)).status).toBe('CANCELLED');
    expect(await t.sdk.cms.entries.get(second.id)).toMatchObject({ status: 'DRAFT', scheduledFor: null });
    await expect(t.sdk.cms.schedules.cancel(cancelled.id)).rejects.toMatchObject({ status: 409 });
    t.clock.advance(hour);
    await t.runJobs();
    expect(await live('cancelled')).toBe(false);

    await expect(t.sdk.cms.schedules.create({ entryId: second.id, action: 'PUBLISH', scheduledFor: at(-1) })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.scheduledFor' }],
    });
    await expect(t.sdk.cms.schedules.reschedule(cancelled.id, 'tomorrow')).rejects.toMatchObject({ status: 400 });
    await expect(
      t.sdk.cms.schedules.create({ entryId: second.id, action: 'ARCHIVE', scheduledFor: at(hour), locale: 'fr' }),
    ).rejects.toMatchObject({ status: 400, errors: [{ path: 'body.locale' }] });
    expect((await t.request(`/v1/cms/schedules/${cancelled.id}`, { method: 'DELETE' })).status).toBe(405);
    expect((await t.sdk.cms.schedules.list({ status: 'CANCELLED', entryId: second.id })).data.map((s) => s.id)).toEqual([cancelled.id]);
  });

  it('records a failure with its error, retries with backoff, and marks the schedule FAILED once retries are exhausted', async () => {
    const entry = await article('Will break');
    const schedule = await t.sdk.cms.schedules.create({ entryId: entry.id, action: 'PUBLISH', scheduledFor: at(hour) });
    // Valid when scheduled; an edit removes the alt text before the time comes.
    await t.sdk.cms.entries.update(entry.id, { data: { hero: { fileId: image.id } } });
    t.clock.advance(hour);
    await t.runJobs();
    const failedOnce = await t.sdk.cms.schedules.get(schedule.id);
    expect(failedOnce).toMatchObject({ status: 'PENDING', executedAt: null });
    expect(failedOnce.error).toContain('data.hero.alt: Alt text is required for images before publishing');
    // The retry waits for its backoff (2 s after the first failure).
    await t.runJobs();
    t.clock.advance(3_000);
    await t.runJobs();
    t.clock.advance(10_000);
    await t.runJobs();
    expect((await t.sdk.cms.schedules.get(schedule.id)).status).toBe('PENDING');
    t.clock.advance(20_000);
    await t.runJobs();
    const failed = await t.sdk.cms.schedules.get(schedule.id);
    expect(failed).toMatchObject({ status: 'FAILED', executedAt: null });
    expect(failed.error).toContain('Alt text is required');
    expect(await t.sdk.cms.entries.get(entry.id)).toMatchObject({ status: 'DRAFT', scheduledFor: null });
    expect((await t.sdk.platform.activity.list({ entityId: entry.id, limit: 1 })).data[0]).toMatchObject({ action: 'schedule_failed' });
  });

  it('recovers when the problem is fixed before the retries run out', async () => {
    const entry = await article('Fixed in time');
    const schedule = await t.sdk.cms.schedules.create({ entryId: entry.id, action: 'PUBLISH', scheduledFor: at(hour) });
    await t.sdk.cms.entries.update(entry.id, { data: { hero: { fileId: image.id } } });
    t.clock.advance(hour);
    await t.runJobs();
    expect((await t.sdk.cms.schedules.get(schedule.id)).error).toBeTruthy();
    await t.sdk.cms.entries.update(entry.id, { data: { hero: { fileId: image.id, alt: 'Now described' } } });
    t.clock.advance(5_000);
    await t.runJobs();
    expect(await t.sdk.cms.schedules.get(schedule.id)).toMatchObject({ status: 'EXECUTED', error: null });
    expect(await live('fixed-in-time')).toBe(true);
  });

  it('unpublishes every locale automatically when expiresAt passes, and follows expiresAt when it moves', async () => {
    const entry = await article('Flash sale', { expiresAt: at(2 * hour) });
    await t.sdk.cms.entries.publish(entry.id);
    await t.sdk.cms.entries.translations.put(entry.id, 'fr', { data: { title: 'Vente flash' }, status: 'APPROVED' });
    await t.sdk.cms.entries.publish(entry.id, { locale: 'fr' });
    const [expiry] = (await t.sdk.cms.schedules.list({ entryId: entry.id, action: 'UNPUBLISH' })).data;
    expect(expiry).toMatchObject({ status: 'PENDING', scheduledFor: at(2 * hour), locale: null });

    await t.sdk.cms.entries.update(entry.id, { expiresAt: at(3 * hour) });
    const schedules = (await t.sdk.cms.schedules.list({ entryId: entry.id, action: 'UNPUBLISH' })).data;
    expect(schedules.map((s) => [s.status, s.scheduledFor])).toEqual([
      ['CANCELLED', at(2 * hour)],
      ['PENDING', at(3 * hour)],
    ]);
    t.clock.advance(2 * hour);
    await t.runJobs();
    expect(await live('flash-sale')).toBe(true);
    t.clock.advance(hour);
    await t.runJobs();
    expect(await live('flash-sale')).toBe(false);
    expect((await t.request('/v1/delivery/article/vente-flash?locale=fr')).status).toBe(404);
    expect((await t.sdk.cms.entries.get(entry.id)).status).toBe('UNPUBLISHED');
  });

  it("treats another organization's schedules and entries as missing", async () => {
    const entry = await article('Ours');
    const schedule = await t.sdk.cms.schedules.create({ entryId: entry.id, action: 'PUBLISH', scheduledFor: at(hour) });
    await expect(other.sdk.cms.schedules.get(schedule.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.schedules.cancel(schedule.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.schedules.reschedule(schedule.id, at(2 * hour))).rejects.toMatchObject({ status: 404 });
    expect((await other.sdk.cms.schedules.list()).data).toEqual([]);
    await expect(other.sdk.cms.schedules.create({ entryId: entry.id, action: 'PUBLISH', scheduledFor: at(hour) })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.entryId' }],
    });
    await expect(other.sdk.cms.entries.publish(entry.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.entries.unpublish(entry.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.entries.archive(entry.id)).rejects.toMatchObject({ status: 404 });
    expect((await t.sdk.cms.schedules.get(schedule.id)).status).toBe('PENDING');
  });
});
