import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpokeStack } from '@spokestack/core';
import { renderWith, startServer } from '../test/server.js';
import { TaskList } from './TaskList.js';

// The task list against the reference server: "my open tasks" in its order, and every action a real call whose
// answer the list shows (a recurring task comes back, a reassigned one goes to its new assignee).

let t: Awaited<ReturnType<typeof startServer>>;
let max: SpokeStack;
let maxId: string;
let niaId: string;

beforeAll(async () => {
  t = await startServer({ now: '2026-03-10T08:00:00Z' });
  maxId = (await t.sdk.platform.users.create({ email: 'max@agency.test', name: 'Max', role: 'ADMIN' })).id;
  niaId = (await t.sdk.platform.users.create({ email: 'nia@agency.test', name: 'Nia' })).id;
  max = t.sdkWith((await t.sdk.platform.sessions.create({ userId: maxId, expiresIn: 86_400 })).token);
  await max.crm.tasks.create({ title: 'Send the deck', dueDate: '2031-05-02T09:00:00Z' });
  await max.crm.tasks.create({ title: 'Chase invoice', dueDate: '2020-01-15T09:00:00Z' });
  await max.crm.tasks.create({ title: 'Monthly report', dueDate: '2031-01-31T17:00:00Z', recurrence: 'MONTHLY' });
  await max.crm.tasks.create({ title: 'Someday' });
  await t.sdk.crm.tasks.create({ title: 'Not mine', assignedToId: niaId });
});
afterAll(() => t?.close());

const rows = () => [...document.querySelectorAll('[data-scope="task-list"][data-part="item"]')].map((li) => li.getAttribute('aria-label'));
const row = (title: string) => screen.getByRole('listitem', { name: title });

describe('TaskList', () => {
  it('lists my open tasks soonest due first, marks the overdue, and completes, defers and reassigns them', async () => {
    const user = userEvent.setup();
    const { container } = renderWith(max, <TaskList locale="en-US" />);
    await screen.findByRole('listitem', { name: 'Someday' }, { timeout: 15_000 });
    expect(rows()).toEqual(['Chase invoice', 'Monthly report', 'Send the deck', 'Someday']);
    expect(within(row('Chase invoice')).getByText('Overdue')).toBeTruthy();
    expect(within(row('Send the deck')).queryByText('Overdue')).toBeNull();
    expect(within(row('Someday')).getByText('No due date')).toBeTruthy();

    // Completing a monthly task brings its next occurrence (28 February of 2031), which sorts first among the future.
    await user.click(screen.getByRole('button', { name: 'Complete Monthly report' }));
    await waitFor(() => expect(container.querySelector('[data-part="status"]')?.textContent).toBe('Monthly report completed.'));
    const next = (await max.crm.tasks.mine()).data.find((task) => task.title === 'Monthly report');
    expect(next?.dueDate).toBe('2031-02-28T17:00:00.000Z');

    // Deferring the overdue one by a week moves it past today, so it loses its mark (still before the 2031 ones).
    await user.click(screen.getByRole('button', { name: 'Defer Chase invoice' }));
    await user.click(await screen.findByRole('menuitem', { name: 'By a week' }));
    await waitFor(() => expect(within(row('Chase invoice')).queryByText('Overdue')).toBeNull());
    expect(rows()).toEqual(['Chase invoice', 'Monthly report', 'Send the deck', 'Someday']);
    const deferred = (await max.crm.tasks.mine()).data.find((task) => task.title === 'Chase invoice')!;
    expect(deferred.status).toBe('DEFERRED');
    expect(Date.parse(deferred.dueDate!)).toBeGreaterThan(Date.now());

    // Handing one to Nia takes it off my list and puts it on hers.
    await user.click(screen.getByRole('button', { name: 'Reassign Send the deck' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Nia' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Send the deck' })).toBeNull());
    const nia = t.sdkWith((await t.sdk.platform.sessions.create({ userId: niaId, expiresIn: 86_400 })).token);
    expect((await nia.crm.tasks.mine()).data.map((task) => task.title)).toEqual(['Send the deck', 'Not mine']);
  });

  it('says when there is nothing to do, and says why when a call fails', async () => {
    const nobody = await t.sdk.platform.users.create({ email: 'idle@agency.test', name: 'Idle' });
    const idle = t.sdkWith((await t.sdk.platform.sessions.create({ userId: nobody.id, expiresIn: 86_400 })).token);
    renderWith(idle, <TaskList locale="en-US" />);
    await screen.findByText('Nothing to do', {}, { timeout: 15_000 });
    screen.getByText('Nothing to do').closest('section')?.remove();
    renderWith(t.sdkWith('sk_not_a_key'), <TaskList locale="en-US" />);
    await waitFor(() => expect(document.querySelector('[data-scope="task-list"][data-state="error"]')).toBeTruthy(), { timeout: 15_000 });
  });
});
