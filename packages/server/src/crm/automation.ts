import type { FieldError } from '@spokestack/core';
import type { PlannedStep, SegmentRule, WorkflowAction, WorkflowTrigger, workflowCreate, workflowUpdate } from '@spokestack/core/crm';
import { crmResources, workflowTriggerConfigs } from '@spokestack/core/crm';
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, transaction } from '../db/client.js';
import type { Json } from '../db/columns.js';
import { resourceService } from '../db/resource-service.js';
import { badRequest, notFound } from '../http/problem.js';
import { validateSchedule } from '../jobs/cron.js';
import type { Job } from '../jobs/queue.js';
import type { ActivityEvent, TenantContext } from '../platform/context.js';
import { checkTarget, postSigned } from '../cms/webhooks.js';
import type { FeatureSchedule } from '../feature.js';
import { recordContactActivity } from './activities.js';
import { type ContactRow, updateContact } from './contacts.js';
import { addMembers, removeMembers, segmentWhere } from './lists.js';
import {
  contactActivities,
  contactLists,
  contacts,
  crmDeals,
  crmTasks,
  crmWorkflows,
  emailTemplates,
  workflowExecutions,
} from './schema.js';
import { createTask } from './tasks.js';
import { htmlToText, merge, mergeValues } from './templates.js';

// Automation. A trigger fires from the one dispatch point (`onWorkflowActivity`, the CRM's activity hook: every
// activity-stream row and every timeline event, in the writer's transaction), from the job queue's cron
// (SCHEDULED), from a sweep (DATE_BASED, INACTIVITY) or from a person (MANUAL). Firing checks the conditions
// on the contact, then writes a `workflow_executions` row with the actions as they are now and enqueues its
// run. The run walks the actions, committing its position and log after each, so a retry (the queue's, with
// backoff) resumes at the step that failed and a `wait` is a delayed job that survives restarts. A run's own
// writes carry its cause: runs they trigger are one deeper, stop at `maxDepth`, and never restart a workflow of
// the chain; a workflow runs at most `perContactPerHour` times an hour for one contact.

export const workflowRunJobName = 'crm.workflow.run';
export const workflowTickJobName = 'crm.workflow.tick';
export const workflowSweepJobName = 'crm.workflowSweep';
/** Runs triggered by runs triggered by … a person's change: deeper than this is a loop. */
export const maxDepth = 3;
export const perContactPerHour = 10;
const secretContext = 'crm.workflow.webhook';
const hourMs = 3_600_000;
const dayMs = 86_400_000;

type WorkflowRow = typeof crmWorkflows.$inferSelect;
type Execution = typeof workflowExecutions.$inferSelect;
type Path = (number | 'yes' | 'no')[];
const workflowService = resourceService(crmWorkflows, crmResources.workflows);
const scheduleKey = (id: string) => `crm.workflow:${id}`;

/** What fired: the trigger, the record it is about, the contact the run acts on, and what the trigger filters on. */
export interface TriggerEvent {
  type: WorkflowTrigger;
  entity?: string;
  entityId: string;
  contactId: string | null;
  data: { [key: string]: Json | undefined };
}

/** What a run keeps in `context`. */
interface RunContext {
  event: TriggerEvent;
  actions: WorkflowAction[];
  /** The workflows whose runs led to this one. */
  chain: string[];
  createdById: string;
}

// ---------------------------------------------------------------------------------------------------------
// Workflows: checked, secrets sealed, shown without them.

function walkActions(actions: WorkflowAction[], path: string, visit: (a: WorkflowAction, path: string) => void) {
  actions.forEach((action, i) => {
    visit(action, `${path}.${i}`);
    if (action.type === 'branch') {
      walkActions(action.config.yes, `${path}.${i}.config.yes`, visit);
      walkActions(action.config.no ?? [], `${path}.${i}.config.no`, visit);
    }
  });
}

type Input = Partial<z.output<typeof workflowCreate>>;

async function checkWorkflow(
  db: Db,
  ctx: TenantContext,
  input: Required<Pick<Input, 'triggerType' | 'triggerConfig' | 'actions'>> & Input,
) {
  const errors: FieldError[] = [];
  const parsed = workflowTriggerConfigs[input.triggerType].safeParse(input.triggerConfig);
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors.push({ path: ['body.triggerConfig', ...issue.path].join('.'), message: issue.message });
  else if (input.triggerType === 'SCHEDULED') {
    const config = parsed.data as { schedule: string; timezone?: string };
    try {
      validateSchedule(config.schedule, config.timezone ?? 'UTC');
    } catch (error) {
      errors.push({ path: 'body.triggerConfig.schedule', message: (error as Error).message.replace(/^schedule: /, '') });
    }
  }
  const rules: [SegmentRule, string][] = input.conditions ? [[input.conditions, 'body.conditions']] : [];
  const templates = new Map<string, string>();
  const lists = new Map<string, string>();
  walkActions(input.actions, 'body.actions', (action, path) => {
    if (action.type === 'branch') rules.push([action.config.if, `${path}.config.if`]);
    if (action.type === 'send_email') templates.set(action.config.templateId, `${path}.config.templateId`);
    if (action.type === 'add_to_list' || action.type === 'remove_from_list') lists.set(action.config.listId, `${path}.config.listId`);
    if (action.type === 'webhook') {
      try {
        checkTarget(ctx, action.config.url, `${path}.config.url`);
      } catch (error) {
        errors.push(...((error as { errors?: FieldError[] }).errors ?? []));
      }
      if (!action.config.secret && !action.config.secretSet)
        errors.push({ path: `${path}.config.secret`, message: 'A secret of at least 16 characters to sign the calls with' });
    }
  });
  if (templates.size) {
    const found = await db
      .select({ id: emailTemplates.id })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.organizationId, ctx.organizationId), inArray(emailTemplates.id, [...templates.keys()])));
    for (const [id, path] of templates)
      if (!found.some((t) => t.id === id)) errors.push({ path, message: 'No email template of this organization' });
  }
  if (lists.size) {
    const found = await db
      .select({ id: contactLists.id, listType: contactLists.listType })
      .from(contactLists)
      .where(and(eq(contactLists.organizationId, ctx.organizationId), inArray(contactLists.id, [...lists.keys()])));
    for (const [id, path] of lists) {
      const list = found.find((l) => l.id === id);
      if (!list) errors.push({ path, message: 'No contact list of this organization' });
      else if (list.listType === 'DYNAMIC') errors.push({ path, message: 'A dynamic list’s members are decided by its rules' });
    }
  }
  for (const [rule, path] of rules)
    await segmentWhere(db, ctx, rule, path).catch((error: unknown) => {
      errors.push(...((error as { errors?: FieldError[] }).errors ?? [{ path, message: String(error) }]));
    });
  if (errors.length) throw badRequest(errors);
  return parsed.data as Json;
}

/** Webhook secrets sealed; a webhook given no new secret keeps the one its URL had. */
function sealActions(ctx: TenantContext, actions: WorkflowAction[], before: WorkflowAction[] = []): WorkflowAction[] {
  const kept = new Map<string, string>();
  walkActions(before, '', (a) => {
    if (a.type === 'webhook' && a.config.secret) kept.set(a.config.url, a.config.secret);
  });
  const seal = (list: WorkflowAction[]): WorkflowAction[] =>
    list.map((a) => {
      if (a.type === 'branch') return { ...a, config: { ...a.config, yes: seal(a.config.yes), no: seal(a.config.no ?? []) } };
      if (a.type !== 'webhook') return a;
      const secret = a.config.secret ? ctx.secrets.seal(a.config.secret, secretContext) : kept.get(a.config.url);
      return { type: 'webhook', config: { url: a.config.url, secret } };
    });
  return seal(actions);
}

/** A workflow as the API shows it: secrets replaced by `secretSet`. */
function present(row: WorkflowRow) {
  const hide = (list: WorkflowAction[]): WorkflowAction[] =>
    list.map((a) => {
      if (a.type === 'branch') return { ...a, config: { ...a.config, yes: hide(a.config.yes), no: hide(a.config.no ?? []) } };
      return a.type === 'webhook' ? { type: 'webhook', config: { url: a.config.url, secretSet: !!a.config.secret } } : a;
    });
  return { ...row, conditions: row.conditions as SegmentRule | null, actions: hide(row.actions as WorkflowAction[]) };
}

async function findWorkflow(db: Db, ctx: TenantContext, id: string): Promise<WorkflowRow> {
  const [row] = await db
    .select()
    .from(crmWorkflows)
    .where(and(eq(crmWorkflows.organizationId, ctx.organizationId), eq(crmWorkflows.id, id)));
  if (!row) throw notFound('Workflow');
  return row;
}

/** Puts a SCHEDULED workflow on the queue's cron (the tick job removes a schedule whose workflow is gone or paused). */
async function syncSchedule(ctx: TenantContext, row: WorkflowRow) {
  if (row.triggerType !== 'SCHEDULED' || !row.isActive) {
    await ctx.jobs.unschedule(scheduleKey(row.id));
    return;
  }
  const config = row.triggerConfig as { schedule: string; timezone?: string };
  await ctx.jobs.schedule(scheduleKey(row.id), {
    name: workflowTickJobName,
    cron: config.schedule,
    timezone: config.timezone,
    payload: { workflowId: row.id },
    organizationId: ctx.organizationId,
  });
}

/** @example await getWorkflow(db, ctx, id) */
export const getWorkflow = async (db: Db, ctx: TenantContext, id: string) => present(await findWorkflow(db, ctx, id));

/** @example await listWorkflows(db, ctx, { triggerType: 'MANUAL' }) */
export async function listWorkflows(db: Db, ctx: TenantContext, query: { limit?: number; cursor?: string; triggerType?: WorkflowTrigger }) {
  const page = await workflowService.list(db, ctx, query);
  return { data: page.data.map((row) => present(row as WorkflowRow)), nextCursor: page.nextCursor };
}

/**
 * Creates a workflow after checking it (see `checkWorkflow`); a SCHEDULED one goes on the queue's cron.
 *
 * @example await createWorkflow(db, ctx, { name: 'Welcome', triggerType: 'MANUAL', actions: [{ type: 'add_tag', config: { tag: 'hi' } }] })
 */
export async function createWorkflow(db: Db, ctx: TenantContext, input: z.output<typeof workflowCreate>) {
  const triggerConfig = await checkWorkflow(db, ctx, input);
  const row = (await workflowService.create(db, ctx, {
    ...input,
    triggerConfig,
    actions: sealActions(ctx, input.actions),
    createdById: ctx.actor.id,
  })) as WorkflowRow;
  await syncSchedule(ctx, row);
  return present(row);
}

/** @example await updateWorkflow(db, ctx, id, { isActive: false }) */
export async function updateWorkflow(db: Db, ctx: TenantContext, id: string, input: z.output<typeof workflowUpdate>) {
  const before = await findWorkflow(db, ctx, id);
  const merged = {
    triggerType: input.triggerType ?? before.triggerType,
    triggerConfig: input.triggerConfig ?? (before.triggerConfig as Record<string, Json>),
    actions: input.actions ?? (before.actions as WorkflowAction[]),
    conditions: input.conditions !== undefined ? input.conditions : (before.conditions as SegmentRule | null),
  };
  const triggerConfig = await checkWorkflow(db, ctx, merged);
  const values = {
    ...input,
    ...(input.triggerConfig || input.triggerType ? { triggerConfig } : {}),
    ...(input.actions ? { actions: sealActions(ctx, input.actions, before.actions as WorkflowAction[]) } : {}),
  };
  const row = (await workflowService.update(db, ctx, id, values)) as WorkflowRow;
  await syncSchedule(ctx, row);
  return present(row);
}

// ---------------------------------------------------------------------------------------------------------
// Firing: conditions, limits, the execution row and its job.

async function contactMatches(db: Db, ctx: TenantContext, rule: SegmentRule, contactId: string): Promise<boolean> {
  const where = await segmentWhere(db, ctx, rule, 'conditions').catch(() => undefined);
  if (!where) return false;
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(where, eq(contacts.id, contactId)));
  return !!row;
}

const enqueueRun = (db: Db, ctx: TenantContext, execution: Pick<Execution, 'id'>, position: Path, runAt?: Date) =>
  ctx.jobs.enqueue(
    workflowRunJobName,
    { executionId: execution.id, position },
    { db, runAt, organizationId: ctx.organizationId, uniqueKey: `${workflowRunJobName}:${execution.id}:${position.join('.')}` },
  );

/**
 * Fires one workflow for one event: checks the loop limits and the conditions, writes the execution row (a
 * CANCELLED one says why a limit stopped it) and enqueues its run, in `db` (the trigger's transaction). Null
 * when the contact does not match the conditions (and `recordMiss` is off) or the occasion already fired.
 */
export async function startRun(
  db: Db,
  ctx: TenantContext,
  workflow: WorkflowRow,
  event: TriggerEvent,
  options: { dedupeKey?: string; recordMiss?: boolean } = {},
): Promise<Execution | null> {
  const depth = ctx.cause?.depth ?? 0;
  const chain = [...(ctx.cause?.workflowIds ?? [])];
  let refusal: string | undefined;
  if (depth > maxDepth) refusal = `Stopped: more than ${maxDepth} workflow runs led here (a loop?)`;
  else if (event.contactId) {
    const [recent] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(workflowExecutions)
      .where(
        and(
          eq(workflowExecutions.organizationId, ctx.organizationId),
          eq(workflowExecutions.workflowId, workflow.id),
          eq(workflowExecutions.contactId, event.contactId),
          gte(workflowExecutions.startedAt, new Date(ctx.now.getTime() - hourMs)),
          sql`${workflowExecutions.status} <> 'CANCELLED'`,
        ),
      );
    if ((recent?.n ?? 0) >= perContactPerHour)
      refusal = `Stopped: already ran ${perContactPerHour} times for this contact in the last hour`;
  }
  if (!refusal && workflow.conditions) {
    const met = event.contactId ? await contactMatches(db, ctx, workflow.conditions as SegmentRule, event.contactId) : false;
    if (!met) {
      if (!options.recordMiss) return null;
      refusal = event.contactId ? 'The contact does not match the conditions' : 'The conditions need a contact';
    }
  }
  // The run's copy of the actions shows no webhook secret (runs are readable); the call reads it from the workflow.
  const { actions } = present(workflow);
  const context: RunContext = { event, actions, chain, createdById: workflow.createdById };
  const [execution] = await db
    .insert(workflowExecutions)
    .values({
      organizationId: ctx.organizationId,
      workflowId: workflow.id,
      triggeredBy: event.entityId,
      triggerType: event.type,
      contactId: event.contactId,
      status: refusal ? 'CANCELLED' : 'PENDING',
      startedAt: ctx.now,
      completedAt: refusal ? ctx.now : null,
      context: context as unknown as Json,
      position: refusal ? null : [0],
      depth,
      dedupeKey: options.dedupeKey ?? null,
      error: refusal ?? null,
      logs: [],
    })
    .onConflictDoNothing({ target: [workflowExecutions.workflowId, workflowExecutions.dedupeKey] })
    .returning();
  if (!execution) return null;
  if (refusal) return execution;
  await db
    .update(crmWorkflows)
    .set({ runCount: sql`${crmWorkflows.runCount} + 1`, lastRunAt: ctx.now })
    .where(and(eq(crmWorkflows.organizationId, ctx.organizationId), eq(crmWorkflows.id, workflow.id)));
  await enqueueRun(db, ctx, execution, [0]);
  return execution;
}

/** Whether an event is one a workflow's trigger config listens for. */
function listensFor(workflow: WorkflowRow, event: TriggerEvent): boolean {
  if (workflow.triggerType !== event.type) return false;
  const config = workflow.triggerConfig as Record<string, Json | undefined>;
  const d = event.data;
  switch (event.type) {
    case 'RECORD_CREATED':
    case 'RECORD_UPDATED':
    case 'RECORD_DELETED':
      return config.entity === event.entity && (!config.formId || config.formId === d.formId);
    case 'FIELD_CHANGED': {
      if (config.entity !== event.entity || !(d.changedFields as string[]).includes(config.field as string)) return false;
      if (config.to === undefined) return true;
      const now = (d.row as Record<string, Json> | undefined)?.[config.field as string];
      return typeof config.to === 'string' && typeof now === 'string' ? now.toLowerCase() === config.to.toLowerCase() : now === config.to;
    }
    case 'DEAL_STAGE_CHANGED':
      return (!config.pipelineId || config.pipelineId === d.pipelineId) && (!config.toStageId || config.toStageId === d.toStageId);
    case 'DEAL_WON':
    case 'DEAL_LOST':
      return !config.pipelineId || config.pipelineId === d.pipelineId;
    case 'EMAIL_OPENED':
    case 'EMAIL_CLICKED':
    case 'EMAIL_REPLIED':
      return !config.campaignId || config.campaignId === d.campaignId;
    default:
      return false;
  }
}

const timelineTriggers: Record<string, WorkflowTrigger> = {
  EMAIL_OPENED: 'EMAIL_OPENED',
  EMAIL_CLICKED: 'EMAIL_CLICKED',
  EMAIL_RECEIVED: 'EMAIL_REPLIED',
  FORM_SUBMISSION: 'RECORD_CREATED',
};
const entities: Record<string, string> = { contacts: 'contact', crm_deals: 'deal', crm_tasks: 'task' };
const recordTriggers: Record<string, WorkflowTrigger> = { created: 'RECORD_CREATED', updated: 'RECORD_UPDATED', deleted: 'RECORD_DELETED' };
const dealMoves = new Set(['stage_changed', 'won', 'lost', 'reopened']);

/** The trigger events an activity-stream row or a timeline event stands for. */
function eventsOf(item: ActivityEvent): TriggerEvent[] {
  const m = (item.metadata ?? {}) as Record<string, Json>;
  if (item.entityType === 'contact_activities') {
    const type = timelineTriggers[item.action];
    if (!type) return [];
    const contactId = m.contactId as string;
    const entity = item.action === 'FORM_SUBMISSION' ? 'formSubmission' : undefined;
    return [
      { type, entity, entityId: item.entityId, contactId, data: { campaignId: m.campaignId, formId: m.formId, activityId: item.entityId } },
    ];
  }
  const entity = entities[item.entityType];
  if (!entity) return [];
  const base = { entity, entityId: item.entityId, contactId: entity === 'contact' ? item.entityId : null };
  const events: TriggerEvent[] = [];
  const record = recordTriggers[item.action];
  if (record) events.push({ ...base, type: record, data: {} });
  if (item.action === 'updated')
    events.push({ ...base, type: 'FIELD_CHANGED', data: { changedFields: (m.changedFields as string[]) ?? [] } });
  if (entity === 'deal' && dealMoves.has(item.action)) {
    const data = { fromStageId: m.fromStageId, toStageId: m.toStageId };
    events.push({ ...base, type: 'DEAL_STAGE_CHANGED', data });
    if (item.action === 'won') events.push({ ...base, type: 'DEAL_WON', data });
    if (item.action === 'lost') events.push({ ...base, type: 'DEAL_LOST', data });
  }
  return events;
}

/**
 * The CRM's activity hook, the one dispatch point of event triggers: maps the rows written (contacts', deals' and
 * tasks' changes, timeline events such as EMAIL_OPENED written by campaign tracking) to trigger events and fires
 * the active workflows listening for them, in the writer's transaction. One query when no workflow listens.
 */
export async function onWorkflowActivity(db: Db, ctx: TenantContext, items: readonly ActivityEvent[]): Promise<void> {
  const events = items.flatMap(eventsOf);
  if (!events.length) return;
  const workflows = await db
    .select()
    .from(crmWorkflows)
    .where(
      and(
        eq(crmWorkflows.organizationId, ctx.organizationId),
        eq(crmWorkflows.isActive, true),
        inArray(crmWorkflows.triggerType, [...new Set(events.map((e) => e.type))]),
      ),
    );
  if (!workflows.length) return;
  for (const event of events) {
    // Deals and tasks run for their contact; a deal's pipeline and a changed field's new value are read now.
    if (event.entity === 'deal' && event.type !== 'RECORD_DELETED') {
      const [deal] = await db
        .select()
        .from(crmDeals)
        .where(and(eq(crmDeals.organizationId, ctx.organizationId), eq(crmDeals.id, event.entityId)));
      event.contactId = deal?.primaryContactId ?? null;
      event.data.pipelineId = deal?.pipelineId;
      if (deal) event.data.row = JSON.parse(JSON.stringify(deal)) as Json;
    } else if (event.entity === 'task' && event.type !== 'RECORD_DELETED') {
      const [task] = await db
        .select({ contactId: crmTasks.contactId })
        .from(crmTasks)
        .where(and(eq(crmTasks.organizationId, ctx.organizationId), eq(crmTasks.id, event.entityId)));
      event.contactId = task?.contactId ?? null;
    } else if (event.type === 'FIELD_CHANGED') {
      const [contact] = await db
        .select()
        .from(contacts)
        .where(and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.id, event.entityId)));
      if (contact) event.data.row = JSON.parse(JSON.stringify(contact)) as Json;
    }
    if (event.type === 'RECORD_DELETED' && event.entity !== 'contact') event.contactId = null;
    for (const workflow of workflows) {
      if (!listensFor(workflow, event)) continue;
      // A workflow whose own run made this change does not start again: the loop ends here.
      if (ctx.cause?.workflowIds.includes(workflow.id)) continue;
      delete event.data.row;
      await startRun(db, ctx, workflow, event);
    }
  }
}

/** Runs a workflow now for a contact (the MANUAL trigger, or any workflow by hand): the execution row. */
export async function runWorkflow(db: Db, ctx: TenantContext, id: string, input: { contactId?: string }) {
  const workflow = await findWorkflow(db, ctx, id);
  if (input.contactId) await contactOf(db, ctx, input.contactId, 'body.contactId');
  return transaction(db, async (tx) => {
    const event: TriggerEvent = { type: 'MANUAL', entityId: input.contactId ?? workflow.id, contactId: input.contactId ?? null, data: {} };
    return (await startRun(tx, ctx, workflow, event, { recordMiss: true }))!;
  });
}

async function contactOf(db: Db, ctx: TenantContext, id: string | null, path?: string): Promise<ContactRow | null> {
  if (!id) return null;
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.organizationId, ctx.organizationId), eq(contacts.id, id)));
  if (!row && path) throw badRequest([{ path, message: 'No contact of this organization with this id' }]);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Running: each step committed with the position after it; waits are delayed jobs.

const durationMs = (d: string) => Number(d.slice(0, -1)) * { m: 60_000, h: hourMs, d: dayMs, w: 7 * dayMs }[d.slice(-1) as 'm'];
const mailable = (c: ContactRow) => !!c.email && c.marketingConsent && !['UNSUBSCRIBED', 'BOUNCED', 'DO_NOT_CONTACT'].includes(c.status);

interface Step {
  decide(action: Extract<WorkflowAction, { type: 'branch' }>, path: Path): Promise<boolean>;
  run(action: WorkflowAction, path: Path, next: Path): Promise<Date | undefined>;
}

/** Walks `list` from `from` (a path relative to it); returns where to resume and when after a wait, or null when done. */
async function walk(list: WorkflowAction[], prefix: Path, from: Path, step: Step): Promise<{ at: Date; resume: Path } | null> {
  let inner = from.slice(1);
  for (let i = typeof from[0] === 'number' ? from[0] : 0; i < list.length; i++, inner = []) {
    const action = list[i]!;
    const path = [...prefix, i];
    if (action.type === 'branch') {
      const side = (inner[0] as 'yes' | 'no' | undefined) ?? ((await step.decide(action, path)) ? 'yes' : 'no');
      const waited = await walk(action.config[side] ?? [], [...path, side], inner.slice(1), step);
      if (waited) return waited;
      continue;
    }
    const next = [...prefix, i + 1];
    const until = await step.run(action, path, next);
    if (until) return { at: until, resume: next };
  }
  return null;
}

/** Does one action for real; returns the log line (and a wait's end). */
async function perform(
  db: Db,
  ctx: TenantContext,
  run: { execution: Execution; context: RunContext; contact: ContactRow | null },
  action: WorkflowAction,
): Promise<{ message: string; skipped?: boolean; until?: Date }> {
  const { contact } = run;
  const values = mergeValues(contact);
  if (action.type === 'wait') {
    const until = new Date(ctx.now.getTime() + durationMs(action.config.duration));
    return { message: `Waiting ${action.config.duration}, until ${until.toISOString()}`, until };
  }
  if (action.type === 'webhook') {
    const body = JSON.stringify({
      id: `evt_${run.execution.id}_${run.execution.actionsExecuted}`,
      type: 'crm.workflow.action',
      createdAt: ctx.now.toISOString(),
      data: {
        workflowId: run.execution.workflowId,
        executionId: run.execution.id,
        trigger: run.context.event,
        contact: contact && { id: contact.id, email: contact.email, firstName: contact.firstName, lastName: contact.lastName },
      },
    });
    const secret = await webhookSecret(db, ctx, run.execution.workflowId, action.config.url);
    await postSigned(ctx, action.config.url, body, secret);
    return { message: `Called ${new URL(action.config.url).host}` };
  }
  if (!contact) return { message: 'Skipped: the run has no contact', skipped: true };
  switch (action.type) {
    case 'create_task': {
      const c = action.config;
      const task = await createTask(db, ctx, {
        title: merge(c.title, values, false),
        description: c.description ? merge(c.description, values, false) : null,
        dueDate: c.dueIn ? new Date(ctx.now.getTime() + durationMs(c.dueIn)).toISOString() : null,
        priority: c.priority,
        taskType: c.taskType,
        contactId: contact.id,
        assignedToId: c.assignedToId ?? contact.ownerId ?? undefined,
      });
      return { message: `Created task “${task.title}”` };
    }
    case 'send_email': {
      if (!mailable(contact))
        return { message: 'Skipped: the contact cannot be mailed (no address, no consent, or unsubscribed)', skipped: true };
      if (!ctx.mailer) throw new Error('No mail transport is configured on this server (set SPOKESTACK_SMTP_URL)');
      const from = action.config.from ?? ctx.mailFrom;
      if (!from) throw new Error('No sender: the server has no default (SPOKESTACK_MAIL_FROM)');
      const [template] = await db
        .select()
        .from(emailTemplates)
        .where(and(eq(emailTemplates.organizationId, ctx.organizationId), eq(emailTemplates.id, action.config.templateId)));
      if (!template) throw new Error('The email template was deleted');
      const subject = merge(action.config.subject, values, false);
      await ctx.mailer.send({
        from,
        to: contact.email!,
        subject,
        html: merge(template.htmlContent, values, true),
        text: merge(template.plainTextContent ?? htmlToText(template.htmlContent), values, false),
      });
      await recordContactActivity(db, ctx, { contactId: contact.id, activityType: 'EMAIL_SENT', subject, performedById: null });
      return { message: `Sent “${subject}” to ${contact.email}` };
    }
    case 'update_field': {
      const { field, customField, value } = action.config;
      await updateContact(db, ctx, contact.id, field ? { [field]: value } : { customFields: { [customField!]: value } });
      return { message: `Set ${field ?? `custom.${customField}`} to ${JSON.stringify(value)}` };
    }
    case 'add_to_list':
    case 'remove_from_list': {
      const change = action.type === 'add_to_list' ? addMembers : removeMembers;
      const { changed } = await change(db, ctx, action.config.listId, [contact.id]);
      return {
        message: changed ? (action.type === 'add_to_list' ? 'Added to the list' : 'Removed from the list') : 'No change: already so',
      };
    }
    case 'add_tag': {
      if (contact.tags.some((t) => t.toLowerCase() === action.config.tag.toLowerCase())) return { message: 'No change: already tagged' };
      await updateContact(db, ctx, contact.id, { tags: [...contact.tags, action.config.tag] });
      return { message: `Tagged “${action.config.tag}”` };
    }
  }
  return { message: 'Unknown action', skipped: true };
}

/** The sealed secret the workflow keeps for a webhook URL, opened; a webhook removed since has none and fails. */
async function webhookSecret(db: Db, ctx: TenantContext, workflowId: string, url: string): Promise<string> {
  const workflow = await findWorkflow(db, ctx, workflowId);
  let sealed: string | undefined;
  walkActions(workflow.actions as WorkflowAction[], '', (a) => {
    if (a.type === 'webhook' && a.config.url === url && a.config.secret) sealed ??= a.config.secret;
  });
  if (!sealed) throw new Error('The workflow no longer has this webhook');
  return ctx.secrets.open(sealed, secretContext);
}

const appendLog = (entry: Record<string, Json>) =>
  sql`coalesce(${workflowExecutions.logs}, '[]'::jsonb) || ${JSON.stringify([entry])}::jsonb`;

/**
 * The run job: walks the execution's actions from its stored position. A failing step is logged and thrown, so
 * the queue retries it with backoff; after the last attempt the run is FAILED. Idempotent: a step committed is
 * never done again, and a finished run's job does nothing.
 */
export async function runWorkflowJob(db: Db, jobCtx: TenantContext, payload: Json, job: Job): Promise<void> {
  // The payload's position names the job (a wait's resume point); the run goes on from the stored one, which a
  // retry has moved past the steps already done.
  const { executionId } = payload as { executionId: string };
  const byId = and(eq(workflowExecutions.organizationId, jobCtx.organizationId), eq(workflowExecutions.id, executionId));
  const [execution] = await db.select().from(workflowExecutions).where(byId);
  if (!execution || !['PENDING', 'RUNNING'].includes(execution.status)) return;
  const context = execution.context as unknown as RunContext;
  const ctx: TenantContext = { ...jobCtx, cause: { depth: execution.depth + 1, workflowIds: [...context.chain, execution.workflowId] } };
  await db.update(workflowExecutions).set({ status: 'RUNNING' }).where(byId);
  let current = execution;
  const step: Step = {
    async decide(action, path) {
      const met = current.contactId ? await contactMatches(db, ctx, action.config.if, current.contactId) : false;
      await db
        .update(workflowExecutions)
        .set({
          logs: appendLog({
            path,
            type: 'branch',
            status: 'done',
            message: met ? 'Conditions met: yes' : 'Conditions not met: no',
            at: ctx.now.toISOString(),
          }),
        })
        .where(byId);
      return met;
    },
    async run(action, path, next) {
      let until: Date | undefined;
      await transaction(db, async (tx) => {
        const contact = await contactOf(tx, ctx, current.contactId);
        const result = await perform(tx, ctx, { execution: current, context, contact }, action);
        until = result.until;
        const [row] = await tx
          .update(workflowExecutions)
          .set({
            logs: appendLog({
              path,
              type: action.type,
              status: result.skipped ? 'skipped' : until ? 'waiting' : 'done',
              message: result.message,
              at: ctx.now.toISOString(),
            }),
            actionsExecuted: sql`${workflowExecutions.actionsExecuted} + ${result.skipped ? 0 : 1}`,
            position: next,
            error: null,
          })
          .where(byId)
          .returning();
        current = row!;
        if (until) await enqueueRun(tx, ctx, current, next, until);
      });
      return until;
    },
  };
  try {
    const waited = await walk(context.actions, [], (current.position as Path | null) ?? [0], step);
    if (waited) return;
    await db.update(workflowExecutions).set({ status: 'COMPLETED', completedAt: ctx.now, position: null }).where(byId);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const final = job.attempts >= job.maxAttempts;
    await db
      .update(workflowExecutions)
      .set({
        logs: appendLog({
          path: (current.position as Json) ?? null,
          status: 'failed',
          message,
          attempt: job.attempts,
          at: ctx.now.toISOString(),
        }),
        error: message,
        ...(final ? { status: 'FAILED' as const, completedAt: ctx.now, actionsFailed: sql`${workflowExecutions.actionsFailed} + 1` } : {}),
      })
      .where(byId);
    await db
      .update(crmWorkflows)
      .set({ lastError: message })
      .where(and(eq(crmWorkflows.organizationId, ctx.organizationId), eq(crmWorkflows.id, execution.workflowId)));
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Time-based triggers.

/** A SCHEDULED workflow's cron tick: one run (per matching contact when it has conditions). */
export async function runWorkflowTick(db: Db, ctx: TenantContext, payload: Json, job: Job): Promise<void> {
  const { workflowId } = payload as { workflowId: string };
  const [workflow] = await db
    .select()
    .from(crmWorkflows)
    .where(and(eq(crmWorkflows.organizationId, ctx.organizationId), eq(crmWorkflows.id, workflowId)));
  if (!workflow?.isActive || workflow.triggerType !== 'SCHEDULED') {
    await ctx.jobs.unschedule(scheduleKey(workflowId));
    return;
  }
  const tick = job.runAt.toISOString();
  await transaction(db, async (tx) => {
    if (!workflow.conditions) {
      await startRun(
        tx,
        ctx,
        workflow,
        { type: 'SCHEDULED', entityId: workflow.id, contactId: null, data: { tick } },
        { dedupeKey: `tick:${tick}` },
      );
      return;
    }
    const where = await segmentWhere(tx, ctx, workflow.conditions as SegmentRule, 'conditions');
    const matching = await tx.select({ id: contacts.id }).from(contacts).where(where).limit(1000);
    for (const { id } of matching)
      await startRun(
        tx,
        ctx,
        workflow,
        { type: 'SCHEDULED', entityId: id, contactId: id, data: { tick } },
        { dedupeKey: `tick:${tick}:${id}` },
      );
  });
}

/** The DATE_BASED and INACTIVITY candidates of one workflow now: the record, its contact, and the occasion. */
async function dueOccasions(db: Db, ctx: TenantContext, workflow: WorkflowRow) {
  const org = ctx.organizationId;
  const config = workflow.triggerConfig as Record<string, Json>;
  if (workflow.triggerType === 'INACTIVITY') {
    const last = sql<Date>`coalesce((select max(${contactActivities.createdAt}) from ${contactActivities} where ${and(
      eq(contactActivities.organizationId, org),
      eq(contactActivities.contactId, contacts.id),
    )}), ${contacts.createdAt})`;
    const rows = await db
      .select({ id: contacts.id, last: sql<string>`(${last})::text` })
      .from(contacts)
      .where(
        and(
          eq(contacts.organizationId, org),
          sql`${last} < ${new Date(ctx.now.getTime() - (config.days as number) * dayMs).toISOString()}::timestamptz`,
        ),
      )
      .limit(500);
    return rows.map((r) => ({ entityId: r.id, contactId: r.id, key: `inactive:${r.id}:${r.last}`, data: { lastActivityAt: r.last } }));
  }
  // The moment is the date shifted by offsetDays; it fires in the day after that moment (the sweep runs often).
  const offset = (config.offsetDays as number) * dayMs;
  const from = new Date(ctx.now.getTime() - offset - dayMs);
  const to = new Date(ctx.now.getTime() - offset);
  if (config.entity === 'deal') {
    const rows = await db
      .select({ id: crmDeals.id, contactId: crmDeals.primaryContactId, date: crmDeals.expectedCloseDate })
      .from(crmDeals)
      .where(and(eq(crmDeals.organizationId, org), gte(crmDeals.expectedCloseDate, from), lt(crmDeals.expectedCloseDate, to)))
      .limit(500);
    return rows.map((r) => ({
      entityId: r.id,
      contactId: r.contactId,
      key: `date:${r.id}:${r.date?.toISOString()}`,
      data: { date: r.date?.toISOString() ?? null },
    }));
  }
  const value = sql`(${contacts.customFields} ->> ${config.customField as string})`;
  const rows = await db
    .select({ id: contacts.id, date: sql<string>`${value}` })
    .from(contacts)
    .where(
      and(
        eq(contacts.organizationId, org),
        sql`${value} ~ '^\\d{4}-\\d\\d-\\d\\d$'`,
        sql`(${value})::date >= ${from.toISOString()}::timestamptz and (${value})::date < ${to.toISOString()}::timestamptz`,
      ),
    )
    .limit(500);
  return rows.map((r) => ({ entityId: r.id, contactId: r.id, key: `date:${r.id}:${r.date}`, data: { date: r.date } }));
}

/** The sweep of DATE_BASED and INACTIVITY workflows of every organization: each occasion fires once (its dedupe key). */
export const workflowSweep: FeatureSchedule = {
  cron: '*/15 * * * *',
  async run(db, { contextFor }) {
    const due = await db
      .select()
      .from(crmWorkflows)
      .where(and(eq(crmWorkflows.isActive, true), inArray(crmWorkflows.triggerType, ['DATE_BASED', 'INACTIVITY'])))
      .orderBy(desc(crmWorkflows.createdAt));
    for (const workflow of due) {
      const ctx = contextFor(workflow.organizationId);
      for (const o of await dueOccasions(db, ctx, workflow))
        await transaction(db, (tx) =>
          startRun(
            tx,
            ctx,
            workflow,
            { type: workflow.triggerType, entityId: o.entityId, contactId: o.contactId, data: o.data },
            { dedupeKey: o.key },
          ),
        );
    }
  },
};

// ---------------------------------------------------------------------------------------------------------
// Dry run: the same walk, described instead of done.

async function plan(db: Db, ctx: TenantContext, list: WorkflowAction[], prefix: Path, contact: ContactRow | null): Promise<PlannedStep[]> {
  const values = mergeValues(contact);
  const steps: PlannedStep[] = [];
  for (const [i, action] of list.entries()) {
    const path = [...prefix, i];
    const noContact = { path, type: action.type, description: 'Skipped: the run has no contact', skipped: true };
    switch (action.type) {
      case 'branch': {
        const met = contact ? await contactMatches(db, ctx, action.config.if, contact.id) : false;
        const side = met ? 'yes' : 'no';
        steps.push({
          path,
          type: 'branch',
          description: met ? 'Conditions met: yes' : 'Conditions not met: no',
          steps: await plan(db, ctx, action.config[side] ?? [], [...path, side], contact),
        });
        break;
      }
      case 'wait':
        steps.push({ path, type: 'wait', description: `Wait ${action.config.duration}` });
        break;
      case 'webhook':
        steps.push({ path, type: 'webhook', description: `POST a signed event to ${action.config.url}` });
        break;
      case 'create_task':
        steps.push(
          contact ? { path, type: action.type, description: `Create task “${merge(action.config.title, values, false)}”` } : noContact,
        );
        break;
      case 'send_email': {
        if (!contact) steps.push(noContact);
        else if (!mailable(contact))
          steps.push({ path, type: action.type, description: 'Skipped: the contact cannot be mailed', skipped: true });
        else
          steps.push({ path, type: action.type, description: `Send “${merge(action.config.subject, values, false)}” to ${contact.email}` });
        break;
      }
      case 'update_field': {
        const { field, customField, value } = action.config;
        steps.push(
          contact
            ? { path, type: action.type, description: `Set ${field ?? `custom.${customField}`} to ${JSON.stringify(value)}` }
            : noContact,
        );
        break;
      }
      case 'add_to_list':
      case 'remove_from_list': {
        const [list] = await db
          .select({ name: contactLists.name })
          .from(contactLists)
          .where(and(eq(contactLists.organizationId, ctx.organizationId), eq(contactLists.id, action.config.listId)));
        const verb = action.type === 'add_to_list' ? 'Add to' : 'Remove from';
        steps.push(
          contact ? { path, type: action.type, description: `${verb} the list “${list?.name ?? action.config.listId}”` } : noContact,
        );
        break;
      }
      case 'add_tag':
        steps.push(contact ? { path, type: action.type, description: `Tag “${action.config.tag}”` } : noContact);
        break;
    }
  }
  return steps;
}

/**
 * What a workflow would do for a contact now, with no side effect: conditions and branches evaluated, every step
 * described with the contact's values. Reads only.
 *
 * @example const { conditionsMet, steps } = await dryRunWorkflow(db, ctx, id, { contactId })
 */
export async function dryRunWorkflow(db: Db, ctx: TenantContext, id: string, input: { contactId?: string }) {
  const workflow = await findWorkflow(db, ctx, id);
  const contact = await contactOf(db, ctx, input.contactId ?? null, 'body.contactId');
  const conditionsMet = workflow.conditions
    ? contact
      ? await contactMatches(db, ctx, workflow.conditions as SegmentRule, contact.id)
      : false
    : true;
  return { conditionsMet, steps: await plan(db, ctx, workflow.actions as WorkflowAction[], [], contact) };
}
