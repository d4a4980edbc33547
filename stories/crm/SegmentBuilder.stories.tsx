import type { Meta, StoryObj } from '@storybook/react-vite';
import type { SegmentRule } from '@spokestack/core/crm';
import { ListEditor, SegmentBuilder } from '@spokestack/react/crm';
import { useState } from 'react';
import { fakeSegmentSdk } from './fake-segments.js';

/** The segment builder on the in-memory story SDK (stories/crm/fake-segments.ts): its count is of 40 story contacts. */
const meta = {
  title: 'CRM/SegmentBuilder',
  component: SegmentBuilder,
  args: { value: null, onChange: () => {}, style: { maxWidth: 760 } },
  parameters: { spokestack: { client: fakeSegmentSdk() } },
  // The value is the story's state, so every edit shows and is counted.
  render: function Render(args) {
    const [value, setValue] = useState<SegmentRule | null | undefined>(args.value);
    return <SegmentBuilder {...args} value={value} onChange={setValue} />;
  },
} satisfies Meta<typeof SegmentBuilder>;

export default meta;
type Story = StoryObj<typeof meta>;

const nested: SegmentRule = {
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
        {
          kind: 'group',
          match: 'all',
          rules: [
            { kind: 'field', field: 'city', op: 'in', value: ['Paris', 'Lyon'] },
            { kind: 'customField', key: 'plan', op: 'eq', value: 'Pro' },
          ],
        },
      ],
    },
    { kind: 'not', rule: { kind: 'field', field: 'status', op: 'eq', value: 'UNSUBSCRIBED' } },
  ],
};

/** No rules yet: the group and its add buttons. */
export const Empty: Story = {};

/** One rule, counted. */
export const OneRule: Story = { args: { value: { kind: 'group', match: 'all', rules: [{ kind: 'tag', op: 'has', tag: 'vip' }] } } };

/** Groups in groups (all / any / all), a negated rule, every kind of value input. */
export const NestedGroups: Story = { args: { value: nested } };

/** The count is being asked (the story's server never answers). */
export const Counting: Story = { args: { value: nested }, parameters: { spokestack: { client: fakeSegmentSdk({ hangCount: true }) } } };

/** The count failed (no server): the error and a retry. */
export const CountError: Story = {
  args: { value: nested },
  parameters: { spokestack: { client: fakeSegmentSdk({ offlineCount: true }) } },
};

/** A rule the server refuses (an unknown custom field, an empty tag): its words on the rule. */
export const InvalidRule: Story = {
  args: {
    value: {
      kind: 'group',
      match: 'all',
      rules: [
        { kind: 'customField', key: 'industry', op: 'eq', value: 'Retail' },
        { kind: 'tag', op: 'has', tag: '' },
      ],
    },
  },
};

/** An empty nested group: said before anything is asked. */
export const EmptyGroup: Story = {
  args: {
    value: {
      kind: 'group',
      match: 'all',
      rules: [
        { kind: 'tag', op: 'has', tag: 'vip' },
        { kind: 'group', match: 'any', rules: [] },
      ],
    },
  },
};

/** The list editor: a new dynamic list (name, rules, save shows its member count). */
export const NewList: StoryObj<typeof ListEditor> = {
  render: () => <ListEditor style={{ maxWidth: 760 }} />,
};

/** The list editor on a saved list, with its member count. */
export const EditList: StoryObj<typeof ListEditor> = {
  render: () => <ListEditor listId="lst_engaged" style={{ maxWidth: 760 }} />,
};
