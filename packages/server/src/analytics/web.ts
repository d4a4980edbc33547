import { newId } from '../db/columns.js';
import type { z } from 'zod';
import { maxTrackerPayloadBytes, type webRollupResult } from '@spokestack/core/analytics';
import { and, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { rowsOf } from '../cms/delivery-sql.js';
import { type Db, transaction } from '../db/client.js';
import { badRequest, forbidden, HttpError, notFound, tooLarge } from '../http/problem.js';
import type { Json } from '../db/columns.js';
import type { AppContext, TenantContext } from '../platform/context.js';
import { createSalt, type DailySalts, enrichEvent, parseTrackerPayload, utcDay, type WebEvent } from './ingest/index.js';
import {
  webConversions,
  webEventMetrics,
  webEvents,
  webPageMetrics,
  webProperties,
  webSessionAggregates,
  webVisitorSalts,
} from './schema.js';

// Cookieless web analytics on the server: the tracker's events are checked against their property
// (its domain is the only origin allowed to send), enriched (bots dropped, a salted daily visitor
// hash instead of IP and User-Agent), stored in the day-partitioned `web_events`, and rolled up per
// day into the spec's aggregates by a job that replaces the day's rows, so running it again gives the
// same numbers. A session is a visitor's run of events with no gap over 30 minutes.

export const webRollupJobName = 'analytics.webRollup';
const day = 86_400_000;
const shiftDay = (d: string, days: number) => utcDay(new Date(Date.parse(d) + days * day));

type Property = Pick<typeof webProperties.$inferSelect, 'id' | 'organizationId' | 'domain' | 'trackingEnabled'>;

/** A host belongs to a property when it is its domain or a subdomain of it (`www.`, `shop.`). */
export function hostMatches(host: string, domain: string): boolean {
  const d = domain
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/[/:].*$/, '')
    .replace(/^www\./, '');
  const h = host.toLowerCase().replace(/^www\./, '');
  return h === d || h.endsWith(`.${d}`);
}

/** The partition of one day: created ahead of the day so the default partition stays empty. */
async function ensurePartition(db: Db, dayString: string): Promise<void> {
  const name = `web_events_${dayString.replace(/-/g, '')}`;
  try {
    await db.execute(
      sql.raw(
        `create table if not exists "${name}" partition of "web_events" for values from ('${dayString}') to ('${shiftDay(dayString, 1)}')`,
      ),
    );
  } catch (error) {
    // Another instance created it meanwhile, or the default partition already holds rows of that day
    // (which then stay there): either way the events have a place to go.
    const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
    if (!['42P07', '23505', '23514'].includes(code ?? '')) throw error;
  }
}

/**
 * The ingestion side, with what it remembers between requests: each organization's salts of the day,
 * the properties (for a minute), the partitions and rollup jobs already ensured. Built once per app.
 *
 * @example const collector = createCollector(db); router.on(webOps.collect, ({ c, app }) => collector.collect(c, app))
 */
export function createCollector(db: Db) {
  const salts = new Map<string, DailySalts>();
  const properties = new Map<string, { property: Property | null; until: number }>();
  const ensured = new Set<string>();

  async function saltsOf(organizationId: string, now: Date): Promise<DailySalts> {
    const today = utcDay(now);
    const cached = salts.get(organizationId);
    if (cached?.current.day === today) return cached;
    const yesterday = shiftDay(today, -1);
    await db.insert(webVisitorSalts).values({ organizationId, day: today, salt: createSalt() }).onConflictDoNothing();
    // Older salts are deleted: that is what makes an old day's hashes impossible to recompute.
    await db
      .delete(webVisitorSalts)
      .where(and(eq(webVisitorSalts.organizationId, organizationId), sql`${webVisitorSalts.day} < ${yesterday}`));
    const rows = await db
      .select()
      .from(webVisitorSalts)
      .where(and(eq(webVisitorSalts.organizationId, organizationId), sql`${webVisitorSalts.day} >= ${yesterday}`));
    const current = rows.find((r) => r.day === today)!;
    const previous = rows.find((r) => r.day === yesterday) ?? null;
    const next = { current: { day: today, salt: current.salt }, previous: previous && { day: previous.day, salt: previous.salt } };
    salts.set(organizationId, next);
    return next;
  }

  async function propertyOf(key: string, now: number): Promise<Property | null> {
    const cached = properties.get(key);
    if (cached && cached.until > now) return cached.property;
    const [property] = await db
      .select({
        id: webProperties.id,
        organizationId: webProperties.organizationId,
        domain: webProperties.domain,
        trackingEnabled: webProperties.trackingEnabled,
      })
      .from(webProperties)
      .where(eq(webProperties.id, key));
    if (properties.size > 10_000) properties.clear();
    properties.set(key, { property: property ?? null, until: now + 60_000 });
    return property ?? null;
  }

  async function ensureDay(event: WebEvent, property: Property, app: AppContext) {
    if (!ensured.has(event.day)) {
      await ensurePartition(db, event.day);
      await ensurePartition(db, shiftDay(event.day, 1));
      ensured.add(event.day);
    }
    const key = `${property.id}:${event.day}`;
    if (ensured.has(key)) return;
    // The day is rolled up once it is over (and on demand before); one job per property and day.
    await app.jobs.enqueue(
      webRollupJobName,
      { propertyId: property.id, date: event.day },
      {
        organizationId: property.organizationId,
        runAt: new Date(Date.parse(shiftDay(event.day, 1)) + 30 * 60_000),
        uniqueKey: `${webRollupJobName}:${key}`,
      },
    );
    ensured.add(key);
  }

  return {
    /**
     * Takes one tracker request: 204 when stored (or dropped as a bot, which is not told), 400 for a
     * malformed body, 404 for an unknown or disabled property, 403 from another site. Sets no cookie.
     * `ip` is the router's (forwarded headers count only behind a trusted proxy); it is hashed, never stored.
     */
    async collect(request: Request, app: AppContext, ip: string, reply: (origin: string | null) => Response): Promise<Response> {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > maxTrackerPayloadBytes) throw tooLarge(`At most ${maxTrackerPayloadBytes} bytes`);
      const parsed = parseTrackerPayload(await request.text());
      if (!parsed.ok) throw badRequest(parsed.errors);
      const { payload } = parsed;
      const property = await propertyOf(payload.k, app.now.getTime());
      if (!property?.trackingEnabled) throw notFound('Web property');
      const origin = request.headers.get('origin');
      const page = new URL(payload.u);
      if (!hostMatches(page.hostname, property.domain) || (origin && !hostMatches(safeHost(origin), property.domain)))
        throw forbidden(`Events of this property come from ${property.domain}`);
      const event = enrichEvent({
        payload,
        ip,
        userAgent: request.headers.get('user-agent'),
        headers: request.headers,
        salts: await saltsOf(property.organizationId, app.now),
        now: app.now,
        site: property.id,
      });
      if (event) {
        await ensureDay(event, property, app);
        await db.insert(webEvents).values({
          id: newId(),
          organizationId: property.organizationId,
          propertyId: property.id,
          day: event.day,
          timestamp: event.timestamp,
          type: event.type,
          name: event.name,
          pathname: event.pathname,
          referrerHost: event.referrerHost,
          source: event.source,
          medium: event.medium,
          utmCampaign: event.utm.campaign ?? null,
          device: event.device,
          browser: event.browser,
          os: event.os,
          country: event.country,
          visitorId: event.visitorId,
          previousVisitorId: event.previousVisitorId,
          value: event.value,
          props: Object.keys(event.props).length ? event.props : null,
        });
      }
      return reply(origin);
    },
  };
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).hostname;
  } catch {
    return '';
  }
}

/** The property, if it is the caller's (a CLIENT member: their client's); 404 otherwise. */
async function propertyFor(db: Db, ctx: TenantContext, id: string) {
  const [property] = await db
    .select()
    .from(webProperties)
    .where(
      and(
        eq(webProperties.organizationId, ctx.organizationId),
        eq(webProperties.id, id),
        ctx.actor.role === 'CLIENT' ? eq(webProperties.clientId, ctx.actor.clientId ?? '') : undefined,
      ),
    );
  if (!property) throw notFound('Web property');
  return property;
}

type Agg = Record<string, string | number | null>;

/**
 * Rolls one day of a property's raw events up into `web_page_metrics`, `web_event_metrics`,
 * `web_conversions` and `web_session_aggregates` (by source, medium, device, country and browser),
 * replacing whatever the day had: idempotent, so the job can run again, or early for today.
 *
 * @example await rollupWebDay(db, ctx, property.id, '2026-09-01')
 */
export async function rollupWebDay(
  db: Db,
  ctx: TenantContext,
  propertyId: string,
  date: string,
): Promise<z.output<typeof webRollupResult>> {
  const property = await propertyFor(db, ctx, propertyId);
  const scope = sql`e.organization_id = ${ctx.organizationId} and e.property_id = ${property.id} and e.day = ${date}`;
  const select = async (query: ReturnType<typeof sql>) => rowsOf<Agg>(await db.execute(query));
  const [{ raw }] = (await select(sql`select count(*)::int as raw from ${webEvents} e where ${scope}`)) as [{ raw: number }];
  const pages = await select(sql`
    select e.pathname as page_path, count(*)::int as pageviews, count(distinct e.visitor_id)::int as unique_pageviews
    from ${webEvents} e where ${scope} and e.type = 'pageview' group by e.pathname`);
  const events = await select(sql`
    select e.name as event_name, count(*)::int as event_count, count(distinct e.visitor_id)::int as unique_events,
      sum(e.value)::text as total_value
    from ${webEvents} e where ${scope} and e.type = 'event' group by e.name`);
  const conversions = await select(sql`
    with visitors as (select greatest(count(distinct e.visitor_id), 1) as n from ${webEvents} e where ${scope})
    select e.name as goal_name, coalesce(e.source, '(direct)') || ' / ' || e.medium as source_medium, e.utm_campaign as campaign,
      count(*)::int as completions, sum(e.value)::text as value,
      least(round(count(*)::numeric / (select n from visitors), 4), 9.9999)::text as conversion_rate
    from ${webEvents} e where ${scope} and e.type = 'conversion' group by 1, 2, 3`);
  const sessions = await select(sql`
    with ev as (
      select e.visitor_id, e.previous_visitor_id, e.timestamp, e.type, e.source, e.medium, e.device, e.country, e.browser,
        case when lag(e.timestamp) over w is null or e.timestamp - lag(e.timestamp) over w > interval '30 minutes'
          then 1 else 0 end as starts
      from ${webEvents} e where ${scope} window w as (partition by e.visitor_id order by e.timestamp)
    ), numbered as (
      select ev.*, sum(starts) over (partition by visitor_id order by timestamp rows unbounded preceding) as n from ev
    ), s as (
      select visitor_id, n, count(*) filter (where type = 'pageview') as pageviews,
        extract(epoch from max(timestamp) - min(timestamp)) as seconds,
        (array_agg(coalesce(source, '(direct)') order by timestamp))[1] as source, (array_agg(medium order by timestamp))[1] as medium,
        (array_agg(device order by timestamp))[1] as device, (array_agg(coalesce(country, '(unknown)') order by timestamp))[1] as country,
        (array_agg(coalesce(browser, '(unknown)') order by timestamp))[1] as browser,
        bool_or(previous_visitor_id is not null and exists (
          select 1 from ${webEvents} y where y.organization_id = ${ctx.organizationId} and y.property_id = ${property.id}
            and y.day = ${shiftDay(date, -1)} and y.visitor_id = numbered.previous_visitor_id)) as seen_before
      from numbered group by visitor_id, n
    ), d as (
      select 'source' as dimension_type, source as dimension_value, s.* from s
      union all select 'medium', medium, s.* from s
      union all select 'device', device, s.* from s
      union all select 'country', country, s.* from s
      union all select 'browser', browser, s.* from s
    )
    select dimension_type, dimension_value, count(*)::int as sessions, count(distinct visitor_id)::int as users,
      count(distinct visitor_id) filter (where not seen_before)::int as new_users, sum(pageviews)::int as pageviews,
      round(avg(seconds), 2)::text as avg_session_duration,
      round(100.0 * count(*) filter (where pageviews <= 1) / count(*), 2)::text as bounce_rate,
      round(sum(pageviews)::numeric / count(*), 2)::text as pages_per_session
    from d group by dimension_type, dimension_value`);

  await transaction(db, async (tx) => {
    const base = { organizationId: ctx.organizationId, propertyId: property.id, date, createdAt: ctx.now };
    const replace = async (
      table: PgTable & { propertyId: unknown; date: unknown },
      rows: Agg[],
      map: (row: Agg) => Record<string, unknown>,
    ) => {
      const t = table as unknown as typeof webPageMetrics;
      await tx.delete(t).where(and(eq(t.organizationId, ctx.organizationId), eq(t.propertyId, property.id), eq(t.date, date)));
      for (let i = 0; i < rows.length; i += 1000)
        await tx.insert(t).values(rows.slice(i, i + 1000).map((row) => ({ id: newId(), ...base, ...map(row) })) as never);
    };
    await replace(webPageMetrics, pages, (r) => ({ pagePath: r.page_path, pageviews: r.pageviews, uniquePageviews: r.unique_pageviews }));
    await replace(webEventMetrics, events, (r) => ({
      eventName: r.event_name,
      eventCount: r.event_count,
      uniqueEvents: r.unique_events,
      totalValue: r.total_value,
    }));
    await replace(webConversions, conversions, (r) => ({
      goalName: r.goal_name,
      sourceMedium: r.source_medium,
      campaign: r.campaign,
      completions: r.completions,
      value: r.value,
      conversionRate: r.conversion_rate,
    }));
    await replace(webSessionAggregates, sessions, (r) => ({
      dimensionType: r.dimension_type,
      dimensionValue: r.dimension_value,
      sessions: r.sessions,
      users: r.users,
      newUsers: r.new_users,
      pageviews: r.pageviews,
      avgSessionDuration: r.avg_session_duration,
      bounceRate: r.bounce_rate,
      pagesPerSession: r.pages_per_session,
    }));
  });
  return { date, pages: pages.length, events: events.length, conversions: conversions.length, sessions: sessions.length, rawEvents: raw };
}

/**
 * Visitors with an event in the last 5 minutes, their pageviews, and the pages they are on.
 *
 * @example const { visitors } = await realtimeVisitors(db, ctx, property.id)
 */
export async function realtimeVisitors(db: Db, ctx: TenantContext, propertyId: string) {
  const property = await propertyFor(db, ctx, propertyId);
  const since = new Date(ctx.now.getTime() - 5 * 60_000);
  const scope = sql`e.organization_id = ${ctx.organizationId} and e.property_id = ${property.id}
    and e.day between ${utcDay(since)} and ${utcDay(ctx.now)} and e.timestamp > ${since.toISOString()}::timestamptz
    and e.timestamp <= ${ctx.now.toISOString()}::timestamptz`;
  const [totals] = rowsOf<{ visitors: number; pageviews: number }>(
    await db.execute(sql`select count(distinct e.visitor_id)::int as visitors,
        (count(*) filter (where e.type = 'pageview'))::int as pageviews
      from ${webEvents} e where ${scope}`),
  );
  const pages = rowsOf<{ path: string; visitors: number }>(
    await db.execute(sql`select e.pathname as path, count(distinct e.visitor_id)::int as visitors from ${webEvents} e
      where ${scope} and e.type = 'pageview' group by e.pathname order by visitors desc, path limit 10`),
  );
  return { visitors: totals?.visitors ?? 0, pageviews: totals?.pageviews ?? 0, pages, since };
}

/**
 * The job that rolls up a property's day once it is over (enqueued by the first event of the day).
 * A property deleted meanwhile has nothing left to roll up.
 */
export async function runWebRollup(db: Db, ctx: TenantContext, payload: Json): Promise<void> {
  const { propertyId, date } = payload as { propertyId: string; date: string };
  try {
    await rollupWebDay(db, ctx, propertyId, date);
  } catch (error) {
    if (!(error instanceof HttpError && error.status === 404)) throw error;
  }
}
