import type { ContentTypeSchema } from '@spokestack/core/cms';
import type { Json } from '../db/columns.js';
import type { Random } from '../demo/random.js';

// The demo agency's writing: titles and paragraphs the generator composes into Tiptap documents.

/** A Tiptap/ProseMirror node (`{ type, attrs?, content?, text?, marks? }`), as the rich text field stores it. */
export type RichNode = { [key: string]: Json };

const text = (value: string, bold = false): RichNode =>
  bold ? { type: 'text', text: value, marks: [{ type: 'bold' }] } : { type: 'text', text: value };
export const paragraph = (...parts: (string | RichNode)[]): RichNode => ({
  type: 'paragraph',
  content: parts.map((p) => (typeof p === 'string' ? text(p) : p)),
});
const heading = (value: string, level = 2): RichNode => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const bullets = (items: string[]): RichNode => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
});
export const doc = (...content: RichNode[]): RichNode => ({ type: 'doc', content });

/** The text of a rich text document, for search (`plain_text`). */
export function plainText(node: RichNode): string {
  if (typeof node.text === 'string') return node.text;
  const children = Array.isArray(node.content) ? (node.content as RichNode[]) : [];
  const inner = children.map(plainText);
  return node.type === 'doc' || node.type === 'bulletList' || node.type === 'listItem' ? inner.join('\n') : inner.join('');
}

export const categories = [
  { slug: 'strategy', name: 'Strategy', color: '#2563EB' },
  { slug: 'design', name: 'Design', color: '#DB2777' },
  { slug: 'content', name: 'Content', color: '#059669' },
  { slug: 'performance', name: 'Performance', color: '#D97706' },
] as const;
export type CategorySlug = (typeof categories)[number]['slug'];

export const contentTags = [
  'brand',
  'social',
  'paid-media',
  'seo',
  'email',
  'retail',
  'healthcare',
  'case-study',
  'process',
  'measurement',
] as const;

/** Blog posts: title, category, tags, and the excerpt that opens the post. */
export const blogPosts: { title: string; category: CategorySlug; tags: string[]; excerpt: string }[] = [
  {
    title: 'Why Your Brand Guidelines Gather Dust (and How to Fix It)',
    category: 'design',
    tags: ['brand', 'process'],
    excerpt: 'A 90-page PDF nobody opens is not a brand system. Here is how we turn guidelines into tools teams actually use.',
  },
  {
    title: 'The Five Questions We Ask Before Every Campaign Kickoff',
    category: 'strategy',
    tags: ['process'],
    excerpt: 'Most campaigns that miss their goals were unclear before the first asset was made. Five questions fix that.',
  },
  {
    title: 'Paid Social in 2025: What Changed in the Auction',
    category: 'performance',
    tags: ['paid-media', 'social'],
    excerpt: 'Broad targeting, creative as the new targeting lever, and why your CPMs moved the way they did.',
  },
  {
    title: 'Writing Product Pages That Sell Without Shouting',
    category: 'content',
    tags: ['retail', 'seo'],
    excerpt: 'Specific beats superlative. A field guide to product copy that answers the questions shoppers actually have.',
  },
  {
    title: 'How We Rebuilt Harbor & Pine’s Photography Library',
    category: 'design',
    tags: ['brand', 'retail', 'case-study'],
    excerpt: 'Four thousand untagged images, three agencies and one weekend launch. What we kept, what we archived and why.',
  },
  {
    title: 'Attribution Is a Conversation, Not a Dashboard',
    category: 'performance',
    tags: ['measurement'],
    excerpt: 'Last-click, data-driven, incrementality: each answers a different question. Pick the question first.',
  },
  {
    title: 'A Practical Guide to Healthcare Marketing Compliance',
    category: 'strategy',
    tags: ['healthcare'],
    excerpt: 'Claims review, fair balance and consent without slowing the team to a crawl.',
  },
  {
    title: 'Email Subject Lines: What 1.2 Million Sends Taught Us',
    category: 'content',
    tags: ['email', 'measurement'],
    excerpt: 'Curiosity lost to clarity in almost every test we ran. The numbers, and the exceptions.',
  },
  {
    title: 'Designing for the Thumb: Mobile-First Social Creative',
    category: 'design',
    tags: ['social'],
    excerpt: 'Safe zones, first-frame hooks and why your logo does not belong in second one.',
  },
  {
    title: 'Building a Content Calendar That Survives Contact with Reality',
    category: 'content',
    tags: ['process', 'social'],
    excerpt: 'Plan themes, not posts. Leave room for the news. Review weekly, not quarterly.',
  },
  {
    title: 'Search Ads Budget Pacing Without the Spreadsheet Panic',
    category: 'performance',
    tags: ['paid-media', 'measurement'],
    excerpt: 'Daily budgets, shared budgets and the pacing alerts we set up for every account.',
  },
  {
    title: 'Positioning Workshops: A Facilitator’s Playbook',
    category: 'strategy',
    tags: ['brand', 'process'],
    excerpt: 'The agenda, the exercises and the one slide we never skip when a client asks who they are for.',
  },
  {
    title: 'Color Systems That Scale From Billboard to Button',
    category: 'design',
    tags: ['brand'],
    excerpt: 'Tokens, contrast ratios and the palette decisions that save your product team months.',
  },
  {
    title: 'SEO for Agencies: Topic Clusters Over Keywords',
    category: 'content',
    tags: ['seo'],
    excerpt: 'Ranking for one phrase is fragile. Owning a topic compounds. How we map clusters for clients.',
  },
  {
    title: 'Creative Testing Frameworks for Meta Ads',
    category: 'performance',
    tags: ['paid-media', 'social', 'measurement'],
    excerpt: 'Concept tests, iteration tests and the sample sizes that make the results worth believing.',
  },
  {
    title: 'The Brief Is the Product: Writing Briefs Creatives Love',
    category: 'strategy',
    tags: ['process'],
    excerpt: 'One page, one problem, one proof point. Our brief template and the reasoning behind each box.',
  },
  {
    title: 'Retail Holiday Planning Starts in July',
    category: 'strategy',
    tags: ['retail', 'paid-media'],
    excerpt: 'Inventory, creative production and audience building all need lead time. A month-by-month checklist.',
  },
  {
    title: 'Accessible Design Is Better Design',
    category: 'design',
    tags: ['brand', 'process'],
    excerpt: 'Captions, contrast and clear language widen your audience and sharpen your message.',
  },
  {
    title: 'Repurposing One Webinar Into a Month of Content',
    category: 'content',
    tags: ['social', 'email', 'healthcare'],
    excerpt: 'Clips, quote cards, a recap post and a nurture sequence from a single hour of expert conversation.',
  },
  {
    title: 'Reading a Marketing Mix Model Without a Statistics Degree',
    category: 'performance',
    tags: ['measurement'],
    excerpt: 'Saturation curves, adstock and the three charts that matter when you decide next quarter’s budget.',
  },
  {
    title: 'Naming a Product: Our Shortlist Method',
    category: 'strategy',
    tags: ['brand'],
    excerpt: 'From 400 candidates to three, with trademark screening and a pronunciation test along the way.',
  },
  {
    title: 'Motion Guidelines for Brands That Move',
    category: 'design',
    tags: ['brand', 'social'],
    excerpt: 'Easing curves, durations and logo animation rules so every video feels like the same brand.',
  },
  {
    title: 'The Newsletter Is Back: Owned Audiences in 2025',
    category: 'content',
    tags: ['email'],
    excerpt: 'Algorithms change; your list stays. How we grow and keep newsletter audiences for clients.',
  },
  {
    title: 'Landing Page Experiments That Moved Conversion',
    category: 'performance',
    tags: ['measurement', 'paid-media'],
    excerpt: 'Seven tests from the last year, three winners, and what the losers taught us.',
  },
];

const sections: Record<CategorySlug, { heading: string; paragraphs: string[]; points: string[] }[]> = {
  strategy: [
    {
      heading: 'Start with the business problem',
      paragraphs: [
        'Every engagement begins with a number the client cares about: revenue per store, qualified leads per month, cost per patient ' +
          'acquired. Creative decisions come after that number is agreed.',
        'When the goal is vague, teams optimise for what is easy to measure. Naming the business outcome first keeps the work honest.',
      ],
      points: [
        'Agree on one primary metric before the kickoff',
        'Write down what would make the project a failure',
        'Name the decision-maker for each deliverable',
      ],
    },
    {
      heading: 'Know who you are talking to',
      paragraphs: [
        'Personas built from a workshop are a starting point, not evidence. We validate them against CRM data, search queries and at ' +
          'least five customer conversations.',
        'The audience that buys is often narrower than the audience the brand wants to reach. Both matter, but they need different ' +
          'messages.',
      ],
      points: [
        'Interview five customers before writing a line',
        'Pull the top search queries that lead to the site',
        'Compare who buys with who the brand targets',
      ],
    },
    {
      heading: 'Plan for the second month',
      paragraphs: [
        'Launches get the attention; month two gets the results. We budget time and money for iteration after the first data arrives.',
        'A plan that cannot change is a plan that will be ignored. Build in review points and decide in advance what would trigger a ' +
          'change.',
      ],
      points: [
        'Hold back 20% of the budget for what works',
        'Schedule a review two weeks after launch',
        'Decide the stop-loss rules up front',
      ],
    },
  ],
  design: [
    {
      heading: 'Systems over one-offs',
      paragraphs: [
        'A logo is a mark; a brand is a system of type, colour, layout and motion that makes every touchpoint recognisable without the ' +
          'logo.',
        'We design components, not pages. A button, a card and a pull quote used consistently do more for recognition than any hero image.',
      ],
      points: ['Define type scale and spacing tokens first', 'Document when to break the rules', 'Ship templates, not just guidelines'],
    },
    {
      heading: 'Design for where it will be seen',
      paragraphs: [
        'Most brand impressions now happen on a phone, in a feed, for less than two seconds. We review every design at actual size on an ' +
          'actual device.',
        'Print still matters for retail clients. The same system has to hold up on a shopping bag and in a 9:16 story.',
      ],
      points: ['Review at 100% on a phone', 'Test legibility at arm’s length', 'Check every asset in dark mode'],
    },
    {
      heading: 'Make it easy to do the right thing',
      paragraphs: [
        'Guidelines fail when following them is harder than ignoring them. A shared asset library with approved, tagged files beats any ' +
          'rulebook.',
        'When a new hire can build an on-brand social post in ten minutes, the system is working.',
      ],
      points: [
        'Keep approved assets in one searchable library',
        'Retire outdated files instead of hiding them',
        'Tag everything by campaign, product and usage rights',
      ],
    },
  ],
  content: [
    {
      heading: 'Answer the real question',
      paragraphs: [
        'Good content answers the question the reader typed, in the first paragraph, in plain words. Everything after that earns the ' +
          'right to be read.',
        'We read the search results and the support inbox before we write. The gaps between them are where useful content lives.',
      ],
      points: ['Lead with the answer', 'Use the reader’s words, not the brand’s', 'Cut every sentence that would not be missed'],
    },
    {
      heading: 'One idea, many formats',
      paragraphs: [
        'A strong idea survives translation into a long article, a carousel, a short video and an email. A weak one falls apart at the ' +
          'first adaptation.',
        'We plan the derivatives when we plan the flagship piece, so production happens once and distribution happens everywhere.',
      ],
      points: ['Plan derivatives before production', 'Write captions as standalone content', 'Keep a library of reusable quotes and stats'],
    },
    {
      heading: 'Consistency beats volume',
      paragraphs: [
        'Publishing three good pieces a month on a steady schedule outperforms a burst of twenty followed by silence.',
        'Editorial calendars should be owned by someone with the authority to say no.',
      ],
      points: [
        'Publish on a schedule readers can predict',
        'Review performance monthly, not daily',
        'Archive content that is no longer true',
      ],
    },
  ],
  performance: [
    {
      heading: 'Measure what the business measures',
      paragraphs: [
        'Platform-reported conversions are a starting point. We reconcile them with the client’s own sales data every month and report ' +
          'the gap openly.',
        'Return on ad spend without margin is a vanity metric. We agree on contribution margin targets before scaling any campaign.',
      ],
      points: [
        'Reconcile platform data with actual sales',
        'Report blended and channel metrics side by side',
        'Set targets on margin, not revenue',
      ],
    },
    {
      heading: 'Creative is the biggest lever',
      paragraphs: [
        'With broad targeting, the creative decides who sees the ad. We test new concepts every two weeks and retire fatigued ones ' +
          'quickly.',
        'A concept that wins on click-through rate can still lose on conversion. We judge tests on the metric closest to revenue that ' +
          'has enough volume.',
      ],
      points: ['Test concepts, then iterate on the winner', 'Watch frequency for signs of fatigue', 'Judge tests on cost per acquisition'],
    },
    {
      heading: 'Pace budgets deliberately',
      paragraphs: [
        'Spend that arrives in the last week of the month rarely performs as well as spend that was planned. We pace daily and review ' +
          'weekly.',
        'Seasonality is predictable. Last year’s curve is the best first guess for this year’s budget shape.',
      ],
      points: ['Alert on pacing drift above 10%', 'Shift budget toward proven campaigns weekly', 'Use last year’s curve as the baseline'],
    },
  ],
};

/** A blog post body: its excerpt, two or three sections of its category, and a closing line. */
export function blogBody(rng: Random, post: (typeof blogPosts)[number]): RichNode {
  const picked = rng.sample(sections[post.category], rng.int(2, 3));
  return doc(
    paragraph(post.excerpt),
    ...picked.flatMap((s) => [heading(s.heading), ...rng.sample(s.paragraphs, rng.int(1, 2)).map((p) => paragraph(p)), bullets(s.points)]),
    paragraph(text('Want to talk it through? ', true), 'Our strategy team runs a free 30-minute working session every Friday.'),
  );
}

/** Case studies: a client story with a challenge, a solution and measured results. */
export const caseStudies: {
  title: string;
  client: 'harbor' | 'lumen' | null;
  company: string;
  industry: string;
  challenge: string;
  solution: string;
  results: [string, string][];
}[] = [
  {
    title: 'Harbor & Pine: Relaunching an Outdoor Brand for City Commuters',
    client: 'harbor',
    company: 'Harbor & Pine Outfitters',
    industry: 'retail',
    challenge: 'Harbor & Pine was known for trail gear but 70% of online buyers lived in cities. The brand felt out of place on a commute.',
    solution:
      'We repositioned the line around "weather-ready every day", reshot the catalogue in four cities and rebuilt the paid social ' +
      'program around short commuter stories.',
    results: [
      ['Online revenue', '+38% YoY'],
      ['Return on ad spend', '4.6x'],
      ['New customers under 35', '+52%'],
    ],
  },
  {
    title: 'Lumen Health: Filling Clinician Webinars Without Cold Outreach',
    client: 'lumen',
    company: 'Lumen Health',
    industry: 'healthcare',
    challenge: 'Lumen’s webinar attendance had plateaued at 80 clinicians per session, most of them existing customers.',
    solution:
      'A LinkedIn and search program targeting specialties, a three-email nurture sequence and on-demand clips for those who missed the ' +
      'live session.',
    results: [
      ['Registrations per webinar', '412'],
      ['Cost per registration', '$23.40'],
      ['Pipeline sourced', '$1.2M'],
    ],
  },
  {
    title: 'Harbor & Pine: A Photo Library the Whole Company Uses',
    client: 'harbor',
    company: 'Harbor & Pine Outfitters',
    industry: 'retail',
    challenge: 'Four thousand product and lifestyle images were scattered across drives, with unclear usage rights.',
    solution: 'We audited, tagged and licensed every image, moved approved ones into a single library and retired the rest.',
    results: [
      ['Time to find an image', 'from 25 min to 2 min'],
      ['Images with clear rights', '100%'],
      ['Reshoots avoided', '11'],
    ],
  },
  {
    title: 'Lumen Health: Compliance-Ready Content at Twice the Speed',
    client: 'lumen',
    company: 'Lumen Health',
    industry: 'healthcare',
    challenge: 'Every article waited three weeks for medical and legal review.',
    solution: 'A claims library, pre-approved templates and a shared review workflow with clear owners at each stage.',
    results: [
      ['Review time', '-58%'],
      ['Articles published per month', '12 (from 5)'],
      ['Organic sessions', '+71%'],
    ],
  },
  {
    title: 'Fernwood Coffee Roasters: From Wholesale to Subscription',
    client: null,
    company: 'Fernwood Coffee Roasters',
    industry: 'food-beverage',
    challenge: 'A wholesale roaster with no direct relationship to the people drinking its coffee.',
    solution: 'A subscription offer, a brand refresh for the bag and a referral program seeded through cafés.',
    results: [
      ['Subscribers in 6 months', '3,900'],
      ['Churn', '4.1% monthly'],
      ['Referral share of signups', '31%'],
    ],
  },
  {
    title: 'Atlas Mobility: Naming and Launching an E-Bike Line',
    client: null,
    company: 'Atlas Mobility',
    industry: 'automotive',
    challenge: 'Atlas needed a name, identity and launch for its first consumer product in eight weeks.',
    solution: 'A two-day naming sprint, a motion-first identity and a launch film cut into 40 social variants.',
    results: [
      ['Pre-orders at launch', '2,150'],
      ['Earned media placements', '64'],
      ['Video completion rate', '41%'],
    ],
  },
  {
    title: 'Brightline Credit Union: Making Banking Feel Local Again',
    client: null,
    company: 'Brightline Credit Union',
    industry: 'finance',
    challenge: 'Members saw Brightline as interchangeable with national banks.',
    solution: 'A campaign built on member stories from each branch town, running on local radio, social and out-of-home.',
    results: [
      ['New accounts', '+27%'],
      ['Aided brand awareness', '+19 pts'],
      ['Cost per new account', '-34%'],
    ],
  },
  {
    title: 'Harbor & Pine: Holiday Gift Guide That Outsold Last Year',
    client: 'harbor',
    company: 'Harbor & Pine Outfitters',
    industry: 'retail',
    challenge: 'The previous gift guide drove traffic but few purchases.',
    solution: 'Price-tiered guides, shoppable video and retargeting by gift recipient instead of product category.',
    results: [
      ['Gift guide conversion rate', '3.9% (from 1.4%)'],
      ['Average order value', '$142'],
      ['Holiday revenue', '+24%'],
    ],
  },
];

/** Social posts: platform, caption and hashtags; `client` ties the post to a client's campaign. */
export const socialPosts: {
  title: string;
  platform: string;
  client: 'harbor' | 'lumen' | null;
  caption: string;
  hashtags: string[];
  campaign: string;
}[] = [
  {
    title: 'H&P — Rain shell launch teaser',
    platform: 'instagram',
    client: 'harbor',
    caption: 'Built for the trail. Tested on the 8:15 to downtown. The Harbor Rain Shell lands Thursday.',
    hashtags: ['harborandpine', 'weatherready', 'commute'],
    campaign: 'Spring Collection',
  },
  {
    title: 'H&P — Rain shell launch day',
    platform: 'instagram',
    client: 'harbor',
    caption: 'It’s here. Seam-sealed, packable, and good-looking enough for the office. Shop the Rain Shell now.',
    hashtags: ['harborandpine', 'newarrivals'],
    campaign: 'Spring Collection',
  },
  {
    title: 'H&P — Commuter stories #1',
    platform: 'tiktok',
    client: 'harbor',
    caption: 'Meet Dana: 11 km by bike, every day, every weather. This is her kit.',
    hashtags: ['commuterstories', 'bikecommute'],
    campaign: 'Spring Collection',
  },
  {
    title: 'H&P — Commuter stories #2',
    platform: 'tiktok',
    client: 'harbor',
    caption: 'Ferry, train, four flights of stairs. Jonah’s commute, and the bag that survives it.',
    hashtags: ['commuterstories'],
    campaign: 'Spring Collection',
  },
  {
    title: 'H&P — Store opening Portland',
    platform: 'facebook',
    client: 'harbor',
    caption: 'Portland, we’re home. Our new Pearl District store opens Saturday with repairs, coffee and 15% off your first visit.',
    hashtags: ['portland', 'harborandpine'],
    campaign: 'Store Openings',
  },
  {
    title: 'H&P — Repair program',
    platform: 'instagram',
    client: 'harbor',
    caption: 'Torn zipper? Worn cuff? Bring it in. Free repairs for life on every Harbor & Pine jacket.',
    hashtags: ['repairdontreplace', 'sustainability'],
    campaign: 'Brand Always-On',
  },
  {
    title: 'H&P — Holiday gift guide',
    platform: 'instagram',
    client: 'harbor',
    caption: 'Gifts for the one who checks the forecast twice. Our guide, sorted by budget.',
    hashtags: ['giftguide', 'holiday'],
    campaign: 'Holiday',
  },
  {
    title: 'Lumen — Webinar announcement',
    platform: 'linkedin',
    client: 'lumen',
    caption: 'Remote monitoring after discharge: what the data says about readmissions. Join Dr. Amara Osei live on the 14th.',
    hashtags: ['digitalhealth', 'remotemonitoring'],
    campaign: 'Clinician Webinars',
  },
  {
    title: 'Lumen — Webinar clip',
    platform: 'linkedin',
    client: 'lumen',
    caption: '“The first 72 hours decide most readmissions.” Watch the 90-second highlight from last week’s session.',
    hashtags: ['digitalhealth', 'cardiology'],
    campaign: 'Clinician Webinars',
  },
  {
    title: 'Lumen — Customer story',
    platform: 'linkedin',
    client: 'lumen',
    caption: 'How St. Brigid’s Regional cut 30-day readmissions by 18% in two quarters with Lumen Monitor.',
    hashtags: ['healthcare', 'casestudy'],
    campaign: 'Customer Stories',
  },
  {
    title: 'Lumen — Hiring nurses',
    platform: 'linkedin',
    client: 'lumen',
    caption: 'Our clinical team is growing. We’re hiring remote-care nurses across three time zones.',
    hashtags: ['nursing', 'hiring'],
    campaign: 'Employer Brand',
  },
  {
    title: 'Lumen — Conference booth',
    platform: 'x',
    client: 'lumen',
    caption: 'At #HIMSS this week? Find us at booth 2214 for a live demo of Lumen Monitor.',
    hashtags: ['HIMSS', 'healthtech'],
    campaign: 'Events',
  },
  {
    title: 'Northwind — Team spotlight',
    platform: 'instagram',
    client: null,
    caption: 'Meet Priya, our head of content, who has never met a headline she couldn’t shorten.',
    hashtags: ['agencylife', 'teamnorthwind'],
    campaign: 'Northwind Brand',
  },
  {
    title: 'Northwind — Hiring designer',
    platform: 'linkedin',
    client: null,
    caption: 'We’re looking for a senior designer who loves systems as much as posters. Remote-friendly, Portland-based.',
    hashtags: ['hiring', 'design'],
    campaign: 'Northwind Brand',
  },
  {
    title: 'Northwind — Award win',
    platform: 'linkedin',
    client: null,
    caption: 'Proud to share that our Harbor & Pine relaunch won Gold for Integrated Campaign at the Pacific Creative Awards.',
    hashtags: ['awards', 'teamnorthwind'],
    campaign: 'Northwind Brand',
  },
  {
    title: 'Northwind — Blog promo: brand guidelines',
    platform: 'x',
    client: null,
    caption: 'Your brand guidelines are a 90-page PDF nobody opens. New on the blog: how to fix it.',
    hashtags: ['branding'],
    campaign: 'Northwind Content',
  },
  {
    title: 'Northwind — Friday session',
    platform: 'linkedin',
    client: null,
    caption: 'Every Friday we open 30 minutes for a free strategy working session. Bring a problem; leave with a plan.',
    hashtags: ['marketingstrategy'],
    campaign: 'Northwind Content',
  },
  {
    title: 'Northwind — Newsletter invite',
    platform: 'instagram',
    client: null,
    caption: 'One email a month. What we learned, what we’re reading, nothing else. Link in bio.',
    hashtags: ['newsletter'],
    campaign: 'Northwind Content',
  },
];

const industries = [
  { value: 'retail', label: 'Retail' },
  { value: 'healthcare', label: 'Healthcare' },
  { value: 'food-beverage', label: 'Food & beverage' },
  { value: 'automotive', label: 'Automotive & mobility' },
  { value: 'finance', label: 'Financial services' },
];

/** The demo's three content types, in the field schema the CMS validates. */
export const contentTypeDefs: {
  slug: string;
  name: string;
  description: string;
  icon: string;
  titleField: string;
  schema: ContentTypeSchema;
}[] = [
  {
    slug: 'blog-post',
    name: 'Blog post',
    description: 'Articles for the Northwind blog.',
    icon: 'file-text',
    titleField: 'title',
    schema: {
      fields: [
        { name: 'title', label: 'Title', type: 'text', required: true, maxLength: 120, localized: true },
        { name: 'slug', label: 'Slug', type: 'slug', from: 'title', required: true, unique: true },
        {
          name: 'excerpt',
          label: 'Excerpt',
          type: 'text',
          multiline: true,
          maxLength: 300,
          localized: true,
          description: 'Shown in listings and as the meta description.',
        },
        { name: 'body', label: 'Body', type: 'richtext', required: true, localized: true },
        { name: 'heroImage', label: 'Hero image', type: 'media', accept: ['image/*'] },
        { name: 'author', label: 'Author', type: 'text', maxLength: 100 },
        { name: 'category', label: 'Category', type: 'select', options: categories.map((c) => ({ value: c.slug, label: c.name })) },
        { name: 'readingTime', label: 'Reading time (minutes)', type: 'number', integer: true, min: 1, max: 60 },
        { name: 'featured', label: 'Featured', type: 'boolean', default: false },
        { name: 'tags', label: 'Tags', type: 'tags', maxItems: 10 },
      ],
    },
  },
  {
    slug: 'case-study',
    name: 'Case study',
    description: 'Client work with measured results.',
    icon: 'briefcase',
    titleField: 'title',
    schema: {
      fields: [
        { name: 'title', label: 'Title', type: 'text', required: true, maxLength: 140, localized: true },
        { name: 'slug', label: 'Slug', type: 'slug', from: 'title', required: true, unique: true },
        { name: 'client', label: 'Client', type: 'text', required: true, maxLength: 100 },
        { name: 'industry', label: 'Industry', type: 'select', options: industries },
        { name: 'challenge', label: 'The challenge', type: 'richtext', required: true, localized: true },
        { name: 'solution', label: 'What we did', type: 'richtext', required: true, localized: true },
        { name: 'results', label: 'Results', type: 'richtext', localized: true },
        { name: 'metrics', label: 'Headline metrics', type: 'json', description: 'A list of { label, value } shown as stat cards.' },
        { name: 'coverImage', label: 'Cover image', type: 'media', accept: ['image/*'], required: true },
        { name: 'completedOn', label: 'Completed on', type: 'date' },
      ],
    },
  },
  {
    slug: 'social-post',
    name: 'Social post',
    description: 'Organic posts, planned and approved before they go out.',
    icon: 'message-circle',
    titleField: 'title',
    schema: {
      fields: [
        { name: 'title', label: 'Internal name', type: 'text', required: true, maxLength: 100 },
        { name: 'slug', label: 'Slug', type: 'slug', from: 'title', required: true, unique: true },
        {
          name: 'platform',
          label: 'Platform',
          type: 'select',
          required: true,
          options: [
            { value: 'instagram', label: 'Instagram' },
            { value: 'linkedin', label: 'LinkedIn' },
            { value: 'facebook', label: 'Facebook' },
            { value: 'x', label: 'X' },
            { value: 'tiktok', label: 'TikTok' },
          ],
        },
        { name: 'caption', label: 'Caption', type: 'text', multiline: true, required: true, maxLength: 2200 },
        { name: 'media', label: 'Media', type: 'media', multiple: true, accept: ['image/*', 'video/*'], maxItems: 10 },
        { name: 'hashtags', label: 'Hashtags', type: 'tags', maxItems: 30 },
        { name: 'campaign', label: 'Campaign', type: 'text', maxLength: 100 },
        { name: 'postAt', label: 'Post at', type: 'date', withTime: true },
      ],
    },
  },
];

/** A case study's rich text parts. */
export function caseStudyBody(study: (typeof caseStudies)[number]) {
  return {
    challenge: doc(paragraph(study.challenge)),
    solution: doc(paragraph(study.solution)),
    results: doc(bullets(study.results.map(([label, value]) => `${label}: ${value}`))),
    metrics: study.results.map(([label, value]) => ({ label, value })),
  };
}
