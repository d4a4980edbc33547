import type { SpokeStack } from '@spokestack/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestInstance, type TestInstance } from '../testing/index.js';

let t: TestInstance;
let other: Awaited<ReturnType<TestInstance['createOrg']>>;
let member: SpokeStack;
let memberId: string;

beforeAll(async () => {
  t = await createTestInstance({ now: '2025-03-01T10:00:00Z' });
  other = await t.createOrg('Rival Agency');
  memberId = (await t.sdk.platform.users.create({ email: 'max@agency.test', name: 'Max' })).id;
  member = t.sdkFor((await t.sdk.platform.sessions.create({ userId: memberId })).token);
});
afterAll(() => t.close());

describe('tasks', () => {
  it('reminds at the reminder time through the job, lists my open tasks by due date, completes and recurs, defers', async () => {
    const ada = await t.sdk.crm.contacts.create({ firstName: 'Ada', lastName: 'L' });
    const later = await member.crm.tasks.create({ title: 'Later', dueDate: '2025-03-09T09:00:00Z' });
    const undated = await member.crm.tasks.create({ title: 'Someday' });
    const call = await member.crm.tasks.create({
      title: 'Call Ada',
      taskType: 'CALL',
      contactId: ada.id,
      dueDate: '2025-03-01T12:00:00Z',
      reminderAt: '2025-03-01T11:30:00Z',
      recurrence: 'WEEKLY',
    });
    expect(call).toMatchObject({ assignedToId: memberId, status: 'PENDING' });
    await t.sdk.crm.tasks.create({ title: 'Not mine', dueDate: '2025-03-01T11:00:00Z' });
    await expect(t.sdk.crm.tasks.create({ title: 'X', assignedToId: 'nobody' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.assignedToId' }],
    });
    expect((await member.crm.tasks.mine()).data.map((x) => x.title)).toEqual(['Call Ada', 'Later', 'Someday']);
    const page = await member.crm.tasks.mine({ limit: 2 });
    expect((await member.crm.tasks.mine({ limit: 2, cursor: page.nextCursor! })).data.map((x) => x.id)).toEqual([undated.id]);

    const reminders = async () =>
      (await t.sdk.platform.activity.list({ entityType: 'crm_tasks' })).data.filter((a) => a.action === 'task_reminder');
    await t.runJobs();
    expect(await reminders()).toEqual([]);
    t.clock.advance(90 * 60_000);
    await t.runJobs();
    await t.runJobs();
    expect((await reminders()).map((a) => a.entityTitle)).toEqual(['Call Ada']);
    expect((await t.sdk.crm.tasks.get(call.id)).remindedAt).toBe('2025-03-01T11:30:00.000Z');

    const member2 = t.sdkFor((await t.sdk.platform.sessions.create({ userId: memberId })).token);
    const { task, next } = await member2.crm.tasks.complete(call.id);
    expect(task).toMatchObject({ status: 'COMPLETED', completedAt: '2025-03-01T11:30:00.000Z', completedById: memberId });
    expect(next).toMatchObject({
      title: 'Call Ada',
      status: 'PENDING',
      dueDate: '2025-03-08T12:00:00.000Z',
      reminderAt: '2025-03-08T11:30:00.000Z',
      remindedAt: null,
    });
    await expect(member2.crm.tasks.complete(call.id)).rejects.toMatchObject({ status: 409 });
    expect((await t.sdk.crm.contactActivities.list({ contactId: ada.id })).data.map((a) => a.activityType)).toEqual(['TASK_COMPLETED']);

    const deferred = await member2.crm.tasks.defer(next!.id, { dueDate: '2025-03-10T12:00:00Z' });
    expect(deferred).toMatchObject({ status: 'DEFERRED', dueDate: '2025-03-10T12:00:00.000Z', reminderAt: '2025-03-10T11:30:00.000Z' });
    await expect(member2.crm.tasks.defer(next!.id, { dueDate: '2025-03-02T12:00:00Z' })).rejects.toMatchObject({ status: 400 });
    expect((await member2.crm.tasks.mine()).data.map((x) => x.title)).toEqual(['Later', 'Call Ada', 'Someday']);
    expect(later.status).toBe('PENDING');
  });

  it('repeats a monthly task on its anchor day, or on the last day of a shorter month, and back (31 Jan → 28 Feb → 31 Mar)', async () => {
    const task = await t.sdk.crm.tasks.create({
      title: 'Month-end report',
      dueDate: '2025-01-31T17:00:00Z',
      reminderAt: '2025-01-30T09:00:00Z',
      recurrence: 'MONTHLY',
    });
    const { next: feb } = await t.sdk.crm.tasks.complete(task.id);
    // The reminder keeps its lead time (a day and eight hours) before the due date.
    expect(feb).toMatchObject({ dueDate: '2025-02-28T17:00:00.000Z', reminderAt: '2025-02-27T09:00:00.000Z', recurrence: 'MONTHLY' });
    const { next: mar } = await t.sdk.crm.tasks.complete(feb!.id);
    expect(mar).toMatchObject({ dueDate: '2025-03-31T17:00:00.000Z', reminderAt: '2025-03-30T09:00:00.000Z' });
    expect((await t.sdk.crm.tasks.complete(mar!.id)).next).toMatchObject({ dueDate: '2025-04-30T17:00:00.000Z' });
    const leap = await t.sdk.crm.tasks.create({ title: 'Leap', dueDate: '2024-01-31T08:00:00Z', recurrence: 'MONTHLY' });
    const leapFeb = (await t.sdk.crm.tasks.complete(leap.id)).next!;
    expect(leapFeb).toMatchObject({ dueDate: '2024-02-29T08:00:00.000Z' });
    expect((await t.sdk.crm.tasks.complete(leapFeb.id)).next).toMatchObject({ dueDate: '2024-03-31T08:00:00.000Z' });
    const mid = await t.sdk.crm.tasks.create({ title: 'Mid', dueDate: '2025-12-15T08:00:00Z', recurrence: 'MONTHLY' });
    expect((await t.sdk.crm.tasks.complete(mid.id)).next).toMatchObject({ dueDate: '2026-01-15T08:00:00.000Z' });
  });

  it('reassigns an open task: the new assignee has it, the old one not, and the timeline names both', async () => {
    // A fresh session: an earlier test moved the clock past the suite's.
    const max = t.sdkFor((await t.sdk.platform.sessions.create({ userId: memberId })).token);
    const ada = await t.sdk.crm.contacts.create({ firstName: 'Ada', lastName: 'Reassigned' });
    const task = await max.crm.tasks.create({ title: 'Send the deck', contactId: ada.id, dueDate: '2025-03-04T09:00:00Z' });
    const nia = await t.sdk.platform.users.create({ email: 'nia@agency.test', name: 'Nia' });
    const asNia = t.sdkFor((await t.sdk.platform.sessions.create({ userId: nia.id })).token);
    const owner = (await t.sdk.platform.activity.list({ entityType: 'crm_tasks' })).data; // the stream before
    const moved = await max.crm.tasks.reassign(task.id, { assignedToId: nia.id });
    expect(moved).toMatchObject({ id: task.id, assignedToId: nia.id });
    expect((await max.crm.tasks.mine()).data.map((x) => x.id)).not.toContain(task.id);
    expect((await asNia.crm.tasks.mine()).data.map((x) => x.id)).toEqual([task.id]);
    const stream = (await t.sdk.platform.activity.list({ entityType: 'crm_tasks' })).data.filter((a) => a.action === 'reassigned');
    expect(stream.length).toBe(owner.filter((a) => a.action === 'reassigned').length + 1);
    expect(stream[0]).toMatchObject({
      entityId: task.id,
      description: 'Reassigned from Max to Nia',
      metadata: { fromAssignedToId: memberId, toAssignedToId: nia.id },
    });
    expect((await t.sdk.crm.contactActivities.list({ contactId: ada.id })).data).toMatchObject([
      { activityType: 'STATUS_CHANGED', subject: 'Task “Send the deck” reassigned from Max to Nia' },
    ]);
    // To the same person: nothing changes, nothing is recorded.
    await t.sdk.crm.tasks.reassign(task.id, { assignedToId: nia.id });
    expect((await t.sdk.crm.contactActivities.list({ contactId: ada.id })).data).toHaveLength(1);
    await expect(t.sdk.crm.tasks.reassign(task.id, { assignedToId: 'nobody' })).rejects.toMatchObject({
      status: 400,
      errors: [{ path: 'body.assignedToId' }],
    });
    await expect(other.sdk.crm.tasks.reassign(task.id, { assignedToId: memberId })).rejects.toMatchObject({ status: 404 });
    await t.sdk.crm.tasks.complete(task.id);
    await expect(t.sdk.crm.tasks.reassign(task.id, { assignedToId: memberId })).rejects.toMatchObject({ status: 409 });
  });

  it('hides other organizations’ tasks and refuses CLIENT members', async () => {
    const task = await t.sdk.crm.tasks.create({ title: 'Ours' });
    await expect(other.sdk.crm.tasks.complete(task.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.sdk.crm.tasks.defer(task.id, { dueDate: '2026-01-01T00:00:00Z' })).rejects.toMatchObject({ status: 404 });
    expect((await other.sdk.crm.tasks.mine()).data).toEqual([]);
    const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
    const dana = await t.sdk.platform.users.create({ email: 'dana@acme.test', name: 'Dana', role: 'CLIENT', clientId: acme.id });
    const client = t.sdkFor((await t.sdk.platform.sessions.create({ userId: dana.id })).token);
    await expect(client.crm.tasks.create({ title: 'X' })).rejects.toMatchObject({ status: 403 });
    await expect(client.crm.tasks.complete(task.id)).rejects.toMatchObject({ status: 403 });
    await expect(client.crm.tasks.reassign(task.id, { assignedToId: dana.id })).rejects.toMatchObject({ status: 403 });
    await expect(client.crm.tasks.mine()).rejects.toMatchObject({ status: 403 });
  });
});
