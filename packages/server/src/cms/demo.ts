import type { ContentStatus } from '@spokestack/core/cms';
import type { DemoAsset } from '../dam/demo.js';
import type { Json } from '../db/columns.js';
import { type SeedContext, dateAgo, daysAgo, slugify } from '../demo/context.js';
import type { FeatureSeed } from '../feature.js';
import type { TenantContext } from '../platform/context.js';
import { createContentType } from './content-types.js';
import {
  blogBody,
  blogPosts,
  caseStudies,
  caseStudyBody,
  categories,
  contentTags as tagNames,
  contentTypeDefs,
  plainText,
  socialPosts,
} from './demo-content.js';
import { createEntry } from './entries.js';
import { publishEntry, setEntryStatus } from './publish-state.js';
import { contentWorkflows } from './schema.js';
import { createCategory, createTag } from './taxonomy.js';

interface Draft {
  typeSlug: string;
  data: { [key: string]: Json };
  status: ContentStatus;
  createdAt: Date;
  clientId: string | null;
  projectId: string | null;
  excerpt?: string;
  tags: string[];
  category?: string;
  /** The DAM assets the entry's media fields use. */
  media: DemoAsset[];
}

/**
 * The CMS, written through the CMS services so the demo holds exactly what the editor would have
 * produced (validated data, slugs, search text, version 1, published snapshots, activity): a review
 * workflow, three content types (blog post, case study, social post) with real field schemas, tags and
 * categories, and 50 entries whose rich text is Tiptap JSON and whose media fields point at approved
 * DAM assets (`seed.assets`, which the DAM seeds first). Each write happens "at" its historical time,
 * so the entries carry a believable history.
 */
export async function seedCms(ctx: SeedContext): Promise<FeatureSeed> {
  const { rng, organizationId, tx, assets: library } = ctx;
  const approved = (from: DemoAsset['library'], ...kinds: DemoAsset['kind'][]) =>
    library.filter((a) => a.library === from && a.status === 'APPROVED' && kinds.includes(a.kind));
  const authors = [ctx.users.owner, ctx.users.admin, ...ctx.users.members];
  const as = (userId: string, now: Date): TenantContext =>
    ctx.context(
      {
        type: 'user',
        id: userId,
        name: ctx.users.names[userId]!,
        role: userId === ctx.users.owner ? 'OWNER' : userId === ctx.users.admin ? 'ADMIN' : 'MEMBER',
        clientId: null,
      },
      now,
    );
  const setup = as(ctx.users.owner, daysAgo(ctx, 540));

  const workflowId = ctx.id();
  await tx.insert(contentWorkflows).values({
    id: workflowId,
    organizationId,
    name: 'Editorial review',
    description: 'Draft, editor review, then ready to publish.',
    isDefault: true,
    stages: [
      { name: 'Draft', status: 'DRAFT', order: 0 },
      { name: 'Editorial review', status: 'IN_REVIEW', assignTo: 'role:ADMIN', order: 1 },
      { name: 'Ready to publish', status: 'APPROVED', order: 2 },
    ],
    createdAt: setup.now,
    updatedAt: setup.now,
  });

  const typeIds: Record<string, string> = {};
  for (const def of contentTypeDefs) {
    const type = await createContentType(tx, setup, {
      ...def,
      previewUrl: def.slug === 'social-post' ? null : `https://northwindcreative.example/preview/${def.slug}/{slug}`,
      workflowId: def.slug === 'social-post' ? null : workflowId,
    });
    typeIds[def.slug] = type.id;
  }
  const tagIds: Record<string, string> = {};
  for (const name of tagNames)
    tagIds[name] = (await createTag(tx, setup, { name: name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()), slug: name })).id;
  const categoryIds: Record<string, string> = {};
  for (const [i, c] of categories.entries())
    categoryIds[c.slug] = (await createCategory(tx, setup, { name: c.name, slug: c.slug, color: c.color, sortOrder: i })).id;

  const drafts: Draft[] = [];
  const statusOf = (i: number, published: number, review: number): ContentStatus =>
    i < published ? 'PUBLISHED' : i < published + review ? 'IN_REVIEW' : 'DRAFT';
  const heroes = approved('northwind', 'photo', 'graphic');

  blogPosts.forEach((post, i) => {
    const hero = heroes[i % heroes.length]!;
    const body = blogBody(rng, post);
    drafts.push({
      typeSlug: 'blog-post',
      data: {
        title: post.title,
        slug: slugify(post.title),
        excerpt: post.excerpt,
        body,
        heroImage: { fileId: hero.fileId, alt: hero.name },
        author: ctx.users.names[rng.pick(authors)]!,
        category: post.category,
        readingTime: Math.max(2, Math.round(plainText(body).split(/\s+/).length / 200) + rng.int(1, 4)),
        featured: i % 6 === 0,
        tags: post.tags,
      },
      status: statusOf(i, 17, 3),
      createdAt: daysAgo(ctx, 420 - i * 16, 10),
      clientId: null,
      projectId: null,
      excerpt: post.excerpt,
      tags: post.tags,
      category: post.category,
      media: [hero],
    });
  });

  caseStudies.forEach((study, i) => {
    const covers = study.client ? approved(study.client, 'photo') : heroes;
    const cover = covers[(i * 3) % covers.length]!;
    drafts.push({
      typeSlug: 'case-study',
      data: {
        title: study.title,
        slug: slugify(study.title),
        client: study.company,
        industry: study.industry,
        ...caseStudyBody(study),
        coverImage: { fileId: cover.fileId, alt: cover.name },
        completedOn: dateAgo(ctx, 400 - i * 45),
      },
      status: statusOf(i, 6, 1),
      createdAt: daysAgo(ctx, 380 - i * 45, 11),
      clientId: study.client ? ctx.clients[study.client] : null,
      projectId: study.client === 'lumen' ? ctx.projects.webinars : null,
      excerpt: study.challenge,
      tags: ['case-study', ...(study.industry === 'retail' ? ['retail'] : study.industry === 'healthcare' ? ['healthcare'] : [])],
      media: [cover],
    });
  });

  socialPosts.forEach((post, i) => {
    const pool = post.client ? approved(post.client, 'photo', 'graphic', 'video') : heroes;
    const media = rng.sample(pool, rng.int(1, 3));
    const status: ContentStatus = i % 9 < 5 ? 'PUBLISHED' : i % 9 < 7 ? 'APPROVED' : 'DRAFT';
    const postAt = status === 'PUBLISHED' ? daysAgo(ctx, 200 - i * 10, 16) : daysAgo(ctx, -(i + 2), 16);
    drafts.push({
      typeSlug: 'social-post',
      data: {
        title: post.title,
        slug: slugify(post.title),
        platform: post.platform,
        caption: post.caption,
        media: media.map((m) => ({ fileId: m.fileId, alt: m.name })),
        hashtags: post.hashtags,
        campaign: post.campaign,
        postAt: postAt.toISOString(),
      },
      status,
      createdAt: daysAgo(ctx, 230 - i * 10, 14),
      clientId: post.client ? ctx.clients[post.client] : null,
      projectId:
        post.campaign === 'Spring Collection'
          ? ctx.projects.spring
          : post.campaign === 'Holiday'
            ? ctx.projects.holiday
            : post.campaign === 'Clinician Webinars'
              ? ctx.projects.webinars
              : null,
      tags: ['social'],
      media,
    });
  });

  for (const draft of drafts) {
    const author = rng.pick(authors);
    const title = String(draft.data.title);
    const web = draft.typeSlug !== 'social-post';
    const entry = await createEntry(tx, as(author, draft.createdAt), {
      contentTypeId: typeIds[draft.typeSlug]!,
      data: draft.data,
      seoTitle: web ? `${title} | Northwind Creative` : null,
      seoDescription: draft.excerpt?.slice(0, 160) ?? null,
      seoKeywords: draft.tags,
      canonicalUrl: web
        ? `https://northwindcreative.example/${draft.typeSlug === 'blog-post' ? 'blog' : 'work'}/${String(draft.data.slug)}`
        : null,
      ogImageId: web ? draft.media[0]!.fileId : null,
      clientId: draft.clientId,
      projectId: draft.projectId,
      tagIds: draft.tags.map((t) => tagIds[t]!),
      categoryIds: draft.category ? [categoryIds[draft.category]!] : [],
      changeNote: 'First draft',
    });
    const later = (days: number) => new Date(draft.createdAt.getTime() + days * 86_400_000);
    if (draft.status === 'PUBLISHED') await publishEntry(tx, as(ctx.users.admin, later(rng.int(1, 6))), entry.id);
    else if (draft.status !== 'DRAFT')
      await setEntryStatus(tx, as(author, later(1)), entry.id, draft.status === 'APPROVED' ? 'APPROVED' : 'IN_REVIEW', {
        action: draft.status === 'APPROVED' ? 'approved' : 'submitted',
      });
    // The DAM records where each asset is used, so it can warn before one in use is archived.
    for (const asset of draft.media) if (!asset.usedInContent.includes(entry.id)) asset.usedInContent.push(entry.id);
  }
  return { counts: { contentTypes: contentTypeDefs.length, entries: drafts.length } };
}
