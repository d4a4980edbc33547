import type { ContactStatus, ContactType, EmailRecipientStatus, LeadSource } from '@spokestack/core/crm';
import {
  contactListMembers,
  contactLists,
  contacts,
  crmDeals,
  dealContacts,
  emailCampaigns,
  emailRecipients,
  emailTemplates,
  salesPipelines,
} from './schema.js';
import { type SeedContext, daysAgo, insertMany, money, slugify } from '../demo/context.js';
import type { FeatureSeed } from '../feature.js';

const firstNames = [
  'Ava',
  'Noah',
  'Sofia',
  'Liam',
  'Amara',
  'Mateo',
  'Hannah',
  'Kenji',
  'Chloe',
  'Diego',
  'Isla',
  'Omar',
  'Freya',
  'Ethan',
  'Leila',
  'Lucas',
  'Maya',
  'Jonas',
  'Priya',
  'Samuel',
  'Zara',
  'Felix',
  'Elena',
  'Arjun',
  'Grace',
  'Tomás',
  'Nadia',
  'Owen',
  'Aisha',
  'Henrik',
  'Mei',
  'Julian',
  'Fatima',
  'Caleb',
  'Ingrid',
  'Rafael',
  'Yuki',
  'Daniel',
  'Rosa',
  'Theo',
  'Chiara',
  'Marcus',
  'Anika',
  'Benjamin',
  'Lucía',
  'Kwame',
  'Olivia',
  'Ravi',
  'Astrid',
  'Gabriel',
  'Naomi',
  'Sebastian',
  'Imani',
  'Patrick',
  'Lena',
  'Hugo',
  'Sana',
  'Victor',
  'Emily',
  'Tariq',
];
const lastNames = [
  'Okafor',
  'Lindqvist',
  'Martínez',
  'Chen',
  'Nakamura',
  'Müller',
  'Patel',
  'Osei',
  'Kowalski',
  'García',
  "O'Brien",
  'Rossi',
  'Haddad',
  'Nguyen',
  'Jensen',
  'Silva',
  'Kim',
  'Fischer',
  'Dubois',
  'Mensah',
  'Novak',
  'Andersson',
  'Hughes',
  'Rahman',
  'Bianchi',
  'Moreau',
  'Adeyemi',
  'Tanaka',
  'Schmidt',
  'Costa',
  'Walsh',
  'Ivanova',
  'Sato',
  'Reyes',
  'Brennan',
  'Laurent',
  'Kaur',
  'Yilmaz',
  'Eriksen',
  'Park',
  'Whitfield',
  'Delgado',
  'Ahmed',
  'Bergström',
  'Fontaine',
  'Mwangi',
  'Sullivan',
  'Hoffmann',
  'Greco',
  'Takahashi',
];
const places = [
  ['Portland', 'OR', 'United States', '+1 503'],
  ['Seattle', 'WA', 'United States', '+1 206'],
  ['San Francisco', 'CA', 'United States', '+1 415'],
  ['Los Angeles', 'CA', 'United States', '+1 213'],
  ['Denver', 'CO', 'United States', '+1 303'],
  ['Austin', 'TX', 'United States', '+1 512'],
  ['Chicago', 'IL', 'United States', '+1 312'],
  ['New York', 'NY', 'United States', '+1 212'],
  ['Boston', 'MA', 'United States', '+1 617'],
  ['Vancouver', 'BC', 'Canada', '+1 604'],
  ['Toronto', 'ON', 'Canada', '+1 416'],
  ['London', null, 'United Kingdom', '+44 20'],
  ['Berlin', null, 'Germany', '+49 30'],
  ['Amsterdam', null, 'Netherlands', '+31 20'],
  ['Sydney', 'NSW', 'Australia', '+61 2'],
] as const;
/** Companies the contacts work at (fictional; `.example` domains). */
const companies = [
  'Fernwood Coffee Roasters',
  'Atlas Mobility',
  'Brightline Credit Union',
  'Cascade Outdoor Co.',
  'Meridian Dental Group',
  'Tidewater Hotels',
  'Kestrel Software',
  'Oakline Furniture',
  'Bluefin Seafood Market',
  'Summit Physical Therapy',
  'Verdant Home Goods',
  'Northgate University',
  'Copperleaf Spirits',
  'Solstice Solar',
  'Halcyon Yoga Studios',
  'Pioneer Bank & Trust',
  'Ironwood Fitness',
  'Riverstone Realty',
  'Lantern Books',
  'Granite Peak Insurance',
  'Willow & Wren Bakery',
  'Orbital Robotics',
  'Maple Street Pediatrics',
  'Crescent Pet Supply',
  'Redwood Legal LLP',
  'Aurora Skincare',
  'Beacon Logistics',
  'Greenhouse Grocers',
  'Sable Footwear',
  'Harborview Medical Center',
  'Quill & Ink Stationery',
  'Nimbus Cloud Services',
  'Evergreen Senior Living',
  'Foxglove Florals',
  'Starling Airlines',
  'Mosaic Museum of Art',
  'Basalt Brewing Company',
  'Lighthouse Nonprofit Alliance',
];
const roles = [
  [
    'Marketing',
    [
      'Chief Marketing Officer',
      'VP Marketing',
      'Marketing Director',
      'Head of Brand',
      'Growth Marketing Manager',
      'Content Lead',
      'Social Media Manager',
      'Performance Marketing Manager',
      'Marketing Coordinator',
    ],
  ],
  ['Executive', ['CEO', 'Founder', 'COO', 'General Manager']],
  ['Sales', ['VP Sales', 'Head of Partnerships', 'Account Executive', 'Sales Operations Manager']],
  ['Product', ['Head of Product', 'Product Marketing Manager', 'UX Lead']],
  ['Operations', ['Operations Director', 'Procurement Manager', 'Finance Director']],
  ['Communications', ['Communications Director', 'PR Manager', 'Editor-in-Chief']],
] as const;
const contactTags = [
  'newsletter',
  'webinar-attendee',
  'enterprise',
  'smb',
  'retail',
  'healthcare',
  'event-2024',
  'decision-maker',
  'warm',
  'referral',
  'agency-partner',
  'press',
];

/** The spec's example pipeline, which the pipeline board shows as columns. */
export const pipelineStages = [
  { id: 'lead', name: 'Lead', order: 0, probability: 10, color: '#6B7280', isClosed: false, isWon: false },
  { id: 'qualified', name: 'Qualified', order: 1, probability: 25, color: '#3B82F6', isClosed: false, isWon: false },
  { id: 'proposal', name: 'Proposal', order: 2, probability: 50, color: '#F59E0B', isClosed: false, isWon: false },
  { id: 'negotiation', name: 'Negotiation', order: 3, probability: 75, color: '#8B5CF6', isClosed: false, isWon: false },
  { id: 'won', name: 'Won', order: 4, probability: 100, color: '#10B981', isClosed: true, isWon: true },
  { id: 'lost', name: 'Lost', order: 5, probability: 0, color: '#EF4444', isClosed: true, isWon: false },
];
const dealsPerStage: Record<string, number> = { lead: 14, qualified: 12, proposal: 10, negotiation: 8, won: 10, lost: 6 };
const services: [string, [number, number], boolean][] = [
  ['Brand refresh', [25_000, 120_000], false],
  ['Website redesign', [40_000, 180_000], false],
  ['Paid social retainer', [4_000, 15_000], true],
  ['Content program', [3_000, 12_000], true],
  ['Product launch campaign', [35_000, 160_000], false],
  ['SEO retainer', [2_500, 8_000], true],
  ['Holiday campaign', [20_000, 90_000], false],
  ['Video series', [18_000, 75_000], false],
  ['Email program', [2_000, 6_000], true],
  ['Market research study', [12_000, 45_000], false],
];
const lostReasons = ['Budget cut', 'Chose another agency', 'Timing', 'No decision', 'Brought in-house'];

const emailHtml =
  `<!doctype html>
<html><body style="margin:0;background:#f4f4f5;font-family:Helvetica,Arial,sans-serif;color:#18181b">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:32px 16px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px">
<tr><td style="padding:32px 40px 8px"><p ` +
  `style="font-size:13px;letter-spacing:.08em;text-transform:uppercase;color:#2563eb;margin:0">Northwind Notes</p>
<h1 style="font-size:26px;line-height:1.25;margin:8px 0 0">{{headline}}</h1></td></tr>
<tr><td style="padding:16px 40px;font-size:16px;line-height:1.6"><p>Hi {{firstName}},</p>{{body}}</td></tr>
<tr><td style="padding:8px 40px 32px"><a href="{{ctaUrl}}" ` +
  `style="display:inline-block;background:#2563eb;color:#ffffff;text-decoration:none;padding:12px ` +
  `20px;border-radius:6px">{{ctaLabel}}</a></td></tr>
<tr><td style="padding:16px 40px;font-size:12px;color:#71717a;border-top:1px solid #e4e4e7">Northwind Creative · 1120 NW Couch St, ` +
  `Portland, OR · <a href="{{unsubscribeUrl}}" style="color:#71717a">Unsubscribe</a></td></tr>
</table></td></tr></table></body></html>`;

/**
 * The CRM: 500 contacts with varied people, companies, places, statuses, tags and scores; the spec's
 * pipeline with 60 deals across its stages; a newsletter template, the list of consenting active
 * contacts, one sent campaign whose counters agree with its recipients, and one draft.
 */
export async function seedCrm(ctx: SeedContext): Promise<FeatureSeed> {
  const { rng, organizationId } = ctx;
  const owners = [ctx.users.owner, ctx.users.admin, ...ctx.users.members];
  const clientCompanies = [
    { name: 'Harbor & Pine Outfitters', id: ctx.clients.harbor, domain: 'harborandpine.example' },
    { name: 'Lumen Health', id: ctx.clients.lumen, domain: 'lumenhealth.example' },
  ];
  const emails = new Set<string>();
  const contactRows: (typeof contacts.$inferInsert)[] = [];

  for (let i = 0; i < 500; i++) {
    const first = rng.pick(firstNames);
    const last = rng.pick(lastNames);
    // One in twelve works at a client, the rest across the agency's prospects and partners.
    const client = i % 12 === 0 ? clientCompanies[(i / 12) % 2]! : null;
    const companyName = client ? client.name : rng.pick(companies);
    const domain = client
      ? client.domain
      : `${slugify(companyName)
          .replace(/-(co|llp|company)$/, '')
          .replace(/-/g, '')}.example`;
    const local = `${slugify(first)}.${slugify(last)}`.replace(/-/g, '');
    let email = `${local}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domain}`;
    emails.add(email);
    const [department, titles] = rng.weighted(roles.map((r, k) => [r, k === 0 ? 5 : 1] as const));
    const [city, state, country, dial] = rng.pick(places);
    const contactType = client
      ? 'CUSTOMER'
      : rng.weighted<ContactType>([
          ['PROSPECT', 34],
          ['LEAD', 30],
          ['CUSTOMER', 12],
          ['PARTNER', 8],
          ['VENDOR', 5],
          ['INFLUENCER', 5],
          ['PRESS', 4],
          ['INVESTOR', 1],
          ['OTHER', 1],
        ]);
    const status = rng.weighted<ContactStatus>([
      ['ACTIVE', 80],
      ['INACTIVE', 8],
      ['UNSUBSCRIBED', 5],
      ['BOUNCED', 3],
      ['DO_NOT_CONTACT', 2],
      ['ARCHIVED', 2],
    ]);
    const createdAt = daysAgo(ctx, rng.int(1, 720), rng.int(7, 19));
    const consent = status !== 'UNSUBSCRIBED' && status !== 'DO_NOT_CONTACT' && rng.chance(0.7);
    const leadScore = Math.min(100, Math.round(rng.next() * rng.next() * 100 + (contactType === 'LEAD' ? 25 : 0)));
    const contacted = rng.chance(0.75) ? new Date(createdAt.getTime() + rng.float(0, ctx.today.getTime() - createdAt.getTime())) : null;
    contactRows.push({
      id: ctx.id(),
      organizationId,
      firstName: first,
      lastName: last,
      email,
      phone: `${dial} 555 0${String(100 + (i % 900)).padStart(3, '0')}`,
      mobile: rng.chance(0.4) ? `${dial} 555 1${String(rng.int(100, 999))}` : null,
      jobTitle: rng.pick(titles),
      department,
      companyName,
      companyId: client?.id ?? null,
      linkedIn: rng.chance(0.6) ? `https://www.linkedin.com/in/${local.replace('.', '-')}` : null,
      twitter: contactType === 'PRESS' || contactType === 'INFLUENCER' ? `@${local.replace('.', '_').slice(0, 15)}` : null,
      instagram: contactType === 'INFLUENCER' ? `@${local.replace('.', '')}` : null,
      city,
      state,
      country,
      contactType,
      status,
      source: rng.weighted<LeadSource>([
        ['WEBSITE', 30],
        ['REFERRAL', 18],
        ['SOCIAL', 12],
        ['EMAIL', 8],
        ['PAID_ADS', 12],
        ['EVENT', 10],
        ['COLD_OUTREACH', 5],
        ['PARTNER', 3],
        ['IMPORT', 1],
        ['OTHER', 1],
      ]),
      leadScore,
      engagementScore: Math.round(rng.next() * 100),
      lastScoreUpdate: contacted,
      tags: rng.sample(
        contactTags,
        rng.weighted([
          [0, 2],
          [1, 4],
          [2, 3],
          [3, 1],
        ]),
      ),
      customFields: rng.chance(0.3)
        ? { preferredChannel: rng.pick(['email', 'phone', 'linkedin']), annualBudget: rng.pick(['< $50k', '$50k–$250k', '$250k+']) }
        : {},
      ownerId: rng.pick(owners),
      marketingConsent: consent,
      marketingConsentDate: consent ? createdAt : null,
      dataProcessingConsent: true,
      createdAt,
      updatedAt: contacted ?? createdAt,
      lastContactedAt: contacted,
    });
  }
  await insertMany(ctx, contacts, contactRows);

  const pipelineId = ctx.id();
  await ctx.tx.insert(salesPipelines).values({
    id: pipelineId,
    organizationId,
    name: 'New Business',
    description: 'New clients and new projects with existing ones.',
    stages: pipelineStages,
    isDefault: true,
    createdAt: daysAgo(ctx, 720),
  });

  const dealRows: (typeof crmDeals.$inferInsert)[] = [];
  const dealContactRows: (typeof dealContacts.$inferInsert)[] = [];
  const buyers = contactRows.filter(
    (c) => c.status === 'ACTIVE' && (c.contactType === 'PROSPECT' || c.contactType === 'LEAD' || c.contactType === 'CUSTOMER'),
  );
  for (const stage of pipelineStages) {
    for (let k = 0; k < dealsPerStage[stage.id]!; k++) {
      const contact = rng.pick(buyers);
      const [service, [low, high], recurring] = rng.pick(services);
      const amount = Math.round(rng.float(low, high) / 500) * 500 * (recurring ? 12 : 1);
      const createdAt = daysAgo(ctx, stage.isClosed ? rng.int(40, 360) : rng.int(3, 120), rng.int(8, 18));
      const closed = stage.isClosed ? new Date(createdAt.getTime() + rng.int(14, 90) * 86_400_000) : null;
      const id = ctx.id();
      dealRows.push({
        id,
        organizationId,
        pipelineId,
        name: `${contact.companyName} — ${service}`,
        description:
          `${service} for ${contact.companyName}; first conversation with ${contact.firstName} ${contact.lastName} ` +
          `(${contact.jobTitle}).`,
        stageId: stage.id,
        probability: stage.probability,
        amount: money(amount),
        isRecurring: recurring,
        recurringPeriod: recurring ? 'monthly' : null,
        mrr: recurring ? money(amount / 12) : null,
        expectedCloseDate: stage.isClosed ? closed : daysAgo(ctx, -rng.int(7, 120), 17),
        actualCloseDate: closed,
        clientId: contact.companyId ?? null,
        primaryContactId: contact.id!,
        ownerId: contact.ownerId ?? ctx.users.owner,
        lostReason: stage.id === 'lost' ? rng.pick(lostReasons) : null,
        source: contact.source ?? null,
        createdAt,
        updatedAt: closed ?? createdAt,
        lastActivityAt: closed ?? daysAgo(ctx, rng.int(0, 20), 15),
      });
      dealContactRows.push({ organizationId, dealId: id, contactId: contact.id!, role: 'DECISION_MAKER', isPrimary: true });
    }
  }
  await insertMany(ctx, crmDeals, dealRows);
  await insertMany(ctx, dealContacts, dealContactRows);

  const templateId = ctx.id();
  await ctx.tx.insert(emailTemplates).values({
    id: templateId,
    organizationId,
    name: 'Northwind Notes (newsletter)',
    description: 'Monthly newsletter: headline, a few paragraphs, one call to action.',
    htmlContent: emailHtml,
    plainTextContent:
      'Northwind Notes\n\n{{headline}}\n\nHi {{firstName}},\n\n{{body}}\n\n{{ctaLabel}}: {{ctaUrl}}\n\nUnsubscribe: {{unsubscribeUrl}}',
    category: 'newsletter',
    tags: ['newsletter', 'monthly'],
    createdById: ctx.users.admin,
    createdAt: daysAgo(ctx, 300),
  });

  const subscribers = contactRows.filter((c) => c.status === 'ACTIVE' && c.marketingConsent);
  const listId = ctx.id();
  const sentAt = daysAgo(ctx, 9, 15);
  await ctx.tx.insert(contactLists).values({
    id: listId,
    organizationId,
    name: 'Newsletter subscribers',
    description: 'Active contacts who agreed to marketing email.',
    listType: 'STATIC',
    memberCount: subscribers.length,
    lastUpdatedAt: sentAt,
    createdById: ctx.users.admin,
    createdAt: daysAgo(ctx, 300),
  });
  await insertMany(
    ctx,
    contactListMembers,
    subscribers.map((c) => ({
      organizationId,
      listId,
      contactId: c.id!,
      addedAt: c.createdAt,
      addedById: ctx.users.admin,
      source: 'signup-form',
    })),
  );

  const body =
    '<p>Three things we learned this month: broad targeting keeps winning on Meta, shorter subject lines keep winning in email, and ' +
    'nobody reads brand guidelines unless they are built into the tools.</p>';
  const campaignId = ctx.id();
  const recipientRows: (typeof emailRecipients.$inferInsert)[] = [];
  const tally = { delivered: 0, bounced: 0, opened: 0, uniqueOpens: 0, clicked: 0, uniqueClicks: 0, unsubscribed: 0 };
  for (const contact of subscribers) {
    const status = rng.weighted<EmailRecipientStatus>([
      ['DELIVERED', 52],
      ['OPENED', 30],
      ['CLICKED', 12],
      ['BOUNCED', 3],
      ['UNSUBSCRIBED', 3],
    ]);
    const at = (minutes: number) => new Date(sentAt.getTime() + minutes * 60_000);
    const bounced = status === 'BOUNCED';
    const opened = status === 'OPENED' || status === 'CLICKED' || status === 'UNSUBSCRIBED';
    const clicked = status === 'CLICKED';
    const openCount = opened ? rng.int(1, 4) : 0;
    const clickCount = clicked ? rng.int(1, 3) : 0;
    tally.delivered += bounced ? 0 : 1;
    tally.bounced += bounced ? 1 : 0;
    tally.opened += openCount;
    tally.uniqueOpens += opened ? 1 : 0;
    tally.clicked += clickCount;
    tally.uniqueClicks += clicked ? 1 : 0;
    tally.unsubscribed += status === 'UNSUBSCRIBED' ? 1 : 0;
    const openedAt = opened ? at(rng.int(3, 4 * 24 * 60)) : null;
    recipientRows.push({
      organizationId,
      emailCampaignId: campaignId,
      contactId: contact.id!,
      email: contact.email!,
      mergeData: { firstName: contact.firstName, company: contact.companyName ?? null },
      status,
      sentAt,
      deliveredAt: bounced ? null : at(1),
      bouncedAt: bounced ? at(1) : null,
      bounceType: bounced ? rng.pick(['hard', 'soft']) : null,
      openedAt,
      openCount,
      clickedAt: clicked && openedAt ? new Date(openedAt.getTime() + rng.int(1, 30) * 60_000) : null,
      clickCount,
      unsubscribedAt: status === 'UNSUBSCRIBED' && openedAt ? new Date(openedAt.getTime() + 60_000) : null,
    });
  }
  const common = {
    organizationId,
    templateId,
    fromName: 'Northwind Creative',
    fromEmail: 'notes@northwindcreative.example',
    replyTo: 'hello@northwindcreative.example',
    listId,
    createdById: ctx.users.admin,
  };
  await insertMany(ctx, emailCampaigns, [
    {
      ...common,
      id: campaignId,
      name: 'Northwind Notes — What we learned this month',
      subject: 'Three things we learned this month',
      previewText: 'Broad targeting, short subject lines, and guidelines nobody reads.',
      htmlContent: emailHtml
        .replace('{{headline}}', 'Three things we learned this month')
        .replace('{{body}}', body)
        .replace('{{ctaLabel}}', 'Read the full notes')
        .replace('{{ctaUrl}}', 'https://northwindcreative.example/blog'),
      recipientCount: recipientRows.length,
      status: 'SENT',
      sentAt,
      ...tally,
      createdAt: daysAgo(ctx, 12),
      updatedAt: daysAgo(ctx, 2),
    },
    {
      ...common,
      name: 'Northwind Notes — Holiday planning starts now',
      subject: 'Your holiday plan, one month early',
      previewText: 'A month-by-month checklist for retail marketers.',
      htmlContent: emailHtml.replace('{{headline}}', 'Your holiday plan, one month early'),
      status: 'DRAFT',
      createdAt: daysAgo(ctx, 2),
      updatedAt: daysAgo(ctx, 1),
    },
  ]);
  await insertMany(ctx, emailRecipients, recipientRows);
  return { counts: { contacts: contactRows.length, deals: dealRows.length, emailRecipients: recipientRows.length } };
}
