import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { processJobName } from '../dam/processing.js';
import { jobs } from '../platform/schema.js';
import { analyticsPlatforms } from '../analytics/schema.js';
import { secretContext, tableInfo } from '../db/resource-service.js';
import { appKeyRing, isSealed, secretBox } from '../platform/secrets.js';
import { insertMany, type SeedContext } from './context.js';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { ensureDemo, seedDemo } from './index.js';

const now = new Date('2025-06-01T12:00:00Z');
let t: TestInstance;
let sdk: SpokeStack;
let organizationId: string;
let demoKey: string;

beforeAll(async () => {
  t = await createTestInstance({ now });
  const result = await seedDemo(t.db, { now, storage: t.storage, secret: t.secret });
  if (!result.created) throw new Error('the test database already held the demo');
  organizationId = result.organizationId;
  demoKey = result.apiKey;
  sdk = t.sdkFor(result.apiKey);
}, 120_000);
afterAll(() => t.close());

/** Every row of a list, page after page, at the largest page size. */
async function all<T>(list: {
  list(query: { limit: number; cursor?: string }): Promise<{ data: T[]; nextCursor: string | null }>;
}): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list.list({ limit: 200, cursor });
    rows.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

type Data = Record<string, unknown>;

describe('the demo organization', () => {
  it('holds realistic data in all four systems, as the API lists it', async () => {
    const me = await sdk.platform.me();
    expect(me.organizationId).toBe(organizationId);
    expect((await sdk.platform.organization.get()).name).toBe('Northwind Creative');

    const users = (await sdk.platform.users.list({ limit: 200 })).data;
    expect(users.map((u) => u.role).sort()).toEqual(['ADMIN', 'CLIENT', 'MEMBER', 'MEMBER', 'OWNER']);
    const clients = await all(sdk.platform.clients);
    expect(clients.map((c) => c.name).sort()).toEqual(['Harbor & Pine Outfitters', 'Lumen Health']);

    // CMS
    const types = (await sdk.cms.contentTypes.list({ limit: 200 })).data;
    expect(types.map((type) => type.slug).sort()).toEqual(['blog-post', 'case-study', 'social-post']);
    const entries = await all(sdk.cms.entries);
    expect(entries).toHaveLength(50);
    const body = (entries.find((e) => e.title.startsWith('Why Your Brand Guidelines'))!.data as Data).body as {
      type: string;
      content: { type: string }[];
    };
    expect(body.type).toBe('doc');
    expect(body.content.map((node) => node.type)).toEqual(expect.arrayContaining(['paragraph', 'heading', 'bulletList']));
    const published = entries.filter((e) => e.status === 'PUBLISHED');
    expect(published.length).toBeGreaterThan(20);
    for (const entry of published) expect(entry.publishedData).toEqual(entry.data);

    // DAM: every asset has its file, and every file an asset.
    const [assets, files] = await Promise.all([all(sdk.dam.assets), all(sdk.platform.files)]);
    expect(assets).toHaveLength(200);
    expect(new Set(assets.map((a) => a.fileId))).toEqual(new Set(files.map((f) => f.id)));
    expect(new Set(assets.map((a) => a.assetType)).size).toBeGreaterThanOrEqual(8);
    // Media fields of entries point at the demo's files, and the DAM knows where each is used.
    const fileIds = new Set(files.map((f) => f.id));
    const heroFiles = entries.flatMap((e) =>
      (e.data as Data).heroImage ? [((e.data as Data).heroImage as { fileId: string }).fileId] : [],
    );
    expect(heroFiles.length).toBe(24);
    for (const id of heroFiles) expect(fileIds.has(id)).toBe(true);
    // Images the content shows are real PNGs of the size their row states, so previews work in the demo.
    for (const id of new Set(heroFiles)) {
      const file = files.find((f) => f.id === id)!;
      expect(file.mimeType).toBe('image/png');
      const bytes = Buffer.from(await (await t.app.request(`http://spokestack.test${file.url}`)).arrayBuffer());
      expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20), bytes.byteLength]).toEqual([file.width, file.height, file.size]);
    }
    const used = assets.filter((a) => a.usedInContent.length);
    expect(used.length).toBeGreaterThan(30);
    for (const asset of used) for (const entryId of asset.usedInContent) expect(entries.some((e) => e.id === entryId)).toBe(true);

    // Analytics
    const platforms = await all(sdk.analytics.platforms);
    expect(platforms.map((p) => p.platform).sort()).toEqual(['GOOGLE_ADS', 'META_ADS']);
    const campaigns = await all(sdk.analytics.adCampaigns);
    expect(campaigns).toHaveLength(25);
    const metrics = await all(sdk.analytics.campaignMetrics);
    expect(metrics).toHaveLength(10_000);
    const days = new Set(metrics.map((m) => m.date));
    expect(days.size).toBe(400);
    expect([...days].sort().at(-1)).toBe('2025-05-31');
    for (const m of metrics.slice(0, 500)) {
      expect(Number(m.ctr)).toBeCloseTo((m.clicks / m.impressions) * 100, 3);
      expect(m.spend).toMatch(/^\d+\.\d{2}$/);
    }
    const spend = metrics.reduce((sum, m) => sum + Number(m.spend), 0);
    expect(spend).toBeGreaterThan(500_000);

    // A dashboard over those days, so the host app's Analytics page shows charts on first run: every
    // media widget has figures for its default range, and the website tile counts the demo property.
    const [dashboard, ...others] = (await sdk.analytics.dashboards.list()).data;
    expect(others).toEqual([]);
    const widgets = (await sdk.analytics.dashboards.widgets(dashboard!.id)).data;
    expect(widgets.map((w) => w.config.chart)).toEqual(expect.arrayContaining(['kpi', 'line', 'pie', 'bar', 'table']));
    for (const widget of widgets) {
      const data = await sdk.analytics.dashboards.widgetData(dashboard!.id, widget.id);
      if (widget.config.metric === 'pageviews') expect(data.total.value).toBe('0');
      else expect(Number(data.total.value), widget.title).toBeGreaterThan(0);
      if (widget.config.chart !== 'kpi') expect(data.points.length, widget.title).toBeGreaterThan(1);
    }
    const [property] = (await sdk.analytics.webProperties.list()).data;
    expect(property!.domain).toBe('localhost');

    // CRM
    const contacts = await all(sdk.crm.contacts);
    expect(contacts).toHaveLength(500);
    expect(new Set(contacts.map((c) => c.email)).size).toBe(500);
    expect(new Set(contacts.map((c) => c.companyName)).size).toBeGreaterThan(30);
    expect(new Set(contacts.map((c) => c.status)).size).toBeGreaterThanOrEqual(5);
    expect(contacts.filter((c) => c.tags.length).length).toBeGreaterThan(300);
    const [pipeline] = (await sdk.crm.pipelines.list()).data;
    const stageIds = (pipeline!.stages as { id: string }[]).map((s) => s.id);
    expect(stageIds).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
    const deals = await all(sdk.crm.deals);
    expect(deals).toHaveLength(60);
    expect(new Set(deals.map((d) => d.stageId))).toEqual(new Set(stageIds));
    const contactIds = new Set(contacts.map((c) => c.id));
    for (const deal of deals) expect(contactIds.has(deal.primaryContactId!)).toBe(true);
  }, 120_000);

  it('leaves its images with real files and their renditions queued, which the worker completes into thumbnails', async () => {
    const [assets, files] = await Promise.all([all(sdk.dam.assets), all(sdk.platform.files)]);
    const mimeOf = new Map(files.map((f) => [f.id, f.mimeType]));
    const images = assets.filter((a) => ['image/png', 'image/svg+xml'].includes(mimeOf.get(a.fileId)!));
    expect(images.length).toBeGreaterThan(100);
    // Queued by the seed as an upload's are: PENDING rows, and one processing job per image.
    expect(new Set((await all(sdk.dam.renditions)).map((r) => [r.assetId, r.status].join()))).toEqual(
      new Set(images.map((a) => [a.id, 'PENDING'].join())),
    );
    const queued = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.organizationId, organizationId), eq(jobs.name, processJobName), eq(jobs.status, 'QUEUED')));
    expect(new Set(queued.map((j) => (j.payload as { assetId: string }).assetId))).toEqual(new Set(images.map((a) => a.id)));
    // The worker's handler turns them into real renditions (a PNG's and an SVG logo's here; every job is the same).
    const samples = [
      images.find((a) => mimeOf.get(a.fileId) === 'image/png')!,
      images.find((a) => mimeOf.get(a.fileId) === 'image/svg+xml')!,
    ];
    for (const asset of samples) {
      const job = queued.find((j) => (j.payload as { assetId: string }).assetId === asset.id)!;
      await t.jobHandlers[processJobName]!(job.payload, job);
      const made = (await sdk.dam.assets.renditions(asset.id)).data;
      expect(made.filter((r) => r.status !== 'COMPLETED')).toEqual([]);
      const thumb = made.find((r) => r.renditionType === 'THUMBNAIL_MEDIUM')!;
      const reply = await t.app.request(`http://spokestack.test${thumb.url}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/^image\//);
      expect(thumb.width).toBeGreaterThan(0);
      expect((await reply.arrayBuffer()).byteLength).toBeGreaterThan(200);
    }
  });

  it('has an email campaign whose counters agree with its recipients and list', async () => {
    const campaigns = (await sdk.crm.emailCampaigns.list()).data;
    expect(campaigns.map((c) => c.status).sort()).toEqual(['DRAFT', 'SENT']);
    const sent = campaigns.find((c) => c.status === 'SENT')!;
    const [template] = (await sdk.crm.emailTemplates.list()).data;
    expect(sent.templateId).toBe(template!.id);
    const recipients = (await all(sdk.crm.emailRecipients)).filter((r) => r.emailCampaignId === sent.id);
    expect(recipients.length).toBe(sent.recipientCount);
    expect(sent.delivered + sent.bounced).toBe(sent.recipientCount);
    expect(sent.uniqueOpens).toBe(recipients.filter((r) => r.openedAt).length);
    expect(sent.uniqueClicks).toBe(recipients.filter((r) => r.clickedAt).length);
    expect(sent.opened).toBe(recipients.reduce((sum, r) => sum + r.openCount, 0));
    const [list] = (await sdk.crm.contactLists.list()).data;
    expect(list!.memberCount).toBe(recipients.length);
    expect((await all(sdk.crm.contactListMembers)).length).toBe(list!.memberCount);
  });

  it('gives the client user a session that sees only their client', async () => {
    const [grace] = (await sdk.platform.users.list({ role: 'CLIENT' })).data;
    const { token } = await sdk.platform.sessions.create({ userId: grace!.id });
    const seen = (await t.sdkFor(token).platform.clients.list()).data;
    expect(seen.map((c) => c.name)).toEqual(['Harbor & Pine Outfitters']);
  });

  it("stores the ad platforms' credentials sealed under the app's keys, and the API says only credentialsSet", async () => {
    const rows = await t.db.select().from(analyticsPlatforms).where(eq(analyticsPlatforms.organizationId, organizationId));
    expect(rows).toHaveLength(2);
    const box = secretBox(appKeyRing(t.secret));
    for (const row of rows) {
      expect(isSealed(row.credentials), row.name).toBe(true);
      // Sealed for this row and column, under the serving app's key: the app can use them.
      const context = secretContext(tableInfo(analyticsPlatforms), 'credentials', row.id);
      expect(JSON.parse(box.open(row.credentials as string, context))).toEqual({ kind: 'oauth', demo: true });
    }
    const listed = await t.request('/v1/analytics/platforms', { headers: { authorization: `Bearer ${demoKey}` } });
    const { data } = (await listed.json()) as { data: Record<string, unknown>[] };
    expect(data).toHaveLength(2);
    for (const platform of data) {
      expect(platform).toMatchObject({ credentialsSet: true, accessTokenSet: false, refreshTokenSet: false });
      expect(platform).not.toHaveProperty('credentials');
    }
    // The bulk insert the demo uses refuses a secret nobody sealed, so no future seed can store one in plaintext.
    const seed = { tx: t.db, id: () => 'plaintext-row' } as unknown as SeedContext;
    const plaintext = { ...rows[0]!, id: 'plaintext-row', credentials: { kind: 'oauth' } };
    await expect(insertMany(seed, analyticsPlatforms, [plaintext])).rejects.toThrow(/analytics_platforms.credentials is a secret column/);
  });

  it('seeds once, and the same seed gives the same demo', async () => {
    expect(await seedDemo(t.db, { now, storage: t.storage, secret: t.secret })).toEqual({ created: false, organizationId });
    expect(await all(sdk.crm.contacts)).toHaveLength(500);

    const other = await createTestInstance({ now });
    try {
      const again = await seedDemo(other.db, { now, storage: other.storage, secret: other.secret });
      if (!again.created) throw new Error('expected a fresh seed');
      const twin = other.sdkFor(again.apiKey);
      const summary = async (s: SpokeStack) => ({
        contacts: (await all(s.crm.contacts)).map((c) => [c.id, c.email, c.leadScore, c.status]).sort(),
        deals: (await all(s.crm.deals)).map((d) => [d.name, d.amount, d.stageId]).sort(),
      });
      expect(await summary(twin)).toEqual(await summary(sdk));
    } finally {
      await other.close();
    }
  }, 120_000);

  it('keeps a working demo key in the data folder, and mints a new one when it stops working', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spokestack-demo-'));
    try {
      const first = await ensureDemo(t.db, { dataDir, now, storage: t.storage, secret: t.secret });
      // The key seedDemo printed was not kept anywhere, so a new one is minted and kept.
      expect(first).toMatchObject({ organizationId, seeded: false, mintedKey: true });
      expect((await readFile(join(dataDir, 'demo-key'), 'utf8')).trim()).toBe(first.apiKey);
      expect((await stat(join(dataDir, 'demo-key'))).mode & 0o777).toBe(0o600);
      expect((await t.sdkFor(first.apiKey).platform.me()).organizationId).toBe(organizationId);

      // A publishable key beside it, kept the same way, that reads the delivery API and nothing else.
      expect(first.publishableKey).toMatch(/^pk_/);
      expect((await readFile(join(dataDir, 'demo-publishable-key'), 'utf8')).trim()).toBe(first.publishableKey);
      const reader = t.sdkFor(first.publishableKey);
      expect((await reader.cms.delivery.list('blog-post')).data.length).toBeGreaterThan(0);
      expect((await problem(reader.crm.contacts.list())).status).toBe(403);

      expect(await ensureDemo(t.db, { dataDir, now, storage: t.storage, secret: t.secret })).toMatchObject({
        apiKey: first.apiKey,
        publishableKey: first.publishableKey,
        mintedKey: false,
      });

      const kept = (await sdk.platform.apiKeys.list()).data.find((k) => first.apiKey.startsWith(k.prefix) && k.name === 'Demo key')!;
      await sdk.platform.apiKeys.revoke(kept.id);
      const next = await ensureDemo(t.db, { dataDir, now, storage: t.storage, secret: t.secret });
      expect(next.mintedKey).toBe(true);
      expect(next.apiKey).not.toBe(first.apiKey);
      expect((await t.sdkFor(next.apiKey).platform.me()).organizationId).toBe(organizationId);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
