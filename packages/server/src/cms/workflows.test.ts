import type { SpokeStack } from '@spokestack/core';
import type { WorkflowStage } from '@spokestack/core/cms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
const as: Record<'editor' | 'reviewer' | 'admin' | 'clientA' | 'clientB', SpokeStack> = {} as never;
let reviewerId: string;
let clientA: { id: string };
let typeId: string;
let plainTypeId: string;
let workflowId: string;

/** The problem an SDK call throws. */
beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  clientA = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const clientB = await t.sdk.platform.clients.create({ name: 'Globex', slug: 'globex' });
  const session = async (email: string, role: 'ADMIN' | 'MEMBER' | 'CLIENT', clientId?: string) => {
    const user = await t.sdk.platform.users.create({ email, name: email.split('@')[0]!, role, clientId });
    return { id: user.id, sdk: t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id })).token) };
  };
  as.editor = (await session('editor@agency.test', 'MEMBER')).sdk;
  const reviewer = await session('reviewer@agency.test', 'MEMBER');
  reviewerId = reviewer.id;
  as.reviewer = reviewer.sdk;
  as.admin = (await session('admin@agency.test', 'ADMIN')).sdk;
  as.clientA = (await session('dana@acme.test', 'CLIENT', clientA.id)).sdk;
  as.clientB = (await session('gus@globex.test', 'CLIENT', clientB.id)).sdk;
  const workflow = await t.sdk.cms.workflows.create({ name: 'Client approval', stages: stages() });
  workflowId = workflow.id;
  typeId = (
    await t.sdk.cms.contentTypes.create({
      name: 'Case study',
      slug: 'case-study',
      workflowId,
      schema: {
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'body', type: 'text' },
        ],
      },
    })
  ).id;
  plainTypeId = (
    await t.sdk.cms.contentTypes.create({
      name: 'Note',
      slug: 'note',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    })
  ).id;
});
afterAll(() => t.close());

function stages(): WorkflowStage[] {
  return [
    { name: 'Draft', status: 'DRAFT', order: 0 },
    { name: 'Editorial', status: 'IN_REVIEW', order: 1, assignTo: `user:${reviewerId}`, dueInHours: 48 },
    { name: 'Legal', status: 'IN_REVIEW', order: 2, assignTo: 'role:ADMIN' },
    { name: 'Client', status: 'IN_REVIEW', order: 3, assignTo: 'client' },
    { name: 'Ready', status: 'APPROVED', order: 4 },
  ];
}
const newEntry = (title: string) => t.sdk.cms.entries.create({ contentTypeId: typeId, data: { title }, clientId: clientA.id });
async function activity(entityId: string) {
  return (await t.sdk.platform.activity.list({ entityId, limit: 100 })).data.map((a) => a.action).reverse();
}

describe('workflow definitions', () => {
  it('validates stages: assignees must exist, IN_REVIEW stages are assigned, orders and names unique', async () => {
    const bad = async (stagesInput: unknown) =>
      problem(t.sdk.cms.workflows.create({ name: 'Bad', stages: stagesInput as WorkflowStage[] }));
    expect((await bad([{ name: 'Review', status: 'IN_REVIEW', order: 1 }])).errors).toEqual([
      { path: 'body.stages.0.assignTo', message: 'An IN_REVIEW stage needs an assignee' },
    ]);
    expect((await bad([{ name: 'Review', status: 'IN_REVIEW', order: 1, assignTo: 'user:nobody' }])).errors).toEqual([
      { path: 'body.stages.0.assignTo', message: 'No member of the organization with this id' },
    ]);
    expect((await bad([{ name: 'Review', status: 'IN_REVIEW', order: 1, assignTo: 'role:TEAM_LEAD' }])).errors[0]).toMatchObject({
      path: 'body.stages.0.assignTo',
    });
    expect((await bad([{ name: 'Review', status: 'IN_REVIEW', order: 1, assignTo: 'team' }])).errors[0]).toMatchObject({
      path: 'body.stages.0.assignTo',
    });
    expect(
      (
        await bad([
          { name: 'A', status: 'IN_REVIEW', order: 1, assignTo: 'client' },
          { name: 'B', status: 'IN_REVIEW', order: 1, assignTo: 'client' },
        ])
      ).errors,
    ).toEqual([{ path: 'body.stages.1.order', message: 'Another stage already has order 1' }]);
    expect((await bad([{ name: 'Draft', status: 'DRAFT', order: 0 }])).errors).toEqual([
      { path: 'body.stages', message: 'At least one IN_REVIEW stage is needed' },
    ]);
    // A user of another organization is no member here.
    const stranger = await other.sdk.platform.users.create({ email: 'x@rival.test', name: 'X' });
    expect((await bad([{ name: 'Review', status: 'IN_REVIEW', order: 1, assignTo: `user:${stranger.id}` }])).status).toBe(400);
    await expect(as.editor.cms.workflows.create({ name: 'Mine', stages: stages() })).rejects.toMatchObject({ status: 403 });
    const got = await t.sdk.cms.workflows.get(workflowId);
    expect(got.stages.map((s) => s.name)).toEqual(['Draft', 'Editorial', 'Legal', 'Client', 'Ready']);
  });

  it('keeps one default per organization, and the default drives types without their own workflow', async () => {
    const org = await t.createOrg('Default Workflow Agency');
    const first = await org.sdk.cms.workflows.create({
      name: 'First',
      isDefault: true,
      stages: [{ name: 'Boss', status: 'IN_REVIEW', order: 1, assignTo: 'role:OWNER' }],
    });
    const second = await org.sdk.cms.workflows.create({
      name: 'Second',
      isDefault: true,
      stages: [{ name: 'Boss', status: 'IN_REVIEW', order: 1, assignTo: 'role:ADMIN' }],
    });
    expect((await org.sdk.cms.workflows.get(first.id)).isDefault).toBe(false);
    expect((await org.sdk.cms.workflows.list({ isDefault: true })).data.map((w) => w.id)).toEqual([second.id]);
    const type = await org.sdk.cms.contentTypes.create({
      name: 'Page',
      slug: 'page',
      schema: { fields: [{ name: 'title', type: 'text', required: true }] },
    });
    const entry = await org.sdk.cms.entries.create({ contentTypeId: type.id, data: { title: 'Home' } });
    await expect(org.sdk.cms.entries.publish(entry.id)).rejects.toMatchObject({ status: 409 });
    const { revision } = await org.sdk.cms.entries.submit(entry.id);
    expect(revision).toMatchObject({ stageName: 'Boss', assignedToType: 'role', assignedToId: 'ADMIN' });
    await expect(org.sdk.cms.workflows.update(second.id, { isActive: false })).resolves.toMatchObject({ isActive: false });
    // Deleting a workflow a type uses is refused.
    await org.sdk.cms.contentTypes.update(type.id, { workflowId: first.id });
    await expect(org.sdk.cms.workflows.delete(first.id)).rejects.toMatchObject({ status: 409 });
    await expect(org.sdk.cms.workflows.delete(second.id)).resolves.toMatchObject({ deleted: true });
  });
});

describe('reviews', () => {
  it('walks an entry through every stage, only ever decided by the assignee or an admin', async () => {
    const entry = await newEntry('Acme rebrand');
    await expect(t.sdk.cms.entries.publish(entry.id)).rejects.toMatchObject({
      status: 409,
      detail: expect.stringMatching(/approved through the workflow "Client approval"/),
    });
    await expect(as.clientA.cms.entries.submit(entry.id)).rejects.toMatchObject({ status: 403 });

    const submitted = await as.editor.cms.entries.submit(entry.id, { note: 'Ready for review' });
    expect(submitted.entry.status).toBe('IN_REVIEW');
    expect(submitted.revision).toMatchObject({
      stageName: 'Editorial',
      stageOrder: 1,
      status: 'PENDING',
      assignedToType: 'user',
      assignedToId: reviewerId,
      dueDate: '2025-03-03T10:00:00.000Z',
    });
    await expect(as.editor.cms.entries.submit(entry.id)).rejects.toMatchObject({ status: 409 });

    await expect(as.editor.cms.revisions.approve(submitted.revision.id)).rejects.toMatchObject({ status: 403 });
    const editorial = await as.reviewer.cms.revisions.approve(submitted.revision.id, { feedback: 'Tight copy' });
    expect(editorial.revision).toMatchObject({ status: 'APPROVED', reviewedById: reviewerId, feedback: 'Tight copy' });
    expect(editorial.next).toMatchObject({ stageName: 'Legal', assignedToType: 'role', assignedToId: 'ADMIN', status: 'PENDING' });
    expect(editorial.entry.status).toBe('IN_REVIEW');
    await expect(as.reviewer.cms.revisions.approve(submitted.revision.id)).rejects.toMatchObject({ status: 409 });
    await expect(as.reviewer.cms.revisions.approve(editorial.next!.id)).rejects.toMatchObject({ status: 403 });

    const legal = await as.admin.cms.revisions.approve(editorial.next!.id);
    expect(legal.next).toMatchObject({ stageName: 'Client', assignedToType: 'client', assignedToId: clientA.id });
    // Another client's member does not even see it; the entry's client decides.
    await expect(as.clientB.cms.revisions.approve(legal.next!.id)).rejects.toMatchObject({ status: 404 });
    await expect(as.editor.cms.revisions.approve(legal.next!.id)).rejects.toMatchObject({ status: 403 });
    const client = await as.clientA.cms.revisions.approve(legal.next!.id, { feedback: 'Love it' });
    expect(client.entry.status).toBe('APPROVED');
    expect(client.next).toBeNull();

    const published = await t.sdk.cms.entries.publish(entry.id);
    expect(published.entry.status).toBe('PUBLISHED');
    const history = await as.clientA.cms.entries.revisions(entry.id);
    expect(history.data.map((r) => [r.stageName, r.status])).toEqual([
      ['Editorial', 'APPROVED'],
      ['Legal', 'APPROVED'],
      ['Client', 'APPROVED'],
    ]);
    expect(await activity(entry.id)).toEqual(['created', 'submitted', 'approved', 'approved', 'approved', 'published']);
  });

  it('sends the entry back to DRAFT with the feedback on reject or request changes, and lets an admin skip a stage', async () => {
    const entry = await newEntry('Globex pitch');
    const first = await as.editor.cms.entries.submit(entry.id);
    await expect(
      Promise.resolve(t.request(`/v1/cms/revisions/${first.revision.id}/reject`, { method: 'POST', body: '{}' })).then((r) => r.json()),
    ).resolves.toMatchObject({ status: 400, errors: [{ path: 'body.feedback' }] });
    const rejected = await as.reviewer.cms.revisions.reject(first.revision.id, 'Wrong client name');
    expect(rejected.revision).toMatchObject({ status: 'REJECTED', feedback: 'Wrong client name' });
    expect(rejected.entry.status).toBe('DRAFT');

    const second = await as.editor.cms.entries.submit(entry.id);
    const changes = await as.reviewer.cms.revisions.requestChanges(second.revision.id, 'Shorter intro');
    expect([changes.revision.status, changes.entry.status]).toEqual(['CHANGES_REQUESTED', 'DRAFT']);

    const third = await as.editor.cms.entries.submit(entry.id);
    await expect(as.editor.cms.revisions.skip(third.revision.id)).rejects.toMatchObject({ status: 403 });
    const skipped = await as.admin.cms.revisions.skip(third.revision.id, { feedback: 'Reviewer on leave' });
    expect(skipped.revision.status).toBe('SKIPPED');
    expect(skipped.next?.stageName).toBe('Legal');
    expect((await activity(entry.id)).slice(1)).toEqual([
      'submitted',
      'rejected',
      'submitted',
      'changes_requested',
      'submitted',
      'skipped',
    ]);
  });

  it('voids an approval when the approved content changes, so nothing unreviewed goes live', async () => {
    const entry = await newEntry('Approved then edited');
    let { revision } = await t.sdk.cms.entries.submit(entry.id);
    for (;;) {
      const step = await t.sdk.cms.revisions.approve(revision.id);
      if (!step.next) break;
      revision = step.next;
    }
    await t.sdk.cms.entries.update(entry.id, { data: { body: 'A late change' } });
    expect((await t.sdk.cms.entries.get(entry.id)).status).toBe('DRAFT');
    await expect(t.sdk.cms.entries.publish(entry.id)).rejects.toMatchObject({ status: 409 });
    // Both rows come from the save's transaction (same time), so their order is not defined.
    expect((await activity(entry.id)).slice(-2).sort()).toEqual(['approval_voided', 'updated']);
  });

  it('refuses to submit entries of a type without a workflow, archived entries, and keeps CLIENT members from editing', async () => {
    const note = await t.sdk.cms.entries.create({ contentTypeId: plainTypeId, data: { title: 'No workflow' } });
    await expect(t.sdk.cms.entries.submit(note.id)).rejects.toMatchObject({ status: 409 });
    const entry = await newEntry('Archived one');
    await t.sdk.cms.entries.archive(entry.id);
    await expect(t.sdk.cms.entries.submit(entry.id)).rejects.toMatchObject({ status: 409 });
    await expect(as.clientA.cms.entries.update(entry.id, { data: { title: 'Client edit' } })).rejects.toMatchObject({ status: 403 });
    await expect(as.clientA.cms.entries.publish(entry.id)).rejects.toMatchObject({ status: 403 });
    await expect(
      Promise.resolve(
        t.request('/v1/cms/revisions', { method: 'POST', body: JSON.stringify({ entryId: entry.id, stageName: 'x', stageOrder: 1 }) }),
      ).then((r) => r.status),
    ).resolves.toBe(405);
  });
});

describe('review links', () => {
  async function atClientStage(title: string) {
    const entry = await newEntry(title);
    let { revision } = await t.sdk.cms.entries.submit(entry.id);
    while (revision.assignedToType !== 'client') revision = (await t.sdk.cms.revisions.approve(revision.id)).next!;
    return { entry, revision };
  }

  it('lets the client review the draft and decide without an account, once, before the link expires', async () => {
    const { entry, revision } = await atClientStage('Acme launch page');
    // Whoever holds the link decides for the client: only an OWNER/ADMIN hands one out.
    await expect(as.editor.cms.revisions.reviewLink(revision.id)).rejects.toMatchObject({ status: 403 });
    const link = await as.admin.cms.revisions.reviewLink(revision.id, { expiresInHours: 48 });
    expect(link.url).toBe(`/v1/cms/review-links/${link.token}`);
    expect(link.expiresAt).toBe(new Date(t.clock.now().getTime() + 48 * 3_600_000).toISOString());

    const anonymous = await t.app.request(`http://spokestack.test${link.url}`);
    expect(anonymous.status).toBe(200);
    const view = (await anonymous.json()) as {
      entry: { id: string; data: Record<string, unknown> };
      revision: { stageName: string };
      organization: { name: string };
    };
    expect(view).toMatchObject({
      entry: { id: entry.id, data: { title: 'Acme launch page' } },
      revision: { stageName: 'Client' },
      organization: { name: 'Test Agency' },
    });

    const decide = (body: unknown, token = link.token) =>
      t.app.request(`http://spokestack.test/v1/cms/review-links/${token}/decision`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await decide({ decision: 'approve' })).status).toBe(400);
    const decided = await decide({ decision: 'approve', reviewerName: 'Dana at Acme', feedback: 'Ship it' });
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({
      entryStatus: 'APPROVED',
      revision: { status: 'APPROVED', reviewerName: 'Dana at Acme', reviewedById: null, feedback: 'Ship it' },
    });
    expect((await decide({ decision: 'reject', reviewerName: 'Dana', feedback: 'Changed my mind' })).status).toBe(409);
    const [last] = (await t.sdk.platform.activity.list({ entityId: entry.id, limit: 1 })).data;
    // The reviewer decided, through a link the ADMIN handed out: the record names both.
    const { actor: minter } = await as.admin.platform.me();
    expect(last).toMatchObject({
      action: 'approved',
      actorName: 'Dana at Acme (review link)',
      metadata: { via: 'review-link', linkCreatedBy: { id: minter.id, name: 'admin' } },
    });
  });

  it('refuses links for internal stages, forged or expired links, and links of another organization', async () => {
    const entry = await newEntry('Internal first');
    const { revision } = await t.sdk.cms.entries.submit(entry.id);
    await expect(t.sdk.cms.revisions.reviewLink(revision.id)).rejects.toMatchObject({ status: 409 });

    const { revision: clientStage } = await atClientStage('Needs the client');
    const { token } = await t.sdk.cms.revisions.reviewLink(clientStage.id, { expiresInHours: 1 });
    const [body, signature] = token.slice(3).split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), exp: 4_102_444_800 })).toString(
      'base64url',
    );
    expect((await t.app.request(`http://spokestack.test/v1/cms/review-links/rv_${forged}.${signature}`)).status).toBe(401);
    // A preview token is not a review link.
    const preview = (await t.sdk.cms.previewTokens.create({ entryId: entry.id })).token;
    expect((await t.app.request(`http://spokestack.test/v1/cms/review-links/${preview}`)).status).toBe(401);
    // Another organization cannot mint links for this organization's revisions.
    await expect(other.sdk.cms.revisions.reviewLink(clientStage.id)).rejects.toMatchObject({ status: 404 });
    t.clock.advance(3_600_001);
    const expired = await t.app.request(`http://spokestack.test/v1/cms/review-links/${token}`);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ detail: 'Invalid or expired review link; ask for a new one' });
  });
});

describe('tenant isolation', () => {
  it("treats another organization's workflows, entries and revisions as missing", async () => {
    const entry = await newEntry('Isolated');
    const { revision } = await t.sdk.cms.entries.submit(entry.id);
    await expect(other.sdk.cms.workflows.get(workflowId)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.workflows.update(workflowId, { name: 'Hijacked' })).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.workflows.delete(workflowId)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.entries.submit(entry.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.cms.entries.revisions(entry.id)).rejects.toMatchObject({ status: 404 });
    for (const decide of [
      () => other.sdk.cms.revisions.approve(revision.id),
      () => other.sdk.cms.revisions.reject(revision.id, 'no'),
      () => other.sdk.cms.revisions.skip(revision.id),
    ])
      await expect(decide()).rejects.toMatchObject({ status: 404 });
    expect((await t.sdk.cms.revisions.get(revision.id)).status).toBe('PENDING');
  });
});
