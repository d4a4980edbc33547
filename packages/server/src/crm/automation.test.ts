import { createHmac } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkflowAction, WorkflowTrigger } from '@spokestack/core/crm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../jobs/worker.js';
import type { Job } from '../jobs/queue.js';
import { silentLogger } from '../platform/logger.js';
import { createTestInstance, problem, type TestInstance } from '../testing/index.js';
import { startSmtpServer } from '../testing/smtp.js';
import { recordContactActivity } from './activities.js';
import { perContactPerHour, workflowSweepJobName } from './automation.js';

let t: TestInstance;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let receiver: Server;
let hookUrl: string;
const hooks: { body: string; signature: string }[] = [];
let failHooks = 0;
let pipelineId: string;
const secret = 'whsec_0123456789abcdef';
const day = 86_400_000;

const stages = [
  { id: 'lead', name: 'Lead', order: 0, probability: 10 },
  { id: 'proposal', name: 'Proposal', order: 1, probability: 50 },
  { id: 'won', name: 'Won', order: 2, probability: 100, isClosed: true, isWon: true },
  { id: 'lost', name: 'Lost', order: 3, probability: 0, isClosed: true },
];

beforeAll(async () => {
  smtp = await startSmtpServer();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failHooks > 0) {
        failHooks--;
        res.statusCode = 500;
      } else hooks.push({ body, signature: String(req.headers['spokestack-signature']) });
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`;
  t = await createTestInstance({
    now: '2026-03-01T12:00:00Z',
    allowPrivateWebhookUrls: true,
    mail: { url: smtp.url, from: 'crm@agency.test' },
  });
  await t.sdk.crm.customFields.create({ key: 'renewal', label: 'Renewal', fieldType: 'date' });
  pipelineId = (await t.sdk.crm.pipelines.create({ name: 'Sales', stages, isDefault: true })).id;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  await new Promise((resolve) => receiver.close(resolve));
});

/** A workflow that tags the contacts of one company, so each case below sees only its own contact. */
const tagging = (key: string, triggerType: WorkflowTrigger, triggerConfig: Record<string, unknown>) =>
  t.sdk.crm.workflows.create({
    name: key,
    triggerType,
    triggerConfig: triggerConfig as never,
    conditions: { kind: 'field', field: 'companyName', op: 'eq', value: key },
    actions: [{ type: 'add_tag', config: { tag: key } }],
  });
const contactOf = (key: string, extra: Record<string, unknown> = {}) =>
  t.sdk.crm.contacts.create({ firstName: 'Ada', lastName: key, companyName: key, email: `${key.toLowerCase()}@example.com`, ...extra });
const tagsOf = async (id: string) => (await t.sdk.crm.contacts.get(id)).tags;
const runsOf = async (workflowId: string) => (await t.sdk.crm.workflowExecutions.list({ workflowId, limit: 50 })).data;
const sweep = () => t.jobHandlers[workflowSweepJobName]!({}, {} as Job);
const ctx = () => t.contextFor(t.organization.id);

describe('workflows', () => {
  it('checks the trigger config against its type, the conditions, the lists and the webhooks', async () => {
    const bad = await problem(
      t.sdk.crm.workflows.create({
        name: 'Bad',
        triggerType: 'SCHEDULED',
        triggerConfig: { schedule: 'every day' },
        conditions: { kind: 'customField', key: 'nope', op: 'isSet' },
        actions: [
          { type: 'add_to_list', config: { listId: 'missing' } },
          { type: 'webhook', config: { url: 'https://hooks.example.com/in' } },
        ],
      }),
    );
    expect(bad.errors.map((e) => e.path).sort()).toEqual([
      'body.actions.0.config.listId',
      'body.actions.1.config.secret',
      'body.conditions.key',
      'body.triggerConfig.schedule',
    ]);
    const wrong = await problem(
      t.sdk.crm.workflows.create({
        name: 'Bad',
        triggerType: 'INACTIVITY',
        triggerConfig: {},
        actions: [{ type: 'wait', config: { duration: '1d' } }],
      }),
    );
    expect(wrong.errors.map((e) => e.path)).toEqual(['body.triggerConfig.days']);
  });

  it('fires every event trigger from the write that records it (a compact table)', async () => {
    const deal = async (key: string, contactId: string) =>
      t.sdk.crm.deals.create({ pipelineId, name: key, stageId: 'lead', primaryContactId: contactId });
    const form = await t.sdk.crm.forms.create({
      name: 'Contact us',
      fields: [
        { name: 'email', label: 'Email', type: 'email', required: true, mapTo: 'email' },
        { name: 'company', label: 'Company', mapTo: 'companyName' },
      ],
    });
    const table: [WorkflowTrigger, Record<string, unknown>, (key: string) => Promise<string>][] = [
      ['RECORD_CREATED', { entity: 'contact' }, async (k) => (await contactOf(k)).id],
      [
        'RECORD_UPDATED',
        { entity: 'contact' },
        async (k) => {
          const c = await contactOf(k);
          await t.sdk.crm.contacts.update(c.id, { city: 'Paris' });
          return c.id;
        },
      ],
      [
        'FIELD_CHANGED',
        { entity: 'contact', field: 'jobTitle', to: 'cto' },
        async (k) => {
          const c = await contactOf(k);
          await t.sdk.crm.contacts.update(c.id, { jobTitle: 'Engineer' });
          expect(await tagsOf(c.id)).toEqual([]);
          await t.sdk.crm.contacts.update(c.id, { jobTitle: 'CTO' });
          return c.id;
        },
      ],
      [
        'DEAL_STAGE_CHANGED',
        { toStageId: 'proposal' },
        async (k) => {
          const c = await contactOf(k);
          await t.sdk.crm.deals.move((await deal(k, c.id)).id, { fromStageId: 'lead', stageId: 'proposal' });
          return c.id;
        },
      ],
      [
        'DEAL_WON',
        { pipelineId: 'PIPELINE' },
        async (k) => {
          const c = await contactOf(k);
          await t.sdk.crm.deals.move((await deal(k, c.id)).id, { fromStageId: 'lead', stageId: 'won' });
          return c.id;
        },
      ],
      [
        'DEAL_LOST',
        {},
        async (k) => {
          const c = await contactOf(k);
          await t.sdk.crm.deals.move((await deal(k, c.id)).id, { fromStageId: 'lead', stageId: 'lost', lostReason: 'Budget' });
          return c.id;
        },
      ],
      ...(['EMAIL_OPENED', 'EMAIL_CLICKED', 'EMAIL_REPLIED'] as const).map(
        (type) =>
          [
            type,
            {},
            async (k: string) => {
              const c = await contactOf(k);
              // What campaign tracking writes: a timeline event through crm/activities.ts, nothing else.
              const activityType = type === 'EMAIL_REPLIED' ? 'EMAIL_RECEIVED' : type;
              await recordContactActivity(t.db, ctx(), { contactId: c.id, activityType, subject: type });
              return c.id;
            },
          ] as [WorkflowTrigger, Record<string, unknown>, (key: string) => Promise<string>],
      ),
      [
        'RECORD_CREATED',
        { entity: 'formSubmission', formId: form.id },
        async (k) => {
          await t.sdk.crm.forms.submit(form.id, { email: `${k.toLowerCase()}@example.com`, company: k });
          return (await t.sdk.crm.contacts.list({ q: `${k.toLowerCase()}@example.com` })).data[0]!.id;
        },
      ],
      [
        'MANUAL',
        {},
        async (k) => {
          const c = await contactOf(k);
          expect(await tagsOf(c.id)).toEqual([]);
          return c.id;
        },
      ],
    ];
    for (const [i, [type, config, act]] of table.entries()) {
      const key = `${type}${i}`;
      const workflow = await tagging(key, type, JSON.parse(JSON.stringify(config).replace('PIPELINE', pipelineId)));
      const contactId = await act(key);
      if (type === 'MANUAL') await t.sdk.crm.workflows.run(workflow.id, { contactId });
      await t.runJobs();
      expect({ key, tags: await tagsOf(contactId) }).toEqual({ key, tags: [key] });
      const [run] = await runsOf(workflow.id);
      expect(run).toMatchObject({ status: 'COMPLETED', actionsExecuted: 1, triggerType: type });
    }
  });

  it('fires RECORD_DELETED for a removed contact, with no contact to act on', async () => {
    const workflow = await t.sdk.crm.workflows.create({
      name: 'Deleted',
      triggerType: 'RECORD_DELETED',
      triggerConfig: { entity: 'contact' },
      actions: [{ type: 'add_tag', config: { tag: 'gone' } }],
    });
    const c = await contactOf('Deleted');
    await t.sdk.crm.contacts.delete(c.id);
    await t.runJobs();
    const [run] = await runsOf(workflow.id);
    expect(run).toMatchObject({ triggeredBy: c.id, triggerType: 'RECORD_DELETED', status: 'COMPLETED', actionsExecuted: 0 });
    expect(run!.logs).toMatchObject([{ type: 'add_tag', status: 'skipped' }]);
    await t.sdk.crm.workflows.update(workflow.id, { isActive: false });
  });

  it('runs every action kind, logs each, waits as a delayed job that another worker resumes, and signs the webhook', async () => {
    const template = await t.sdk.crm.emailTemplates.create({ name: 'Hello', htmlContent: '<p>Hello {{firstName|there}}</p>' });
    const staticList = await t.sdk.crm.contactLists.create({ name: 'Nurture' });
    const leaving = await t.sdk.crm.contactLists.create({ name: 'Cold' });
    const c = await contactOf('Actions', { marketingConsent: true });
    await t.sdk.crm.contactLists.addMembers(leaving.id, [c.id]);
    const actions: WorkflowAction[] = [
      { type: 'create_task', config: { title: 'Call {{firstName}}', dueIn: '2d' } },
      { type: 'send_email', config: { templateId: template.id, subject: 'Hi {{firstName}}' } },
      { type: 'update_field', config: { field: 'status', value: 'INACTIVE' } },
      { type: 'add_to_list', config: { listId: staticList.id } },
      { type: 'remove_from_list', config: { listId: leaving.id } },
      { type: 'wait', config: { duration: '1d' } },
      {
        type: 'branch',
        config: {
          if: { kind: 'tag', op: 'has', tag: 'vip' },
          yes: [{ type: 'add_tag', config: { tag: 'vip-followed' } }],
          no: [
            { type: 'add_tag', config: { tag: 'regular' } },
            { type: 'webhook', config: { url: hookUrl, secret } },
          ],
        },
      },
    ];
    const workflow = await t.sdk.crm.workflows.create({ name: 'Everything', triggerType: 'MANUAL', actions });
    expect(workflow.actions[6]).toMatchObject({ config: { no: [{}, { config: { url: hookUrl, secretSet: true } }] } });
    expect(JSON.stringify(workflow)).not.toContain(secret);

    const dry = await t.sdk.crm.workflows.dryRun(workflow.id, { contactId: c.id });
    expect(dry.conditionsMet).toBe(true);
    expect(dry.steps.map((s) => s.description)).toEqual([
      'Create task “Call Ada”',
      'Send “Hi Ada” to actions@example.com',
      'Set status to "INACTIVE"',
      'Add to the list “Nurture”',
      'Remove from the list “Cold”',
      'Wait 1d',
      'Conditions not met: no',
    ]);
    expect(dry.steps[6]!.steps!.map((s) => s.description)).toEqual(['Tag “regular”', `POST a signed event to ${hookUrl}`]);
    // The dry run did nothing.
    expect((await t.sdk.crm.tasks.list({ contactId: c.id })).data).toHaveLength(0);
    expect(smtp.received).toHaveLength(0);
    expect(await runsOf(workflow.id)).toHaveLength(0);

    const started = await t.sdk.crm.workflows.run(workflow.id, { contactId: c.id });
    await t.runJobs();
    let [run] = await runsOf(workflow.id);
    expect(run).toMatchObject({ id: started.id, status: 'RUNNING', actionsExecuted: 6 });
    const [task] = (await t.sdk.crm.tasks.list({ contactId: c.id })).data;
    expect(task).toMatchObject({ title: 'Call Ada', dueDate: new Date(t.clock.now().getTime() + 2 * day).toISOString() });
    expect(smtp.received.map((m) => [m.to, m.mail.subject, m.mail.text?.trim()])).toEqual([
      [['actions@example.com'], 'Hi Ada', 'Hello Ada'],
    ]);
    const after = await t.sdk.crm.contacts.get(c.id);
    expect(after.status).toBe('INACTIVE');
    expect((await t.sdk.crm.contactLists.get(staticList.id)).memberCount).toBe(1);
    expect((await t.sdk.crm.contactLists.get(leaving.id)).memberCount).toBe(0);

    // A restart: a new worker over the same database picks the wait's job up when it is due, not before.
    const restarted = createWorker({ db: t.db, clock: t.clock, logger: silentLogger, handlers: t.jobHandlers });
    await restarted.runDue();
    expect(hooks).toHaveLength(0);
    t.clock.advance(day);
    failHooks = 1;
    await restarted.runDue();
    [run] = await runsOf(workflow.id);
    // The webhook failed once: recorded, and retried with backoff from that step (the tag is not added twice).
    expect(run).toMatchObject({ status: 'RUNNING', error: 'Webhook endpoint answered 500' });
    t.clock.advance(10 * 60_000);
    await restarted.runDue();
    [run] = await runsOf(workflow.id);
    expect(run).toMatchObject({ status: 'COMPLETED', actionsExecuted: 8, error: null });
    expect((run!.logs as { type?: string; status: string }[]).map((l) => `${l.type ?? ''}:${l.status}`)).toEqual([
      'create_task:done',
      'send_email:done',
      'update_field:done',
      'add_to_list:done',
      'remove_from_list:done',
      'wait:waiting',
      'branch:done',
      'add_tag:done',
      ':failed',
      'webhook:done',
    ]);
    expect(await tagsOf(c.id)).toEqual(['regular']);
    const [hook] = hooks;
    const [, ts, sig] = hook!.signature.match(/^t=(\d+),v1=([0-9a-f]+)$/)!;
    expect(sig).toBe(createHmac('sha256', secret).update(`${ts}.${hook!.body}`).digest('hex'));
    // Runs are readable: no secret (nor its sealed form) in them.
    expect(JSON.stringify(await t.sdk.crm.workflowExecutions.get(run!.id))).not.toMatch(/whsec_|"secret"/);
    expect(JSON.parse(hook!.body)).toMatchObject({ type: 'crm.workflow.action', data: { executionId: run!.id, contact: { id: c.id } } });
  });

  it('never retriggers itself, and stops at the per-contact rate limit', async () => {
    const workflow = await t.sdk.crm.workflows.create({
      name: 'Self',
      triggerType: 'RECORD_UPDATED',
      triggerConfig: { entity: 'contact' },
      conditions: { kind: 'field', field: 'companyName', op: 'eq', value: 'Loop' },
      actions: [{ type: 'update_field', config: { field: 'city', value: 'Lyon' } }],
    });
    const c = await contactOf('Loop');
    await t.sdk.crm.contacts.update(c.id, { city: 'Paris' });
    await t.runJobs();
    await t.runJobs();
    expect(await runsOf(workflow.id)).toHaveLength(1);
    expect((await t.sdk.crm.contacts.get(c.id)).city).toBe('Lyon');

    const manual = await t.sdk.crm.workflows.create({
      name: 'Often',
      triggerType: 'MANUAL',
      actions: [{ type: 'add_tag', config: { tag: 'x' } }],
    });
    for (let i = 0; i < perContactPerHour; i++) await t.sdk.crm.workflows.run(manual.id, { contactId: c.id });
    const refused = await t.sdk.crm.workflows.run(manual.id, { contactId: c.id });
    expect(refused).toMatchObject({ status: 'CANCELLED', error: expect.stringContaining('last hour') });
    await t.sdk.crm.workflows.update(workflow.id, { isActive: false });
  });

  it('stops a chain of workflows triggering one another past the depth limit, recording why', async () => {
    const chain = ['city', 'department', 'jobTitle', 'state', 'country'] as const;
    const made = [];
    for (const [i, field] of chain.entries())
      made.push(
        await t.sdk.crm.workflows.create({
          name: `Deep ${field}`,
          triggerType: 'FIELD_CHANGED',
          triggerConfig: { entity: 'contact', field },
          conditions: { kind: 'field', field: 'companyName', op: 'eq', value: 'Deep' },
          actions: [
            chain[i + 1]
              ? { type: 'update_field', config: { field: chain[i + 1]!, value: `set by ${field}` } }
              : { type: 'add_tag', config: { tag: 'end' } },
          ],
        }),
      );
    const c = await contactOf('Deep');
    await t.sdk.crm.contacts.update(c.id, { city: 'Nice' });
    for (let i = 0; i < chain.length; i++) await t.runJobs();
    const runs = await Promise.all(made.map(async (w) => (await runsOf(w.id))[0]));
    expect(runs.map((r) => [r?.depth, r?.status])).toEqual([
      [0, 'COMPLETED'],
      [1, 'COMPLETED'],
      [2, 'COMPLETED'],
      [3, 'COMPLETED'],
      [4, 'CANCELLED'],
    ]);
    expect(runs[4]!.error).toContain('a loop?');
    expect(await tagsOf(c.id)).toEqual([]);
    for (const w of made) await t.sdk.crm.workflows.update(w.id, { isActive: false });
  });

  it('fires SCHEDULED on its cron, DATE_BASED once per date and INACTIVITY once per quiet period', async () => {
    // Where the earlier tests left the clock: three days before a renewal on 03-05 fell within the last day.
    t.clock.set(new Date('2026-03-02T12:10:00Z'));
    const scheduled = await tagging('Cron', 'SCHEDULED', { schedule: '0 9 * * *' });
    const dated = await t.sdk.crm.workflows.create({
      name: 'Renewal',
      triggerType: 'DATE_BASED',
      triggerConfig: { entity: 'contact', customField: 'renewal', offsetDays: -3 },
      actions: [{ type: 'add_tag', config: { tag: 'renewing' } }],
    });
    const cron = await contactOf('Cron');
    const renewing = await contactOf('Renewal', { customFields: { renewal: '2026-03-05' } });
    const later = await contactOf('Later', { customFields: { renewal: '2026-03-20' } });
    await sweep();
    await sweep();
    await t.runJobs();
    expect(await tagsOf(renewing.id)).toEqual(['renewing']);
    expect(await tagsOf(later.id)).toEqual([]);
    expect(await runsOf(dated.id)).toHaveLength(1);
    expect(await tagsOf(cron.id)).toEqual([]);
    t.clock.set(new Date('2026-03-03T09:00:01Z'));
    await t.runJobs();
    expect(await tagsOf(cron.id)).toEqual(['Cron']);
    expect(await runsOf(scheduled.id)).toMatchObject([{ triggerType: 'SCHEDULED', status: 'COMPLETED' }]);

    const quiet = await t.sdk.crm.workflows.create({
      name: 'Quiet',
      triggerType: 'INACTIVITY',
      triggerConfig: { days: 30 },
      conditions: { kind: 'field', field: 'companyName', op: 'eq', value: 'Later' },
      actions: [{ type: 'add_tag', config: { tag: 'dormant' } }],
    });
    // Its last event is now (a contact's creation time is the database's, not the test clock's).
    await recordContactActivity(t.db, ctx(), { contactId: later.id, activityType: 'NOTE', subject: 'Met at a fair' });
    await sweep();
    expect(await runsOf(quiet.id)).toHaveLength(0);
    t.clock.advance(31 * day);
    await sweep();
    await sweep();
    await t.runJobs();
    expect(await tagsOf(later.id)).toEqual(['dormant']);
    expect(await runsOf(quiet.id)).toHaveLength(1);
  });

  it('marks a run FAILED once the queue has retried its failing step for the last time', async () => {
    const workflow = await t.sdk.crm.workflows.create({
      name: 'Broken hook',
      triggerType: 'MANUAL',
      actions: [{ type: 'webhook', config: { url: hookUrl, secret } }],
    });
    failHooks = 100;
    const run = await t.sdk.crm.workflows.run(workflow.id, {});
    for (let i = 0; i < 6; i++) {
      await t.runJobs();
      t.clock.advance(day);
    }
    failHooks = 0;
    expect(await t.sdk.crm.workflowExecutions.get(run.id)).toMatchObject({
      status: 'FAILED',
      actionsFailed: 1,
      actionsExecuted: 0,
      error: 'Webhook endpoint answered 500',
    });
    expect((await t.sdk.crm.workflows.get(workflow.id)).lastError).toBe('Webhook endpoint answered 500');
  });
});
