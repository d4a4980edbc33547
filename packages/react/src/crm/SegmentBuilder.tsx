import { type ComponentPropsWithoutRef, type ReactNode, forwardRef, useId } from 'react';
import { SpokeStackError } from '@spokestack/core';
import type { SegmentCondition, SegmentRule } from '@spokestack/core/crm';
import { useOverrides } from '../overrides.js';
import { format } from '../shared/format.js';
import { Button } from '../ui/Button.js';
import { ErrorState } from '../ui/ErrorState.js';
import type { ClassNames } from '../ui/utils.js';
import {
  type ContactFieldName,
  type CustomFieldDefinition,
  type RulePath,
  type SegmentGroup,
  activityTypes,
  asGroup,
  contactFields,
  customOps,
  emailInteractions,
  emptyGroups,
  fieldOps,
  problemPath,
  scoreOps,
  updateAt,
  useSegmentChoices,
  useSegmentCount,
} from './segments.js';
import { type SegmentBuilderStrings, segmentBuilderStrings } from './strings.js';

type Part = 'group' | 'rule' | 'count' | 'problems';
type Choices = ReturnType<typeof useSegmentChoices>;

export interface SegmentBuilderProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'onChange'> {
  /** The segment: a group of rules (a lone condition is shown as a group of one); null or undefined for none yet. */
  value: SegmentRule | null | undefined;
  /** Called with the whole segment after every edit. */
  onChange: (value: SegmentGroup) => void;
  /** How long the rules must be still before they are counted, in ms (default 400). */
  debounce?: number;
  /** A failed save of these rules (a 400 from creating or updating a list): its messages are shown on the rules. */
  problem?: unknown;
  /** Every control is read-only (while a save runs, or for a CLIENT). */
  disabled?: boolean;
  /** Class name of the root element. */
  className?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<Part>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<SegmentBuilderStrings>;
}

/** Where a rule is, for people: `2.1` is the first rule of the group that is rule 2. */
const ruleNumber = (path: RulePath) =>
  path
    .filter((step) => step !== 'rule')
    .map((step) => (step as number) + 1)
    .join('.') || '1';
const humanize = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');

/** The subject select's value of a condition (the field, custom field or kind it tests). */
function subjectOf(rule: SegmentCondition): string {
  if (rule.kind === 'field') return `field:${rule.field}`;
  if (rule.kind === 'customField') return `custom:${rule.key}`;
  if (rule.kind === 'score') return rule.score;
  return rule.kind;
}

/** A new condition for a subject: one that is valid as it stands where it can be, so the count follows at once. */
function conditionFor(subject: string, choices: Choices): SegmentCondition {
  const [kind, name = ''] = subject.split(':');
  if (kind === 'field') {
    const values = contactFields[name as ContactFieldName];
    return values
      ? { kind: 'field', field: name as ContactFieldName, op: 'eq', value: values[0] }
      : { kind: 'field', field: name as ContactFieldName, op: 'isSet' };
  }
  if (kind === 'custom') return { kind: 'customField', key: name, op: 'isSet' };
  if (kind === 'leadScore' || kind === 'engagementScore') return { kind: 'score', score: kind, op: 'gte', value: 50 };
  if (kind === 'consent') return { kind: 'consent', marketingConsent: true };
  if (kind === 'email') return { kind: 'email', interaction: 'OPENED', withinDays: 30 };
  if (kind === 'activity') return { kind: 'activity', activityType: 'FORM_SUBMISSION', withinDays: 30 };
  if (kind === 'list') return { kind: 'list', listId: choices.lists.data?.[0]?.id ?? '' };
  if (kind === 'dealStage') {
    const pipeline = choices.pipelines.data?.[0];
    return { kind: 'dealStage', stageId: pipeline?.stages[0]?.id ?? '', pipelineId: pipeline?.id };
  }
  return { kind: 'tag', op: 'has', tag: '' };
}

/** The value of a custom field rule as its field's type wants it (numbers as numbers, yes/no as booleans). */
function customValue(raw: string, type: string | undefined): string | number | boolean {
  if (type === 'number') return raw === '' ? raw : Number(raw);
  if (type === 'boolean') return raw === 'true';
  return raw;
}

/**
 * Builds a segment of contacts: rules over contact fields, custom fields, tags, lead and engagement scores,
 * consent, email interactions and timeline activity in the last N days, list membership and deal stages, in
 * all/any groups nested as deep as needed. Each kind of rule offers its own comparisons and value input. The
 * matching contacts are counted live by the server (debounced), and rules the server refuses are explained
 * where they are.
 *
 * @example
 * const [rules, setRules] = useState<SegmentRule | null>(null)
 * <SegmentBuilder value={rules} onChange={setRules} />
 */
export const SegmentBuilder = forwardRef<HTMLElement, SegmentBuilderProps>(function SegmentBuilder(
  { value, onChange, debounce, problem, disabled, className, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('segmentBuilder', segmentBuilderStrings, overrides);
  const ids = useId();
  const choices = useSegmentChoices();
  const root = asGroup(value);
  const empty = emptyGroups(root);
  const countable = root.rules.length > 0 && empty.length === 0;
  const count = useSegmentCount(countable ? root : null, { debounce });
  const failure = countable ? count.error : null;
  // The rules' own problems: the count's 400, or a failed save handed in.
  const shown = problem instanceof SpokeStackError ? problem : failure?.status === 400 ? failure : null;
  const problems = shown?.errors ?? [];

  const edit = (path: RulePath, replace: (node: SegmentRule) => SegmentRule | null) =>
    onChange(asGroup(updateAt(root, path, replace) ?? { kind: 'group', match: root.match, rules: [] }));

  const ctx: NodeContext = { t, ids, choices, problems, disabled, classNames, edit, empty };
  const state = !root.rules.length
    ? 'empty'
    : !countable
      ? 'incomplete'
      : count.isFetching || count.settling
        ? 'counting'
        : failure
          ? 'error'
          : 'counted';
  const total = count.data?.count;
  return (
    <section
      ref={ref}
      aria-label={t.title}
      {...props}
      data-scope="segment-builder"
      data-part="root"
      data-state={state}
      className={className}
    >
      <Group node={root} path={[]} ctx={ctx} />
      <div
        role="status"
        aria-live="polite"
        aria-busy={state === 'counting'}
        data-scope="segment-builder"
        data-part="count"
        data-state={state}
        className={classNames?.count}
      >
        {state === 'empty' && t.empty}
        {state === 'incomplete' && t.incomplete}
        {(state === 'counting' || state === 'counted') && (
          <>
            {total !== undefined && (
              <strong data-scope="segment-builder" data-part="total">
                {total === 0 ? t.countNone : total === 1 ? t.countOne : format(t.count, { count: total.toLocaleString() })}
              </strong>
            )}
            {state === 'counting' && (
              <span data-scope="segment-builder" data-part="counting">
                {t.counting}
              </span>
            )}
          </>
        )}
        {state === 'error' && <strong>{failure?.status === 400 ? t.invalid : t.countFailed}</strong>}
      </div>
      {failure && failure.status !== 400 && state === 'error' && <ErrorState error={failure} onRetry={() => count.refetch()} />}
      {problems.some((p) => !p.path.startsWith('body.segmentRules.')) && (
        <ul role="alert" data-scope="segment-builder" data-part="problems" className={classNames?.problems}>
          {problems
            .filter((p) => !p.path.startsWith('body.segmentRules.'))
            .map((p) => (
              <li key={`${p.path}:${p.message}`}>{p.message}</li>
            ))}
        </ul>
      )}
    </section>
  );
});

interface NodeContext {
  t: SegmentBuilderStrings;
  ids: string;
  choices: Choices;
  problems: { path: string; message: string }[];
  disabled?: boolean;
  classNames?: ClassNames<Part>;
  edit: (path: RulePath, replace: (node: SegmentRule) => SegmentRule | null) => void;
  empty: RulePath[];
}

/** The messages the server gave for the rule at `path` (its own, not those of its children's rules). */
function problemsAt(ctx: NodeContext, path: RulePath, ownOnly: boolean) {
  const at = problemPath(path);
  return ctx.problems.filter((p) => {
    if (p.path !== at && !p.path.startsWith(`${at}.`)) return false;
    // Below a group, a child's problem belongs to the child.
    return !ownOnly || !/^\.(rules\.\d+|rule)(\.|$)/.test(p.path.slice(at.length));
  });
}

function Node({ node, path, ctx }: { node: SegmentRule; path: RulePath; ctx: NodeContext }) {
  if (node.kind === 'group') return <Group node={node} path={path} ctx={ctx} />;
  if (node.kind === 'not') {
    const { t } = ctx;
    const label = format(t.notLabel, { rule: ruleNumber(path) });
    return (
      <div role="group" aria-label={label} data-scope="segment-builder" data-part="not">
        <span data-scope="segment-builder" data-part="not-label">
          {label}
        </span>
        {/* The inner rule's remove button removes the negation with it (a `not` of nothing is no rule). */}
        <Node node={node.rule} path={[...path, 'rule']} ctx={ctx} />
      </div>
    );
  }
  return <Condition node={node} path={path} ctx={ctx} />;
}

function Group({ node, path, ctx }: { node: SegmentGroup; path: RulePath; ctx: NodeContext }) {
  const { t, ids, disabled, classNames } = ctx;
  const key = `${ids}-${path.join('-')}`;
  const nested = path.length > 0;
  const isEmpty = nested && ctx.empty.some((p) => p.join('.') === path.join('.'));
  const own = problemsAt(ctx, path, true);
  const add = (rule: SegmentRule) => ctx.edit(path, (g) => (g.kind === 'group' ? { ...g, rules: [...g.rules, rule] } : g));
  return (
    <div
      role="group"
      aria-labelledby={`${key}-match-label`}
      data-scope="segment-builder"
      data-part="group"
      data-depth={path.length}
      data-invalid={isEmpty || own.length > 0 || undefined}
      className={classNames?.group}
    >
      <div data-scope="segment-builder" data-part="group-header">
        <label id={`${key}-match-label`} htmlFor={`${key}-match`}>
          {nested ? `${format(t.groupLabel, { rule: ruleNumber(path) })}: ${t.matchLabel.toLowerCase()}` : t.matchLabel}
        </label>
        <select
          id={`${key}-match`}
          value={node.match}
          disabled={disabled}
          onChange={(event) => {
            const match = event.currentTarget.value as 'all' | 'any';
            ctx.edit(path, (g) => (g.kind === 'group' ? { ...g, match } : g));
          }}
        >
          <option value="all">{t.match_all}</option>
          <option value="any">{t.match_any}</option>
        </select>
        {nested && (
          <Button variant="ghost" size="sm" disabled={disabled} onClick={() => ctx.edit(path, () => null)}>
            {format(t.removeGroup, { rule: ruleNumber(path) })}
          </Button>
        )}
      </div>
      {node.rules.length > 0 && (
        <ol data-scope="segment-builder" data-part="rules">
          {node.rules.map((rule, i) => (
            // Rules have no ids of their own; their position is their identity in the tree the server sees too.
            <li key={i}>
              <Node node={rule} path={[...path, i]} ctx={ctx} />
            </li>
          ))}
        </ol>
      )}
      {isEmpty && (
        <p data-scope="segment-builder" data-part="problem">
          {t.emptyGroup}
        </p>
      )}
      {own.map((p) => (
        <p key={p.message} data-scope="segment-builder" data-part="problem">
          {p.message}
        </p>
      ))}
      <div data-scope="segment-builder" data-part="group-actions">
        <Button variant="secondary" size="sm" disabled={disabled} onClick={() => add({ kind: 'field', field: 'email', op: 'isSet' })}>
          {t.addRule}
        </Button>
        {path.length < 7 && (
          <Button
            variant="ghost"
            size="sm"
            disabled={disabled}
            onClick={() =>
              add({ kind: 'group', match: node.match === 'all' ? 'any' : 'all', rules: [{ kind: 'field', field: 'email', op: 'isSet' }] })
            }
          >
            {t.addGroup}
          </Button>
        )}
      </div>
    </div>
  );
}

function Condition({ node, path, ctx }: { node: SegmentCondition; path: RulePath; ctx: NodeContext }) {
  const { t, ids, choices, disabled, classNames } = ctx;
  const n = ruleNumber(path);
  const key = `${ids}-${path.join('-')}`;
  const problems = problemsAt(ctx, path, false);
  const described = problems.length ? `${key}-problems` : undefined;
  const set = (next: SegmentCondition) => ctx.edit(path, () => next);
  const common = { disabled, 'aria-invalid': problems.length > 0 || undefined, 'aria-describedby': described };
  const fields = choices.customFields.data ?? [];

  const opSelect = <Op extends string>(ops: readonly Op[], op: Op, change: (op: Op) => void) => (
    <select {...common} aria-label={format(t.opLabel, { rule: n })} value={op} onChange={(e) => change(e.currentTarget.value as Op)}>
      {ops.map((o) => (
        <option key={o} value={o}>
          {t[`op_${o}` as keyof SegmentBuilderStrings]}
        </option>
      ))}
    </select>
  );
  const valueLabel = format(t.valueLabel, { rule: n });
  const textInput = (value: string, change: (value: string) => void, type = 'text') => (
    <input {...common} type={type} aria-label={valueLabel} value={value} onChange={(e) => change(e.currentTarget.value)} />
  );
  const enumSelect = (values: readonly string[], value: string, change: (value: string) => void, label = valueLabel) => (
    <select {...common} aria-label={label} value={value} onChange={(e) => change(e.currentTarget.value)}>
      {values.map((v) => (
        <option key={v} value={v}>
          {humanize(v)}
        </option>
      ))}
    </select>
  );
  const daysInput = (days: number | undefined, change: (days: number | undefined) => void) => (
    <span data-scope="segment-builder" data-part="days">
      <input
        {...common}
        type="number"
        min={1}
        max={3650}
        aria-label={format(t.daysLabel, { rule: n })}
        value={days ?? ''}
        onChange={(e) => change(e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}
      />
      <span aria-hidden="true">{t.days}</span>
    </span>
  );

  let inputs: ReactNode = null;
  switch (node.kind) {
    case 'field': {
      const values = contactFields[node.field];
      const value = node.value;
      inputs = (
        <>
          {opSelect(fieldOps(node.field), node.op, (op) =>
            set({
              ...node,
              op,
              value: op.startsWith('is')
                ? undefined
                : op === 'in'
                  ? [typeof value === 'string' ? value : '']
                  : Array.isArray(value)
                    ? value.join(', ')
                    : (value ?? values?.[0] ?? ''),
            }),
          )}
          {node.op === 'in' ? (
            <input
              {...common}
              type="text"
              aria-label={valueLabel}
              title={t.inHint}
              placeholder={t.inHint}
              value={Array.isArray(value) ? value.join(', ') : (value ?? '')}
              onChange={(e) => set({ ...node, value: e.currentTarget.value.split(',').map((v) => v.trim()) })}
            />
          ) : node.op.startsWith('is') ? null : values ? (
            enumSelect(values, typeof value === 'string' ? value : '', (v) => set({ ...node, value: v }))
          ) : (
            textInput(typeof value === 'string' ? value : '', (v) => set({ ...node, value: v }))
          )}
        </>
      );
      break;
    }
    case 'customField': {
      const def: CustomFieldDefinition | undefined = fields.find((f) => f.key === node.key);
      const type = def?.fieldType;
      const raw = node.value === undefined ? '' : String(node.value);
      inputs = (
        <>
          {opSelect(customOps(type as never), node.op, (op) =>
            set({ ...node, op, value: op.startsWith('is') ? undefined : (node.value ?? customValue(def?.options[0] ?? '', type)) }),
          )}
          {node.op.startsWith('is')
            ? null
            : type === 'boolean'
              ? enumSelect(['true', 'false'], raw || 'true', (v) => set({ ...node, value: v === 'true' }))
              : def?.options.length
                ? enumSelect(def.options, raw, (v) => set({ ...node, value: v }))
                : textInput(
                    raw,
                    (v) => set({ ...node, value: customValue(v, type) }),
                    type === 'number' ? 'number' : type === 'date' ? 'date' : 'text',
                  )}
        </>
      );
      break;
    }
    case 'tag':
      inputs = (
        <>
          {opSelect(['has', 'hasNot'] as const, node.op, (op) => set({ ...node, op }))}
          {textInput(node.tag, (tag) => set({ ...node, tag }))}
        </>
      );
      break;
    case 'score':
      inputs = (
        <>
          {opSelect(scoreOps, node.op, (op) => set({ ...node, op }))}
          <input
            {...common}
            type="number"
            step={1}
            aria-label={valueLabel}
            value={Number.isNaN(node.value) ? '' : node.value}
            onChange={(e) => set({ ...node, value: Math.trunc(Number(e.currentTarget.value)) })}
          />
        </>
      );
      break;
    case 'consent':
      inputs = (
        <select
          {...common}
          aria-label={valueLabel}
          value={String(node.marketingConsent)}
          onChange={(e) => set({ ...node, marketingConsent: e.currentTarget.value === 'true' })}
        >
          <option value="true">{t.consentGiven}</option>
          <option value="false">{t.consentNotGiven}</option>
        </select>
      );
      break;
    case 'email':
      inputs = (
        <>
          {enumSelect(emailInteractions, node.interaction, (v) => set({ ...node, interaction: v as typeof node.interaction }))}
          {daysInput(node.withinDays, (withinDays) => set({ ...node, withinDays }))}
        </>
      );
      break;
    case 'activity':
      inputs = (
        <>
          {enumSelect(activityTypes, node.activityType, (v) => set({ ...node, activityType: v as typeof node.activityType }))}
          {daysInput(node.withinDays, (withinDays) => set({ ...node, withinDays }))}
        </>
      );
      break;
    case 'list': {
      const lists = choices.lists.data ?? [];
      inputs = (
        <select {...common} aria-label={valueLabel} value={node.listId} onChange={(e) => set({ ...node, listId: e.currentTarget.value })}>
          <option value="" disabled>
            {lists.length ? t.chooseList : t.noLists}
          </option>
          {lists.map((list) => (
            <option key={list.id} value={list.id}>
              {list.name}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'dealStage': {
      const pipelines = choices.pipelines.data ?? [];
      inputs = (
        <select
          {...common}
          aria-label={valueLabel}
          value={`${node.pipelineId ?? ''}:${node.stageId}`}
          onChange={(e) => {
            const [pipelineId = '', stageId = ''] = e.currentTarget.value.split(':');
            set({ ...node, stageId, pipelineId: pipelineId || undefined });
          }}
        >
          <option value=":" disabled>
            {pipelines.length ? t.chooseStage : t.noStages}
          </option>
          {pipelines.map((pipeline) => (
            <optgroup key={pipeline.id} label={pipeline.name}>
              {pipeline.stages.map((stage) => (
                <option key={stage.id} value={`${pipeline.id}:${stage.id}`}>
                  {stage.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      );
      break;
    }
  }

  const subject = subjectOf(node);
  return (
    <div
      data-scope="segment-builder"
      data-part="rule"
      data-kind={node.kind}
      data-invalid={problems.length > 0 || undefined}
      className={classNames?.rule}
    >
      <select
        {...common}
        aria-label={format(t.subjectLabel, { rule: n })}
        value={subject}
        onChange={(e) => set(conditionFor(e.currentTarget.value, choices))}
      >
        <optgroup label={t.contactFields}>
          {(Object.keys(contactFields) as ContactFieldName[]).map((field) => (
            <option key={field} value={`field:${field}`}>
              {t[`field_${field}`]}
            </option>
          ))}
        </optgroup>
        {(fields.length > 0 || node.kind === 'customField') && (
          <optgroup label={t.customFields}>
            {fields.map((field) => (
              <option key={field.key} value={`custom:${field.key}`}>
                {field.label}
              </option>
            ))}
            {node.kind === 'customField' && !fields.some((f) => f.key === node.key) && <option value={subject}>{node.key}</option>}
          </optgroup>
        )}
        <optgroup label={t.engagement}>
          {(['tag', 'leadScore', 'engagementScore', 'consent', 'email', 'activity', 'list', 'dealStage'] as const).map((s) => (
            <option key={s} value={s}>
              {t[`subject_${s}`]}
            </option>
          ))}
        </optgroup>
      </select>
      {inputs}
      <Button
        variant="ghost"
        size="sm"
        disabled={disabled}
        aria-label={format(t.removeRule, { rule: n })}
        onClick={() => ctx.edit(path, () => null)}
      >
        ×
      </Button>
      {problems.length > 0 && (
        <ul id={described} data-scope="segment-builder" data-part="problem">
          {problems.map((p) => (
            <li key={`${p.path}:${p.message}`}>{p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
