import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { SegmentRule } from '@spokestack/core/crm';
import { useState } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWith, startServer } from '../test/server.js';
import { ListEditor } from './ListEditor.js';
import { SegmentBuilder } from './SegmentBuilder.js';

// The builder against the reference server: the live count is the server's preview of the rules built in the UI,
// its 400 is shown on the rule it names, and the list editor saves a DYNAMIC list whose memberCount is the count.

let t: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  t = await startServer({ now: '2026-03-10T08:00:00Z' });
  await t.sdk.crm.customFields.create({ key: 'plan', label: 'Plan', fieldType: 'select', options: ['Free', 'Pro'] });
  const people = [
    { firstName: 'Ada', city: 'Paris', tags: ['vip'], customFields: { plan: 'Pro' } },
    { firstName: 'Bo', city: 'Lyon', tags: ['vip'], customFields: { plan: 'Pro' } },
    { firstName: 'Cy', city: 'Paris', tags: [], customFields: { plan: 'Pro' } },
  ];
  for (const p of people) await t.sdk.crm.contacts.create({ ...p, lastName: 'Seg', email: `${p.firstName.toLowerCase()}@seg.test` });
});
afterAll(() => t?.close());

function Harness({ initial = null }: { initial?: SegmentRule | null }) {
  const [rules, setRules] = useState<SegmentRule | null>(initial);
  return <SegmentBuilder value={rules} onChange={setRules} debounce={0} />;
}
const count = () => document.querySelector('[data-part="count"]');

describe('SegmentBuilder', () => {
  it('builds nested rules with labelled controls and counts what the server matches, live', async () => {
    const user = userEvent.setup();
    renderWith(t.sdk, <Harness />);
    expect(count()?.textContent).toBe('No rules yet. Add one to count the contacts it matches.');

    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    // The new rule (email is set) matches all three.
    await waitFor(() => expect(count()?.textContent).toBe('3 contacts match'));

    await user.selectOptions(screen.getByLabelText('Rule 1: what'), 'tag');
    await user.type(screen.getByLabelText('Rule 1: value'), 'vip');
    await waitFor(() => expect(count()?.textContent).toBe('2 contacts match'));

    // A nested "any" group: vip and (city is Paris or plan is Pro) = Ada and Bo.
    await user.click(screen.getAllByRole('button', { name: 'Add group' })[0]!);
    const group = screen.getByRole('group', { name: /Group 2/ });
    expect((within(group).getByLabelText('Group 2: contacts must match') as HTMLSelectElement).value).toBe('any');
    await user.selectOptions(screen.getByLabelText('Rule 2.1: what'), 'field:city');
    expect(within(group).getByLabelText('Rule 2.1: how').querySelectorAll('option').length).toBe(6);
    await user.selectOptions(screen.getByLabelText('Rule 2.1: how'), 'eq');
    await user.clear(screen.getByLabelText('Rule 2.1: value'));
    await user.type(screen.getByLabelText('Rule 2.1: value'), 'paris');
    await user.click(within(group).getByRole('button', { name: 'Add rule' }));
    await user.selectOptions(screen.getByLabelText('Rule 2.2: what'), 'custom:plan');
    await user.selectOptions(screen.getByLabelText('Rule 2.2: how'), 'eq');
    await user.selectOptions(screen.getByLabelText('Rule 2.2: value'), 'Pro');
    const expected = await t.sdk.crm.contactLists.preview({
      segmentRules: {
        kind: 'group',
        match: 'all',
        rules: [
          { kind: 'tag', op: 'has', tag: 'vip' },
          {
            kind: 'group',
            match: 'any',
            rules: [
              { kind: 'field', field: 'city', op: 'eq', value: 'paris' },
              { kind: 'customField', key: 'plan', op: 'eq', value: 'Pro' },
            ],
          },
        ],
      },
    });
    expect(expected.count).toBe(2);
    await waitFor(() => expect(count()?.textContent).toBe('2 contacts match'));

    // "all" in the inner group: vip, Paris and Pro = Ada.
    await user.selectOptions(within(group).getByLabelText('Group 2: contacts must match'), 'all');
    await waitFor(() => expect(count()?.textContent).toBe('1 contact matches'));

    // Removing the group's rules leaves it empty: said here, nothing is asked.
    await user.click(screen.getByRole('button', { name: 'Remove rule 2.2' }));
    await user.click(screen.getByRole('button', { name: 'Remove rule 2.1' }));
    expect(screen.getByText('This group needs at least one rule.')).toBeTruthy();
    expect(count()?.getAttribute('data-state')).toBe('incomplete');
    await user.click(screen.getByRole('button', { name: 'Remove group 2' }));
    await waitFor(() => expect(count()?.textContent).toBe('2 contacts match'));
  });

  it('explains a rule the server refuses on that rule, in the server’s words', async () => {
    renderWith(
      t.sdk,
      <Harness
        initial={{
          kind: 'group',
          match: 'all',
          rules: [
            { kind: 'tag', op: 'has', tag: 'vip' },
            { kind: 'customField', key: 'gone', op: 'isSet' },
          ],
        }}
      />,
    );
    await waitFor(() => expect(count()?.textContent).toBe('These rules cannot be counted yet'));
    const rule = screen.getByLabelText('Rule 2: what').closest('[data-part="rule"]')!;
    expect(rule.getAttribute('data-invalid')).toBe('true');
    expect(rule.textContent).toContain('No custom field with this key');
    expect(screen.getByLabelText('Rule 2: what').getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByLabelText('Rule 1: what').closest('[data-part="rule"]')!.hasAttribute('data-invalid')).toBe(false);
  });
});

describe('ListEditor', () => {
  it('saves a dynamic list from the builder and shows its exact member count', async () => {
    const user = userEvent.setup();
    let savedId = '';
    renderWith(t.sdk, <ListEditor builderProps={{ debounce: 0 }} onSaved={(list) => (savedId = list.id)} />);
    expect(screen.getByText('Give the list a name.')).toBeTruthy();
    await user.type(screen.getByLabelText('Name'), 'Parisians');
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    await user.selectOptions(screen.getByLabelText('Rule 1: what'), 'field:city');
    await user.selectOptions(screen.getByLabelText('Rule 1: how'), 'eq');
    await user.type(screen.getByLabelText('Rule 1: value'), 'Paris');
    await waitFor(() => expect(count()?.textContent).toBe('2 contacts match'));
    await user.click(screen.getByRole('button', { name: 'Save list' }));
    await screen.findByText('Saved: 2 members');
    const list = await t.sdk.crm.contactLists.get(savedId);
    expect(list).toMatchObject({ listType: 'DYNAMIC', name: 'Parisians', memberCount: 2 });
    expect(list.segmentRules).toEqual({ kind: 'group', match: 'all', rules: [{ kind: 'field', field: 'city', op: 'eq', value: 'Paris' }] });
  });
});
