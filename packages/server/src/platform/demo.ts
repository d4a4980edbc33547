import type { MembershipRole } from '@spokestack/core';
import { type SeedContext, dateAgo, daysAgo, insertMany } from '../demo/context.js';
import type { FeatureSeed } from '../feature.js';
import { clients, memberships, projects, users } from './schema.js';

/** The demo agency's people, in the order of `SeedContext.users` (owner, admin, two members, the client's reviewer). */
export const demoPeople: { name: string; email: string; role: MembershipRole; client?: 'harbor' }[] = [
  { name: 'Maya Okafor', email: 'maya@northwindcreative.example', role: 'OWNER' },
  { name: 'Daniel Reyes', email: 'daniel@northwindcreative.example', role: 'ADMIN' },
  { name: 'Priya Natarajan', email: 'priya@northwindcreative.example', role: 'MEMBER' },
  { name: 'Tomás Lindqvist', email: 'tomas@northwindcreative.example', role: 'MEMBER' },
  { name: 'Grace Whitfield', email: 'grace.whitfield@harborandpine.example', role: 'CLIENT', client: 'harbor' },
];

/**
 * The platform part of the demo: two clients, the people and their memberships (one a CLIENT member
 * of Harbor & Pine), and four projects, with the ids the seed context already gave them.
 */
export async function seedPlatform(ctx: SeedContext): Promise<FeatureSeed> {
  const { organizationId } = ctx;
  const since = daysAgo(ctx, 730);
  const userIds = [ctx.users.owner, ctx.users.admin, ...ctx.users.members, ctx.users.client];
  const people = demoPeople;
  await insertMany(ctx, clients, [
    {
      id: ctx.clients.harbor,
      organizationId,
      name: 'Harbor & Pine Outfitters',
      slug: 'harbor-and-pine',
      industry: 'Retail — outdoor apparel',
      website: 'https://harborandpine.example',
      createdAt: since,
    },
    {
      id: ctx.clients.lumen,
      organizationId,
      name: 'Lumen Health',
      slug: 'lumen-health',
      industry: 'Healthcare technology',
      website: 'https://lumenhealth.example',
      createdAt: since,
    },
  ]);
  await insertMany(
    ctx,
    users,
    people.map((p, i) => ({
      id: userIds[i]!,
      organizationId,
      name: p.name,
      email: p.email,
      externalId: `demo-${p.email.split('@')[0]}`,
      createdAt: since,
    })),
  );
  await insertMany(
    ctx,
    memberships,
    people.map((p, i) => ({
      organizationId,
      userId: userIds[i]!,
      role: p.role,
      clientId: p.client ? ctx.clients[p.client] : null,
      createdAt: since,
    })),
  );
  await insertMany(ctx, projects, [
    {
      id: ctx.projects.spring,
      organizationId,
      clientId: ctx.clients.harbor,
      name: 'Spring Collection launch',
      description: 'Rain shell launch across paid social, search and stores.',
      status: 'ACTIVE',
      startDate: dateAgo(ctx, 120),
      endDate: dateAgo(ctx, -30),
    },
    {
      id: ctx.projects.holiday,
      organizationId,
      clientId: ctx.clients.harbor,
      name: 'Holiday gift guide',
      description: 'Gift guide, shoppable video and retargeting.',
      status: 'COMPLETED',
      startDate: dateAgo(ctx, 380),
      endDate: dateAgo(ctx, 320),
    },
    {
      id: ctx.projects.webinars,
      organizationId,
      clientId: ctx.clients.lumen,
      name: 'Clinician webinar series',
      description: 'Monthly webinars with registration ads and a nurture sequence.',
      status: 'ACTIVE',
      startDate: dateAgo(ctx, 300),
      endDate: null,
    },
    {
      id: ctx.projects.website,
      organizationId,
      clientId: null,
      name: 'Northwind website refresh',
      description: 'Our own site: new case studies and a faster blog.',
      status: 'ACTIVE',
      startDate: dateAgo(ctx, 60),
      endDate: dateAgo(ctx, -45),
    },
  ]);

  return { counts: { users: people.length, clients: 2, projects: 4 } };
}
