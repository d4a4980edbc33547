import { type UseQueryResult, keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SpokeStackError } from '@spokestack/core';
import type {
  ContactActivityType,
  ContactStatus,
  ContactType,
  CustomFieldType,
  EmailInteractionType,
  LeadSource,
  PipelineStage,
  SegmentCondition,
  SegmentRule,
} from '@spokestack/core/crm';
import { useEffect, useState } from 'react';
import { useSpokeStack } from '../provider.js';
import type { Crm } from './hooks.js';

// The segment builder's model: the server's segment rule tree (core's `SegmentRule`), edited immutably by path,
// the operators each kind of condition admits, and the hooks that read what the value inputs offer (custom
// fields, lists, pipeline stages) and count a segment. Enum values are listed here as keys of records typed by
// core's enums, so a value added there fails the typecheck until it is offered here (the React bundle imports
// no runtime code of core's contracts).

/** A group of rules, the builder's root and every nested group. */
export type SegmentGroup = Extract<SegmentRule, { kind: 'group' }>;
/** A step from a node to a child: the index in a group's rules, or `rule` into a `not`. */
export type RulePath = (number | 'rule')[];
/** A contact list as the server reports it, `memberCount` exact. */
export type ContactListRow = Awaited<ReturnType<Crm['contactLists']['get']>>;
/** A segment's exact count and a sample of its newest contacts. */
export type SegmentPreviewResult = Awaited<ReturnType<Crm['contactLists']['preview']>>;
/** A custom field definition of contacts. */
export type CustomFieldDefinition = Awaited<ReturnType<Crm['customFields']['get']>>;
/** A pipeline with its stages, for the deal stage rule. */
export type PipelineChoice = { id: string; name: string; stages: PipelineStage[] };

const keys = <T extends string>(record: Record<T, 1>) => Object.keys(record) as T[];
export const contactTypes = keys<ContactType>({
  PROSPECT: 1,
  LEAD: 1,
  CUSTOMER: 1,
  PARTNER: 1,
  VENDOR: 1,
  INFLUENCER: 1,
  PRESS: 1,
  INVESTOR: 1,
  OTHER: 1,
});
export const contactStatuses = keys<ContactStatus>({
  ACTIVE: 1,
  INACTIVE: 1,
  UNSUBSCRIBED: 1,
  BOUNCED: 1,
  DO_NOT_CONTACT: 1,
  ARCHIVED: 1,
});
export const leadSources = keys<LeadSource>({
  WEBSITE: 1,
  REFERRAL: 1,
  SOCIAL: 1,
  EMAIL: 1,
  PAID_ADS: 1,
  EVENT: 1,
  COLD_OUTREACH: 1,
  PARTNER: 1,
  IMPORT: 1,
  OTHER: 1,
});
export const emailInteractions = keys<EmailInteractionType>({
  SENT: 1,
  DELIVERED: 1,
  OPENED: 1,
  CLICKED: 1,
  UNSUBSCRIBED: 1,
  BOUNCED: 1,
  COMPLAINED: 1,
});
export const activityTypes = keys<ContactActivityType>({
  EMAIL_SENT: 1,
  EMAIL_RECEIVED: 1,
  EMAIL_OPENED: 1,
  EMAIL_CLICKED: 1,
  CALL_OUTBOUND: 1,
  CALL_INBOUND: 1,
  MEETING: 1,
  NOTE: 1,
  TASK_COMPLETED: 1,
  DEAL_CREATED: 1,
  DEAL_WON: 1,
  DEAL_LOST: 1,
  FORM_SUBMISSION: 1,
  WEBSITE_VISIT: 1,
  DOCUMENT_VIEWED: 1,
  CAMPAIGN_ADDED: 1,
  STATUS_CHANGED: 1,
});

export type ContactFieldName = Extract<SegmentCondition, { kind: 'field' }>['field'];
/** The contact fields a rule compares, with the values an enum field offers (the others take text). */
export const contactFields: Record<ContactFieldName, readonly string[] | null> = {
  firstName: null,
  lastName: null,
  email: null,
  jobTitle: null,
  department: null,
  companyName: null,
  companyId: null,
  city: null,
  state: null,
  country: null,
  contactType: contactTypes,
  status: contactStatuses,
  source: leadSources,
  ownerId: null,
};

export type FieldOp = Extract<SegmentCondition, { kind: 'field' }>['op'];
export type CustomOp = Extract<SegmentCondition, { kind: 'customField' }>['op'];
/** Text fields can be searched; enum fields are picked, so `contains` would only mislead. */
export const fieldOps = (field: ContactFieldName): FieldOp[] =>
  contactFields[field] ? ['eq', 'neq', 'in', 'isSet', 'isNotSet'] : ['eq', 'neq', 'contains', 'in', 'isSet', 'isNotSet'];
/** Numbers and dates (ISO text) are ordered; choices and yes/no are only equal or not. */
export function customOps(type: CustomFieldType | undefined): CustomOp[] {
  if (type === 'number' || type === 'date') return ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'isSet', 'isNotSet'];
  if (type === 'boolean') return ['eq', 'isSet', 'isNotSet'];
  return ['eq', 'neq', 'isSet', 'isNotSet'];
}
export const scoreOps = ['gte', 'gt', 'eq', 'lte', 'lt'] as const;

/** The node at `path` (undefined when the path leaves the tree). */
export function ruleAt(root: SegmentRule, path: RulePath): SegmentRule | undefined {
  let node: SegmentRule | undefined = root;
  for (const step of path) {
    if (!node) return undefined;
    node = step === 'rule' ? (node.kind === 'not' ? node.rule : undefined) : node.kind === 'group' ? node.rules[step] : undefined;
  }
  return node;
}

/** `root` with the node at `path` replaced by `replace(node)`, or removed when it returns null. */
export function updateAt(root: SegmentRule, path: RulePath, replace: (node: SegmentRule) => SegmentRule | null): SegmentRule | null {
  if (!path.length) return replace(root);
  const [step, ...rest] = path;
  if (step === 'rule' && root.kind === 'not') {
    const rule = updateAt(root.rule, rest, replace);
    return rule ? { ...root, rule } : null;
  }
  if (typeof step === 'number' && root.kind === 'group') {
    const child = root.rules[step];
    if (!child) return root;
    const next = updateAt(child, rest, replace);
    const rules = next ? root.rules.map((r, i) => (i === step ? next : r)) : root.rules.filter((_, i) => i !== step);
    return { ...root, rules };
  }
  return root;
}

/** The path in the request body of the rule at `path`, as the server's 400 names it (`body.segmentRules.rules.0`). */
export const problemPath = (path: RulePath) =>
  ['body.segmentRules', ...path.map((step) => (step === 'rule' ? 'rule' : `rules.${step}`))].join('.');

/** Where a group is empty (the server wants at least one rule in each): said here, before asking. */
export function emptyGroups(rule: SegmentRule, path: RulePath = []): RulePath[] {
  if (rule.kind === 'not') return emptyGroups(rule.rule, [...path, 'rule']);
  if (rule.kind !== 'group') return [];
  if (!rule.rules.length) return [path];
  return rule.rules.flatMap((r, i) => emptyGroups(r, [...path, i]));
}

/** The root the builder edits: always a group, so rules can be added beside a lone condition. */
export const asGroup = (value: SegmentRule | null | undefined): SegmentGroup =>
  !value ? { kind: 'group', match: 'all', rules: [] } : value.kind === 'group' ? value : { kind: 'group', match: 'all', rules: [value] };

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The exact count of the contacts a segment matches (the server's preview: the same query a dynamic list runs),
 * asked once the rules have been still for `debounce` ms; the previous count stays shown while the next is
 * counted. Pass `null` for no segment (nothing is asked). A 400 is not retried: it explains the rules.
 *
 * @example const { data, isFetching, error } = useSegmentCount(rules) // data?.count
 */
export function useSegmentCount(
  rules: SegmentRule | null,
  { debounce = 400, sampleSize = 0 }: { debounce?: number; sampleSize?: number } = {},
): UseQueryResult<SegmentPreviewResult, SpokeStackError> & { settling: boolean } {
  const sdk = useSpokeStack();
  const settled = useDebounced(rules, debounce);
  const query = useQuery<SegmentPreviewResult, SpokeStackError>({
    queryKey: ['spokestack', 'crm', 'contacts', 'segment-preview', settled, sampleSize],
    queryFn: settled ? ({ signal }) => sdk.crm.contactLists.preview({ segmentRules: settled, sampleSize }, { signal }) : skipToken,
    placeholderData: keepPreviousData,
    retry: (failures, error) => error.status >= 500 && failures < 2,
  });
  return Object.assign(query, { settling: settled !== rules });
}

/** The first 200 of a resource, for the choices of a select (custom fields, lists, pipelines). */
function useChoices<T>(name: string, load: (signal: AbortSignal) => Promise<{ data: T[] }>) {
  return useQuery({
    queryKey: ['spokestack', 'crm', name, 'list', { limit: 200 }, 'choices'],
    queryFn: async ({ signal }) => (await load(signal)).data,
    staleTime: 60_000,
  });
}

/**
 * What the builder's value inputs offer: the custom fields of contacts (with their types and options), the
 * organization's lists and its pipelines' stages.
 *
 * @example const { customFields, lists, pipelines } = useSegmentChoices()
 */
export function useSegmentChoices() {
  const sdk = useSpokeStack();
  return {
    customFields: useChoices('customFields', (signal) => sdk.crm.customFields.list({ limit: 200 }, { signal })),
    lists: useChoices('contactLists', (signal) => sdk.crm.contactLists.list({ limit: 200 }, { signal })),
    pipelines: useChoices('pipelines', async (signal) => {
      const page = await sdk.crm.pipelines.list({ limit: 200 }, { signal });
      // Stages are a JSON column in the row schema; the server writes them in the shape core's contract checks.
      return { data: page.data.map((p): PipelineChoice => ({ id: p.id, name: p.name, stages: (p.stages ?? []) as PipelineStage[] })) };
    }),
  };
}

/** A contact list, evaluated now (`memberCount` exact). Pass `null` while there is none. */
export function useContactList(listId: string | null | undefined): UseQueryResult<ContactListRow, SpokeStackError> {
  const sdk = useSpokeStack();
  return useQuery({
    queryKey: ['spokestack', 'crm', 'contactLists', 'detail', listId ?? ''],
    queryFn: listId ? ({ signal }) => sdk.crm.contactLists.get(listId, { signal }) : skipToken,
  });
}

/** What saving a dynamic list sends: its name and rules (and description). */
export interface DynamicListInput {
  name: string;
  description?: string | null;
  segmentRules: SegmentRule;
}

/**
 * Creates a DYNAMIC list, or updates the one with `listId`; the reply carries the exact `memberCount`. Every
 * cached list query is refreshed.
 *
 * @example const save = useSaveDynamicList(); save.mutate({ name: 'VIPs', segmentRules }) // save.data?.memberCount
 */
export function useSaveDynamicList(listId?: string | null) {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  return useMutation<ContactListRow, SpokeStackError, DynamicListInput>({
    mutationFn: (input) =>
      listId ? sdk.crm.contactLists.update(listId, input) : sdk.crm.contactLists.create({ ...input, listType: 'DYNAMIC' }),
    onSuccess: (row) => {
      queryClient.setQueryData(['spokestack', 'crm', 'contactLists', 'detail', row.id], row);
      void queryClient.invalidateQueries({ queryKey: ['spokestack', 'crm', 'contactLists', 'list'] });
    },
  });
}
