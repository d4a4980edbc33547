// STORY FIXTURE ONLY. An in-memory stand-in for the SDK methods the segment builder and list editor call, so
// their stories count something without a server. The count here is a small evaluator over 40 made-up contacts
// (fields, tags, scores, consent, custom fields; activity, lists and deal stages by a fixed subset). It is not the
// API: the real count (and every component test) comes from the reference server. Never import this outside stories/.
import { problemTypes, type SpokeStack, SpokeStackError } from '@spokestack/core';
import type { SegmentRule } from '@spokestack/core/crm';

export interface FakeSegmentOptions {
  /** The preview never answers: the counting state. */
  hangCount?: boolean;
  /** The preview fails like an unreachable server: the count error state. */
  offlineCount?: boolean;
}

const cities = ['Paris', 'Lyon', 'Berlin', 'London', 'Madrid'];
const people = Array.from({ length: 40 }, (_, i) => ({
  id: `ct_${i}`,
  firstName: ['Ada', 'Bo', 'Cy', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal'][i % 8]!,
  lastName: `Story${i}`,
  email: i % 9 === 0 ? null : `person${i}@story.test`,
  city: cities[i % cities.length]!,
  contactType: i % 3 === 0 ? 'CUSTOMER' : 'LEAD',
  status: i % 11 === 0 ? 'UNSUBSCRIBED' : 'ACTIVE',
  tags: i % 4 === 0 ? ['vip'] : i % 5 === 0 ? ['newsletter'] : [],
  leadScore: (i * 7) % 100,
  engagementScore: (i * 13) % 100,
  marketingConsent: i % 6 !== 0,
  customFields: { plan: i % 2 ? 'Pro' : 'Free', seats: i % 10 } as Record<string, unknown>,
}));
type Person = (typeof people)[number];
const customFields = [
  { id: 'cf_plan', key: 'plan', label: 'Plan', fieldType: 'select', options: ['Free', 'Pro'] },
  { id: 'cf_seats', key: 'seats', label: 'Seats', fieldType: 'number', options: [] },
  { id: 'cf_trial', key: 'trialEnds', label: 'Trial ends', fieldType: 'date', options: [] },
];
const lists = [
  { id: 'lst_webinar', name: 'Webinar attendees', listType: 'STATIC', memberCount: 12 },
  { id: 'lst_vip', name: 'VIP customers', listType: 'DYNAMIC', memberCount: 10 },
];
const pipelines = [
  {
    id: 'pip_story',
    name: 'New business',
    stages: [
      { id: 'lead', name: 'Lead', order: 0, probability: 10 },
      { id: 'proposal', name: 'Proposal', order: 1, probability: 60 },
      { id: 'won', name: 'Won', order: 2, probability: 100, isClosed: true, isWon: true },
    ],
  },
];
const compare = (a: number, op: string, b: number) =>
  op === 'gt' ? a > b : op === 'gte' ? a >= b : op === 'lt' ? a < b : op === 'lte' ? a <= b : a === b;

function matches(p: Person, rule: SegmentRule, n: number): boolean {
  switch (rule.kind) {
    case 'group':
      return rule.match === 'all' ? rule.rules.every((r) => matches(p, r, n)) : rule.rules.some((r) => matches(p, r, n));
    case 'not':
      return !matches(p, rule.rule, n);
    case 'field': {
      const v = (p as unknown as Record<string, string | null>)[rule.field]?.toLowerCase() ?? '';
      const want = typeof rule.value === 'string' ? rule.value.toLowerCase() : '';
      if (rule.op === 'isSet') return v !== '';
      if (rule.op === 'isNotSet') return v === '';
      if (rule.op === 'contains') return v.includes(want);
      if (rule.op === 'in') return (rule.value as string[]).some((x) => x.toLowerCase() === v);
      return rule.op === 'eq' ? v === want : v !== want;
    }
    case 'customField': {
      const v = p.customFields[rule.key];
      if (rule.op === 'isSet') return v !== undefined;
      if (rule.op === 'isNotSet') return v === undefined;
      if (rule.op === 'eq') return v === rule.value;
      if (rule.op === 'neq') return v !== rule.value;
      return typeof v === 'number' && typeof rule.value === 'number' && compare(v, rule.op, rule.value);
    }
    case 'tag':
      return p.tags.includes(rule.tag) === (rule.op === 'has');
    case 'score':
      return compare(p[rule.score], rule.op, rule.value);
    case 'consent':
      return p.marketingConsent === rule.marketingConsent;
    default:
      // Activity, lists and deal stages: a fixed third of the contacts.
      return n % 3 === 0;
  }
}

/** Where a rule names something that does not exist, the message the server gives, at the path it gives. */
function problemsOf(rule: SegmentRule, path: string): { path: string; message: string }[] {
  if (rule.kind === 'group') return rule.rules.flatMap((r, i) => problemsOf(r, `${path}.rules.${i}`));
  if (rule.kind === 'not') return problemsOf(rule.rule, `${path}.rule`);
  if (rule.kind === 'customField' && !customFields.some((f) => f.key === rule.key))
    return [{ path: `${path}.key`, message: 'No custom field with this key; define it first (/v1/crm/custom-fields)' }];
  if (rule.kind === 'tag' && !rule.tag.trim())
    return [{ path: `${path}.tag`, message: 'Too small: expected string to have >=1 characters' }];
  return [];
}

/**
 * A story SDK for the segment builder and the list editor: custom fields, lists and pipelines to choose from, a
 * preview that counts the 40 story contacts, and lists that are saved in memory.
 *
 * @example parameters: { spokestack: { client: fakeSegmentSdk({ hangCount: true }) } }
 */
export function fakeSegmentSdk(options: FakeSegmentOptions = {}): SpokeStack {
  const saved = new Map<string, Record<string, unknown>>();
  const wait = (ms = 350) => new Promise((resolve) => setTimeout(resolve, ms));
  const page = <T>(data: T[]) => wait(150).then(() => structuredClone({ data, nextCursor: null }));
  const invalid = (errors: { path: string; message: string }[]) =>
    new SpokeStackError({ type: problemTypes.validation, title: 'Invalid request', status: 400, errors });
  const count = (rules: SegmentRule) => people.filter((p, n) => matches(p, rules, n)).length;
  const save = async (id: string, body: { name: string; segmentRules: SegmentRule }) => {
    await wait();
    const errors = problemsOf(body.segmentRules, 'body.segmentRules');
    if (errors.length) throw invalid(errors);
    const row = { id, listType: 'DYNAMIC', description: null, ...saved.get(id), ...body, memberCount: count(body.segmentRules) };
    saved.set(id, row);
    return structuredClone(row);
  };
  const sdk = {
    crm: {
      customFields: { list: () => page(customFields) },
      pipelines: { list: () => page(pipelines) },
      contactLists: {
        list: () => page(lists),
        get: async (id: string) => (await wait(), structuredClone(saved.get(id))),
        create: (body: { name: string; segmentRules: SegmentRule }) => save(`lst_${saved.size + 1}`, body),
        update: (id: string, body: { name: string; segmentRules: SegmentRule }) => save(id, body),
        preview: async ({ segmentRules }: { segmentRules: SegmentRule }) => {
          if (options.hangCount) return new Promise(() => {});
          await wait();
          if (options.offlineCount)
            throw new SpokeStackError({
              type: problemTypes.network,
              title: 'Network error',
              status: 0,
              detail: 'TypeError: Failed to fetch (this story has no server on purpose)',
            });
          const errors = problemsOf(segmentRules, 'body.segmentRules');
          if (errors.length) throw invalid(errors);
          return { count: count(segmentRules), sample: [] };
        },
      },
    },
  };
  // A list to edit, as the server would return it.
  saved.set('lst_engaged', {
    id: 'lst_engaged',
    listType: 'DYNAMIC',
    name: 'Engaged VIPs',
    description: 'VIPs who opened a campaign lately or score high',
    segmentRules: {
      kind: 'group',
      match: 'all',
      rules: [
        { kind: 'tag', op: 'has', tag: 'vip' },
        {
          kind: 'group',
          match: 'any',
          rules: [
            { kind: 'email', interaction: 'OPENED', withinDays: 30 },
            { kind: 'score', score: 'leadScore', op: 'gte', value: 50 },
          ],
        },
      ],
    },
    memberCount: 0,
  });
  const engaged = saved.get('lst_engaged')!;
  engaged.memberCount = count(engaged.segmentRules as SegmentRule);
  return sdk as unknown as SpokeStack;
}
