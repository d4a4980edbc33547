import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineOperation, idParams, refusedDescription } from '../shared/operation.js';
import { listQuery, pageOf } from '../shared/pagination.js';
import { base, id, staff, tag, writers } from './common.js';
import { crmTaskType, priority, workflowTrigger } from './enums.js';
import { segmentRule } from './lists.js';
import { workflowExecutions, workflows } from './rows.gen.js';

// Automation workflows: a trigger (a record's change, a deal's stage, a schedule, a date, inactivity, an
// email interaction, a form post, a person's click), conditions in the segment language, and actions run
// by the job queue, each run a `workflow_executions` row with its per-action log. A form post is the
// trigger RECORD_CREATED with `entity: "formSubmission"` (the spec's trigger enum has no value of its own).

/** A delay: a number and a unit (minutes, hours, days, weeks). */
export const workflowDuration = z.string().regex(/^\d{1,4}[mhdw]$/, 'A number and a unit: "30m", "4h", "2d", "1w"');

/** The contact fields `update_field` may set (others are the system's: scores, consent). */
export const workflowFields = [
  'status',
  'contactType',
  'source',
  'jobTitle',
  'department',
  'companyName',
  'city',
  'state',
  'country',
  'ownerId',
] as const;

const recordEntity = z.enum(['contact', 'deal', 'task', 'formSubmission']);

/** What each trigger listens for, by trigger type. */
export const workflowTriggerConfigs = {
  RECORD_CREATED: z.strictObject({ entity: recordEntity, /** With `formSubmission`: only this form. */ formId: id.optional() }),
  RECORD_UPDATED: z.strictObject({ entity: recordEntity.exclude(['formSubmission']) }),
  RECORD_DELETED: z.strictObject({ entity: recordEntity.exclude(['formSubmission']) }),
  /** A field of a contact (or deal) changed, to any value or to `to`. */
  FIELD_CHANGED: z.strictObject({
    entity: z.enum(['contact', 'deal']),
    field: z.string().min(1).max(64),
    to: z.union([z.string().max(500), z.number(), z.boolean()]).optional(),
  }),
  DEAL_STAGE_CHANGED: z.strictObject({ pipelineId: id.optional(), toStageId: z.string().min(1).max(100).optional() }),
  DEAL_WON: z.strictObject({ pipelineId: id.optional() }),
  DEAL_LOST: z.strictObject({ pipelineId: id.optional() }),
  /** Five cron fields; with conditions, one run per matching contact each tick. */
  SCHEDULED: z.strictObject({ schedule: z.string().min(9).max(100), timezone: z.string().max(64).optional() }),
  /** `offsetDays` from a date: a deal's `expectedCloseDate`, or a contact's date custom field (`customField`); -3 is 3 days before. */
  DATE_BASED: z
    .strictObject({
      entity: z.enum(['deal', 'contact']),
      field: z.literal('expectedCloseDate').optional(),
      customField: z.string().min(1).max(64).optional(),
      offsetDays: z.number().int().min(-365).max(365).default(0),
    })
    .refine((c) => (c.entity === 'deal' ? c.field === 'expectedCloseDate' : !!c.customField), {
      message: 'A deal’s `field: "expectedCloseDate"`, or a contact’s `customField`',
    }),
  /** No timeline event (and no creation) for `days` days; once per quiet period. */
  INACTIVITY: z.strictObject({ days: z.number().int().min(1).max(3650) }),
  EMAIL_OPENED: z.strictObject({ campaignId: id.optional() }),
  EMAIL_CLICKED: z.strictObject({ campaignId: id.optional() }),
  /** A reply (an EMAIL_RECEIVED event on the contact's timeline). */
  EMAIL_REPLIED: z.strictObject({ campaignId: id.optional() }),
  MANUAL: z.strictObject({}),
} satisfies Record<(typeof workflowTrigger)[number], z.ZodType>;

/** One step of a workflow. `branch` runs `yes` or `no` by a segment rule (`if`) over the contact; `wait` resumes later (a delayed job). */
export type WorkflowAction =
  | {
      type: 'create_task';
      config: {
        title: string;
        description?: string;
        dueIn?: string;
        priority?: (typeof priority)[number];
        taskType?: (typeof crmTaskType)[number];
        assignedToId?: string;
      };
    }
  | { type: 'send_email'; config: { templateId: string; subject: string; from?: string } }
  | {
      type: 'update_field';
      config: { field?: (typeof workflowFields)[number]; customField?: string; value: string | number | boolean | null };
    }
  | { type: 'add_to_list' | 'remove_from_list'; config: { listId: string } }
  | { type: 'add_tag'; config: { tag: string } }
  | { type: 'wait'; config: { duration: string } }
  | { type: 'branch'; config: { if: z.output<typeof segmentRule>; yes: WorkflowAction[]; no: WorkflowAction[] } }
  | { type: 'webhook'; config: { url: string; secret?: string; secretSet?: boolean } };

const steps = (): z.ZodType<WorkflowAction[]> => z.array(workflowAction).max(50);
export const workflowAction: z.ZodType<WorkflowAction> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('create_task'),
      config: z.strictObject({
        title: f.text().min(1).max(500),
        description: f.text().max(5000).optional(),
        /** Due this long after the step runs. */
        dueIn: workflowDuration.optional(),
        priority: z.enum(priority).optional(),
        taskType: z.enum(crmTaskType).optional(),
        /** A user of the organization; the contact's owner by default. */
        assignedToId: id.optional(),
      }),
    }),
    z.strictObject({
      type: z.literal('send_email'),
      /** The template merged for the contact (subject too), sent over the app's mailer. */
      config: z.strictObject({ templateId: id, subject: f.text().min(1).max(500), from: z.email().optional() }),
    }),
    z.strictObject({
      type: z.literal('update_field'),
      config: z
        .strictObject({
          field: z.enum(workflowFields).optional(),
          customField: z.string().min(1).max(64).optional(),
          value: z.union([z.string().max(500), z.number(), z.boolean(), z.null()]),
        })
        .refine((c) => !!c.field !== !!c.customField, { message: 'Either `field` or `customField`' }),
    }),
    z.strictObject({ type: z.literal('add_to_list'), config: z.strictObject({ listId: id }) }),
    z.strictObject({ type: z.literal('remove_from_list'), config: z.strictObject({ listId: id }) }),
    z.strictObject({ type: z.literal('add_tag'), config: z.strictObject({ tag: z.string().trim().min(1).max(100) }) }),
    z.strictObject({ type: z.literal('wait'), config: z.strictObject({ duration: workflowDuration }) }),
    z.strictObject({
      type: z.literal('branch'),
      config: z.strictObject({ if: segmentRule, yes: steps(), no: steps().default([]) }),
    }),
    z.strictObject({
      type: z.literal('webhook'),
      /** POSTed as JSON, signed like the CMS webhooks (`SpokeStack-Signature`) with `secret`, which is write-only. */
      config: z.strictObject({ url: f.httpUrl(), secret: z.string().min(16).max(200).optional(), secretSet: z.boolean().optional() }),
    }),
  ]),
);

const workflowFieldsSchema = z.strictObject({
  name: f.text().min(1).max(200),
  description: f.text().max(2000).nullable().optional(),
  triggerType: z.enum(workflowTrigger),
  /** What the trigger listens for: the shape of `workflowTriggerConfigs[triggerType]`. */
  triggerConfig: z.record(z.string(), f.json()).default({}),
  /** The contact must match this segment rule when the trigger fires (the segment builder's rules). */
  conditions: segmentRule.nullable().optional(),
  actions: z.array(workflowAction).min(1).max(50),
  isActive: z.boolean().optional(),
});
export const workflowCreate = workflowFieldsSchema;
// Without the create's default: a change that does not name the trigger config keeps it.
export const workflowUpdate = workflowFieldsSchema.partial().extend({ triggerConfig: z.record(z.string(), f.json()).optional() });
/** A workflow; webhook secrets show only as `secretSet`. */
export const workflowRow = workflows.row.extend({ conditions: segmentRule.nullable(), actions: z.array(workflowAction) });

export const workflowRun = z.strictObject({ contactId: id.optional() });
/** What one step would do. */
export interface PlannedStep {
  path: (number | 'yes' | 'no')[];
  type: WorkflowAction['type'];
  description: string;
  skipped?: boolean;
  steps?: PlannedStep[];
}
const plannedStep: z.ZodType<PlannedStep> = z.lazy(() =>
  z.object({
    path: z.array(z.union([z.number(), z.literal('yes'), z.literal('no')])),
    type: z.enum(['create_task', 'send_email', 'update_field', 'add_to_list', 'remove_from_list', 'add_tag', 'wait', 'branch', 'webhook']),
    /** In words, with the contact's values: the email's subject as merged, the field's new value. */
    description: z.string(),
    /** The step would not act (no contact, no consent, already a member). */
    skipped: z.boolean().optional(),
    steps: z.array(plannedStep).optional(),
  }),
);
export const workflowDryRunResult = z.object({
  /** Whether the contact matches the conditions now (a run would stop here when not). */
  conditionsMet: z.boolean(),
  steps: z.array(plannedStep),
});

const workflowsBase = `${base}/workflows`;
export const automationOps = {
  listWorkflows: defineOperation({
    id: 'crm.workflows.list',
    method: 'GET',
    path: workflowsBase,
    tag,
    summary: 'Automation workflows, newest first, with their run counts and last error',
    description: 'A page at a time; webhook secrets are never shown (`secretSet` says one is kept).',
    query: listQuery.pick({ limit: true, cursor: true }).extend({ triggerType: z.enum(workflowTrigger).optional() }),
    response: pageOf(workflowRow),
    roles: staff,
  }),
  getWorkflow: defineOperation({
    id: 'crm.workflows.get',
    method: 'GET',
    path: `${workflowsBase}/:id`,
    tag,
    summary: 'One workflow: trigger, conditions, actions and its stats',
    description: 'An id of another organization answers 404; webhook secrets show only as `secretSet`.',
    params: idParams,
    response: workflowRow,
    roles: staff,
  }),
  createWorkflow: defineOperation({
    id: 'crm.workflows.create',
    method: 'POST',
    path: workflowsBase,
    tag,
    summary: 'Create an automation workflow: trigger, conditions and actions',
    description:
      'The trigger config is checked against its type (`workflowTriggerConfigs`), conditions compiled like a segment, ' +
      'templates, lists and users checked to be this organization’s, webhook URLs http(s) and not private. A SCHEDULED ' +
      'workflow is put on the job queue’s cron.',
    body: workflowCreate,
    response: workflowRow,
    status: 201,
    roles: writers,
  }),
  updateWorkflow: defineOperation({
    id: 'crm.workflows.update',
    method: 'PATCH',
    path: `${workflowsBase}/:id`,
    tag,
    summary: 'Change a workflow, or pause it with `isActive: false`',
    description: 'Checked as on create. Runs under way keep the actions they started with.',
    params: idParams,
    body: workflowUpdate,
    response: workflowRow,
    roles: writers,
  }),
  runWorkflow: defineOperation({
    id: 'crm.workflows.run',
    method: 'POST',
    path: `${workflowsBase}/:id/run`,
    tag,
    summary: 'Run a workflow now, for one contact (the MANUAL trigger)',
    description:
      'Starts a run like any trigger would: conditions checked, then the actions on the job queue. Returns the run, ' +
      'CANCELLED when the contact does not match the conditions.',
    params: idParams,
    body: workflowRun,
    response: workflowExecutions.row,
    status: 201,
    roles: writers,
  }),
  dryRunWorkflow: defineOperation({
    id: 'crm.workflows.dryRun',
    method: 'POST',
    path: `${workflowsBase}/:id/dry-run`,
    tag,
    summary: 'What the workflow would do for one contact, doing nothing',
    description:
      'Evaluates the conditions and each branch for the contact and describes every step (the email merged for them, ' +
      'the task, the field’s new value) without writing, sending or calling anything.',
    params: idParams,
    body: workflowRun,
    response: workflowDryRunResult,
    roles: staff,
  }),
  createExecutionRefused: defineOperation({
    id: 'crm.workflowExecutions.create',
    method: 'POST',
    path: `${base}/workflow-executions`,
    tag,
    summary: 'Not allowed: runs are started by triggers or by running the workflow',
    description: refusedDescription,
    body: z.unknown(),
    response: z.never(),
    roles: writers,
  }),
  updateExecutionRefused: defineOperation({
    id: 'crm.workflowExecutions.update',
    method: 'PATCH',
    path: `${base}/workflow-executions/:id`,
    tag,
    summary: 'Not allowed: a run’s log is written by the run',
    description: refusedDescription,
    params: idParams,
    body: z.unknown(),
    response: z.never(),
    roles: writers,
  }),
};
