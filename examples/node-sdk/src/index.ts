import { createSpokeStack, SpokeStackError } from '@spokestack/core';

// Server-side code calling SpokeStack through the typed SDK: what a host app's backend, a script or a
// cron job does. Run it against the demo (`pnpm start` prints the key):
//
//   SPOKESTACK_URL=http://localhost:4000 SPOKESTACK_API_KEY=sk_… pnpm --filter @spokestack/example-node-sdk start

const baseUrl = process.env.SPOKESTACK_URL ?? 'http://localhost:4000';
const apiKey = process.env.SPOKESTACK_API_KEY;
if (!apiKey) {
  console.error('Set SPOKESTACK_API_KEY to a secret key (sk_…); `pnpm start` prints one for the demo organization.');
  process.exit(1);
}

// A secret key belongs on servers only. Browsers get short-lived session tokens (step 5).
const sdk = createSpokeStack({ baseUrl, apiKey });

const { organizationId, actor } = await sdk.platform.me();
console.log(`Connected to ${baseUrl} as "${actor.name}" (${actor.role}) in organization ${organizationId}\n`);

// 1. One page of a filtered, sorted list.
const { data: hottest, nextCursor } = await sdk.crm.contacts.list({ status: 'ACTIVE', sort: '-leadScore', limit: 5 });
console.log('Top active contacts by lead score:');
for (const c of hottest)
  console.log(`  ${String(c.leadScore).padStart(3)}  ${c.firstName} ${c.lastName} · ${c.jobTitle ?? '—'} at ${c.companyName ?? '—'}`);
console.log(nextCursor ? '  (more pages follow)\n' : '');

// 2. Every page: iterate() follows the cursors for you.
const byCountry = new Map<string, number>();
let subscribers = 0;
for await (const contact of sdk.crm.contacts.iterate({ tags: 'newsletter', limit: 200 })) {
  subscribers++;
  byCountry.set(contact.country ?? 'unknown', (byCountry.get(contact.country ?? 'unknown') ?? 0) + 1);
}
console.log(`${subscribers} contacts tagged "newsletter": ${[...byCountry].map(([country, n]) => `${country} ${n}`).join(', ')}\n`);

// 3. Create or update: look the contact up by a unique field first, so running the script twice is safe.
const email = 'ada.lovelace@analytical-engines.example';
// Emails are stored lower-cased and unique per organization; `q` searches name, email and company.
const existing = (await sdk.crm.contacts.list({ q: email, limit: 20 })).data.find((c) => c.email === email);
const ada = existing
  ? await sdk.crm.contacts.update(existing.id, {
      leadScore: Math.min(100, existing.leadScore + 5),
      lastContactedAt: new Date().toISOString(),
    })
  : await sdk.crm.contacts.create({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email,
      companyName: 'Analytical Engines Ltd',
      jobTitle: 'Head of Computation',
      contactType: 'LEAD',
      source: 'REFERRAL',
      tags: ['newsletter', 'warm'],
      leadScore: 60,
    });
console.log(`${existing ? 'Updated' : 'Created'} contact ${ada.firstName} ${ada.lastName} (lead score ${ada.leadScore})`);

// A deal for her in the default pipeline, moved one stage further on every run until it is won.
const [pipeline] = (await sdk.crm.pipelines.list({ limit: 1 })).data;
if (pipeline) {
  const stages = (pipeline.stages as { id: string; name: string; probability: number; isClosed?: boolean }[]).filter(
    (s) => s.id !== 'lost',
  );
  const [owner] = (await sdk.platform.users.list({ role: 'OWNER', limit: 1 })).data;
  const [deal] = (await sdk.crm.deals.list({ primaryContactId: ada.id, limit: 1 })).data;
  if (!deal) {
    const created = await sdk.crm.deals.create({
      pipelineId: pipeline.id,
      name: 'Analytical Engines — Brand refresh',
      stageId: stages[0]!.id,
      probability: stages[0]!.probability,
      amount: '48000.00',
      primaryContactId: ada.id,
      ownerId: owner?.id ?? actor.id,
      source: 'REFERRAL',
    });
    console.log(`Created deal "${created.name}" at stage ${stages[0]!.name} (${created.amount} ${created.currency})`);
  } else {
    const at = stages.findIndex((s) => s.id === deal.stageId);
    const next = stages[Math.min(at + 1, stages.length - 1)]!;
    // A move names the stage the deal was seen in, so a concurrent move answers 409 instead of being overwritten;
    // the server writes the stage history, the probability and, for the won stage, the close date.
    const moved = await sdk.crm.deals.move(deal.id, {
      fromStageId: deal.stageId,
      stageId: next.id,
    });
    console.log(`Moved deal "${moved.name}" from ${stages[at]?.name ?? deal.stageId} to ${next.name}`);
  }
} else console.log('No sales pipeline yet; skipping the deal.');

// 4. Errors are SpokeStackError: the problem document, with the status and a message per field.
try {
  await sdk.crm.contacts.create({ firstName: '', lastName: 'Nobody', leadScore: 1.5 });
} catch (error) {
  if (!(error instanceof SpokeStackError)) throw error;
  console.log(`\n${error.status} ${error.title}:`);
  for (const field of error.errors) console.log(`  ${field.path}: ${field.message}`);
}
try {
  await sdk.crm.contacts.create({ firstName: 'Ada', lastName: 'Again', email });
} catch (error) {
  if (error instanceof SpokeStackError && error.status === 409)
    console.log(`409 as expected, the email is taken: ${error.detail ?? error.title}`);
  else throw error;
}
try {
  await sdk.crm.deals.get('no-such-deal');
} catch (error) {
  if (error instanceof SpokeStackError && error.status === 404) console.log(`404 for an unknown id (request ${error.requestId})`);
  else throw error;
}

// 5. A browser session for one of your users: mint it here, hand the token to the browser.
const [member] = (await sdk.platform.users.list({ role: 'MEMBER', limit: 1 })).data;
if (member) {
  const { token, expiresAt } = await sdk.platform.sessions.create({ userId: member.id, expiresIn: 900 });
  console.log(`\nSession token for ${member.name} (MEMBER), valid until ${expiresAt}: ${token.slice(0, 16)}…`);
  const asMember = createSpokeStack({ baseUrl, token });
  const me = await asMember.platform.me();
  console.log(`  calling as that user: ${me.actor.name}, role ${me.actor.role}`);
  try {
    await asMember.platform.sessions.create({ userId: member.id });
  } catch (error) {
    if (error instanceof SpokeStackError && error.status === 403)
      console.log('  and, as it should, a session cannot mint more sessions (403)');
    else throw error;
  }
} else console.log('\nNo MEMBER user to mint a session for; create one with sdk.platform.users.create().');
