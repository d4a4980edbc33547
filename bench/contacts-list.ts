import { schema } from '@spokestack/server';
import { type Fixture, assertSameJson, assertSamePage, columnsOf, defineScenario, newestFirstPage } from './scenario.js';

const pageSize = 50;
const { list, toApi } = columnsOf(schema.contacts);

const words = (items: string[]) => `array[${items.map((w) => `'${w}'`).join(',')}]`;
const firstNames = words([
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
]);
const lastNames = words([
  'Okafor',
  'Lindqvist',
  'Martinez',
  'Chen',
  'Nakamura',
  'Muller',
  'Patel',
  'Osei',
  'Kowalski',
  'Garcia',
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
  'Bergstrom',
  'Fontaine',
  'Mwangi',
  'Sullivan',
  'Hoffmann',
  'Greco',
  'Takahashi',
  'Brooks',
]);
const companies = words([
  'Fernwood Coffee',
  'Atlas Mobility',
  'Brightline Credit Union',
  'Cascade Outdoor',
  'Meridian Dental',
  'Tidewater Hotels',
  'Kestrel Software',
  'Oakline Furniture',
  'Bluefin Seafood',
  'Summit Physio',
  'Verdant Home',
  'Northgate University',
  'Copperleaf Spirits',
  'Solstice Solar',
  'Halcyon Yoga',
  'Pioneer Bank',
  'Ironwood Fitness',
  'Riverstone Realty',
  'Lantern Books',
  'Granite Peak Insurance',
]);
const titles = words([
  'Marketing Director',
  'Head of Brand',
  'CMO',
  'Growth Manager',
  'Content Lead',
  'CEO',
  'Founder',
  'VP Sales',
  'Product Marketing Manager',
  'Procurement Manager',
]);

/**
 * Seeds `entries` varied contacts for the organization (one INSERT … SELECT over generate_series: 100,000 rows in a
 * few seconds, no round trips). The rows are the same each time and a second call adds none, so the contact
 * scenarios share one seed in a run.
 *
 * @example await seedContacts(fixture)
 */
export async function seedContacts({ sql, organizationId, entries }: Fixture): Promise<void> {
  await sql.unsafe(
    `insert into contacts (id, organization_id, first_name, last_name, email, job_title, company_name, city, country, contact_type,
       status, source, lead_score, engagement_score, tags, custom_fields, marketing_consent, data_processing_consent,
       created_at, updated_at)
     select 'b' || substr(md5('contact' || i), 1, 23), $1,
       (${firstNames})[1 + i % 40], (${lastNames})[1 + (i / 40) % 50],
       'contact' || i || '@' || replace(lower((${companies})[1 + i % 20]), ' ', '') || '.example',
       (${titles})[1 + i % 10], (${companies})[1 + i % 20],
       (array['Portland','Seattle','Austin','London','Berlin','Toronto'])[1 + i % 6], 
       (array['United States','United States','United States','United Kingdom','Germany','Canada'])[1 + i % 6],
       (array['PROSPECT','LEAD','LEAD','CUSTOMER','PARTNER'])[1 + i % 5]::contact_type,
       (array['ACTIVE','ACTIVE','ACTIVE','ACTIVE','INACTIVE','UNSUBSCRIBED'])[1 + i % 6]::contact_status,
       (array['WEBSITE','REFERRAL','SOCIAL','PAID_ADS','EVENT'])[1 + i % 5]::lead_source,
       (i * 37) % 101, (i * 53) % 101,
       case i % 4 when 0 then array['newsletter'] when 1 then array['enterprise','warm'] when 2 then array[]::text[]
         else array['webinar-attendee'] end,
       case when i % 3 = 0 then '{"preferredChannel":"email"}'::jsonb else '{}'::jsonb end,
       i % 3 <> 0, true,
       timestamptz '2025-01-01T00:00:00Z' + i * interval '97 seconds', timestamptz '2025-01-01T00:00:00Z' + i * interval '97 seconds'
     from generate_series(1, ${entries}) as i
     on conflict do nothing`,
    [organizationId],
  );
  await sql.unsafe('analyze contacts');
}

/**
 * `GET /v1/crm/contacts?limit=50`: the first page of 100,000 contacts of one organization, newest first
 * (the list's default sort), against the same `select … order by created_at desc, id desc limit 51`
 * through bare postgres.js.
 */
export default defineScenario({
  name: 'crm: GET 50 contacts',
  async setup(fixture) {
    await seedContacts(fixture);
    return { organizationId: fixture.organizationId };
  },
  path: () => `/v1/crm/contacts?limit=${pageSize}`,
  baseline: ({ organizationId }) => ({
    // The statement Drizzle builds for the list (same columns, filter, order and limit + 1 for the cursor).
    text:
      `select ${list} from "contacts" where "contacts"."organization_id" = $1 ` +
      `order by "contacts"."created_at" desc, "contacts"."id" desc limit $2`,
    params: [organizationId, pageSize + 1],
    reply: (rows) => newestFirstPage(rows.map(toApi), pageSize),
  }),
  check: (ours, baseline) => assertSamePage('contacts page', pageSize, ours, baseline),
});

const term = 'lindqvist';

/**
 * `GET /v1/crm/contacts?q=lindqvist&limit=50`: a search over 100,000 contacts (a substring of the name, email or
 * company, 2,000 of them match), newest first, against the hand-written `like` over the same lower-cased text
 * (the trigram index's expression) through bare postgres.js.
 */
export const contactSearch = defineScenario({
  name: 'crm: search 100k contacts',
  async setup(fixture) {
    await seedContacts(fixture);
    return { organizationId: fixture.organizationId };
  },
  path: () => `/v1/crm/contacts?q=${term}&limit=${pageSize}`,
  baseline: ({ organizationId }) => ({
    text:
      `select ${list} from contacts where organization_id = $1 ` +
      `and lower(first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || coalesce(company_name, '')) like $2 ` +
      'order by created_at desc, id desc limit $3',
    params: [organizationId, `%${term}%`, pageSize + 1],
    reply: (rows) => ({ data: rows.slice(0, pageSize).map(toApi), more: rows.length > pageSize }),
  }),
  check(ours, baseline) {
    const [a, b] = [ours, baseline] as { data: { lastName: string }[]; nextCursor?: unknown; more?: boolean }[];
    if (a!.data.length !== pageSize) throw new Error(`expected ${pageSize} matches, got ${a!.data.length}`);
    if (!a!.data.every((c) => c.lastName.toLowerCase().includes(term))) throw new Error('contact search: a reply that does not match');
    assertSameJson('contact search', a!.data, b!.data);
    if (typeof a!.nextCursor !== 'string' || !b!.more) throw new Error('contact search: both replies should offer a next page');
  },
  target: 0.7,
});
