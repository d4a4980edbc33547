import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpokeStack } from '@spokestack/core';
import { renderWith, startServer } from '../test/server.js';
import { dropPlace } from './Board.js';
import { PipelineBoard } from './PipelineBoard.js';

// The board against the reference server: the sums are the server's, every move is a real move (stage history,
// 409 when someone else moved the deal first), and a client's member sees it read-only.

let t: Awaited<ReturnType<typeof startServer>>;
let pipelineId: string;
const deals: Record<string, string> = {};
let clientViewer: SpokeStack;

beforeAll(async () => {
  t = await startServer({ now: '2026-03-10T08:00:00Z' });
  const pipeline = await t.sdk.crm.pipelines.create({
    name: 'New business',
    stages: [
      { id: 'lead', name: 'Lead', order: 0, probability: 10 },
      { id: 'proposal', name: 'Proposal', order: 1, probability: 60 },
      { id: 'won', name: 'Won', order: 2, probability: 100, isClosed: true, isWon: true },
      { id: 'lost', name: 'Lost', order: 3, probability: 0, isClosed: true },
    ],
  });
  pipelineId = pipeline.id;
  const acme = await t.sdk.platform.clients.create({ name: 'Acme', slug: 'acme' });
  const create = async (name: string, amount: string, extra: object = {}) =>
    (deals[name] = (await t.sdk.crm.deals.create({ pipelineId, name, amount, currency: 'USD', ...extra })).id);
  await create('Acme rebrand', '25000.00', { clientId: acme.id, expectedCloseDate: '2026-06-30T00:00:00Z' });
  await create('Globex site', '12000.00', { expectedCloseDate: '2026-07-15T00:00:00Z' });
  await create('Initech retainer', '4800.50', { stageId: 'proposal' });
  const user = await t.sdk.platform.users.create({ email: 'viewer@acme.test', name: 'Vi', role: 'CLIENT', clientId: acme.id });
  clientViewer = t.sdkFor((await t.sdk.platform.sessions.create({ userId: user.id, expiresIn: 86_400 })).token);
});
afterAll(() => t?.close());

const column = (name: string) => screen.getByRole('region', { name });
const card = (name: string) => screen.getByRole('article', { name });
const stageOf = async (name: string) => (await t.sdk.crm.deals.get(deals[name]!)).stageId;

/** The one-click alternative to dragging: the card's "Move to…" menu. */
async function moveWithMenu(deal: string, stage: string) {
  const user = userEvent.setup();
  await user.click(within(card(deal)).getByRole('button', { name: `Move ${deal} to…` }));
  await user.click(await screen.findByRole('menuitem', { name: stage }));
}

describe('PipelineBoard', () => {
  it("shows a column per stage with the server's count, total and weighted total, and a card per deal", async () => {
    renderWith(t.sdk, <PipelineBoard pipelineId={pipelineId} locale="en-US" />);
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'New business' })).toBeTruthy(), { timeout: 15_000 });
    await screen.findByRole('article', { name: 'Acme rebrand' });
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.firstChild?.nextSibling?.textContent)).toEqual([
      'Lead',
      'Proposal',
      'Won',
      'Lost',
    ]);
    expect(within(column('Lead')).getByText('2 deals')).toBeTruthy();
    expect(column('Lead').querySelector('[data-sum="total"]')?.textContent).toBe('$37,000');
    expect(column('Lead').querySelector('[data-sum="weighted"]')?.textContent).toBe('$3,700');
    expect(column('Proposal').querySelector('[data-sum="total"]')?.textContent).toBe('$4,800.50');
    expect(within(column('Proposal')).getByText('1 deal')).toBeTruthy();
    expect(within(card('Acme rebrand')).getByText('Closes Jun 30, 2026')).toBeTruthy();
    // Every card can be picked up from the keyboard and says how.
    expect(card('Acme rebrand').getAttribute('tabindex')).toBe('0');
    expect(card('Acme rebrand').getAttribute('aria-roledescription')).toBe('draggable deal');
  });

  it('moves a deal at once, and the server records it', async () => {
    const { container } = renderWith(t.sdk, <PipelineBoard pipelineId={pipelineId} locale="en-US" />);
    await screen.findByRole('article', { name: 'Globex site' }, { timeout: 15_000 });
    await moveWithMenu('Globex site', 'Proposal');
    // Optimistic: the card is in its new column before the server answers, and stays there after.
    expect(within(column('Proposal')).getByRole('article', { name: 'Globex site' })).toBeTruthy();
    await waitFor(() => expect(container.querySelector('[data-part="status"]')?.textContent).toBe('Globex site moved to Proposal.'));
    expect(await stageOf('Globex site')).toBe('proposal');
    await waitFor(() => expect(column('Proposal').querySelector('[data-sum="total"]')?.textContent).toBe('$16,800.50'));
    const history = await t.sdk.crm.deals.history(deals['Globex site']!);
    // The creation's row and the move's may share a time (the test clock), so find the move by where it went.
    expect(history.data.find((row) => row.toStageId === 'proposal')).toMatchObject({ fromStageId: 'lead' });
  });

  it('puts the card back and says why when the server refuses the move (someone else moved it first)', async () => {
    renderWith(t.sdk, <PipelineBoard pipelineId={pipelineId} locale="en-US" />);
    await screen.findByRole('article', { name: 'Initech retainer' }, { timeout: 15_000 });
    // A colleague moves it while this board still shows it in Proposal.
    await t.sdk.crm.deals.move(deals['Initech retainer']!, { fromStageId: 'proposal', stageId: 'lead' });
    await moveWithMenu('Initech retainer', 'Won');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Initech retainer could not be moved');
    expect(alert.textContent).toContain('Someone else moved it meanwhile');
    expect(await stageOf('Initech retainer')).toBe('lead');
    // Rolled back, then refreshed: the card is where the server has it, not where it was dropped.
    await waitFor(() => expect(within(column('Lead')).getByRole('article', { name: 'Initech retainer' })).toBeTruthy());
    expect(within(column('Won')).queryByRole('article', { name: 'Initech retainer' })).toBeNull();
  });

  it('asks for the reason before a deal goes to a lost stage, and moves nothing when cancelled', async () => {
    const user = userEvent.setup();
    renderWith(t.sdk, <PipelineBoard pipelineId={pipelineId} locale="en-US" />);
    await screen.findByRole('article', { name: 'Acme rebrand' }, { timeout: 15_000 });
    await moveWithMenu('Acme rebrand', 'Lost');
    let dialog = await screen.findByRole('dialog', { name: 'Why was Acme rebrand lost?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(column('Lead')).getByRole('article', { name: 'Acme rebrand' })).toBeTruthy();
    expect(await stageOf('Acme rebrand')).toBe('lead');

    await moveWithMenu('Acme rebrand', 'Lost');
    dialog = await screen.findByRole('dialog', { name: 'Why was Acme rebrand lost?' });
    await user.type(within(dialog).getByLabelText('Reason'), 'Budget cut');
    await user.type(within(dialog).getByLabelText('Details (optional)'), 'Q3 freeze');
    await user.click(within(dialog).getByRole('button', { name: 'Mark as lost' }));
    await waitFor(() => expect(within(column('Lost')).getByRole('article', { name: 'Acme rebrand' })).toBeTruthy());
    const lost = await t.sdk.crm.deals.get(deals['Acme rebrand']!);
    expect(lost).toMatchObject({ stageId: 'lost', lostReason: 'Budget cut', lostReasonDetails: 'Q3 freeze' });
  });

  it("filters by month of expected close on the server's board", async () => {
    const user = userEvent.setup();
    renderWith(t.sdk, <PipelineBoard pipelineId={pipelineId} locale="en-US" />);
    await screen.findByRole('article', { name: 'Globex site' }, { timeout: 15_000 });
    const month = screen.getByLabelText('Closing in');
    await user.clear(month);
    await user.type(month, '2026-07');
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Initech retainer' })).toBeNull());
    expect(card('Globex site')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByRole('article', { name: 'Initech retainer' });
  });

  it("shows a client's member their client's deals, read-only", async () => {
    renderWith(clientViewer, <PipelineBoard pipelineId={pipelineId} locale="en-US" />);
    await screen.findByText('View only', {}, { timeout: 15_000 });
    await screen.findByRole('article', { name: 'Acme rebrand' });
    expect(screen.queryByRole('article', { name: 'Globex site' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Move / })).toBeNull();
    expect(card('Acme rebrand').getAttribute('aria-roledescription')).toBeNull();
  });

  it('reorders a deal within its stage, at once and for good: the server keeps the new place', async () => {
    const p = await t.sdk.crm.pipelines.create({
      name: 'Reorder',
      stages: [
        { id: 'lead', name: 'Lead', order: 0, probability: 10 },
        { id: 'won', name: 'Won', order: 1, probability: 100, isClosed: true, isWon: true },
      ],
    });
    for (const [name, month] of [
      ['Alpha', '04'],
      ['Bravo', '05'],
      ['Charlie', '06'],
    ] as const)
      await t.sdk.crm.deals.create({ pipelineId: p.id, name, expectedCloseDate: `2026-${month}-01T00:00:00Z` });
    const { container } = renderWith(t.sdk, <PipelineBoard pipelineId={p.id} locale="en-US" />);
    await screen.findByRole('article', { name: 'Charlie' }, { timeout: 15_000 });
    const shown = () =>
      within(column('Lead'))
        .getAllByRole('article')
        .map((a) => a.getAttribute('aria-label'));
    expect(shown()).toEqual(['Alpha', 'Bravo', 'Charlie']);
    // The top card has no "Up", the last no "Down".
    await moveWithMenu('Charlie', 'Up in Lead');
    expect(shown()).toEqual(['Alpha', 'Charlie', 'Bravo']);
    await waitFor(() => expect(container.querySelector('[data-part="status"]')?.textContent).toBe('Charlie is now number 2 in Lead.'));
    const server = async () => (await t.sdk.crm.pipelines.board(p.id)).stages[0]!.deals.map((d) => d.name);
    expect(await server()).toEqual(['Alpha', 'Charlie', 'Bravo']);
    await moveWithMenu('Alpha', 'Down in Lead');
    await waitFor(async () => expect(await server()).toEqual(['Charlie', 'Alpha', 'Bravo']));
    expect(shown()).toEqual(['Charlie', 'Alpha', 'Bravo']);
    const user = userEvent.setup();
    await user.click(within(card('Charlie')).getByRole('button', { name: 'Move Charlie to…' }));
    expect(screen.queryByRole('menuitem', { name: 'Up in Lead' })).toBeNull();
    expect(screen.getByRole('menuitem', { name: 'Down in Lead' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect((await t.sdk.crm.deals.history((await t.sdk.crm.pipelines.board(p.id)).stages[0]!.deals[0]!.id)).data).toHaveLength(1);
  });

  it('works out where a drop puts a deal: on a card it takes its place, on a column it goes last', () => {
    const deal = (id: string, stageId: string) => ({ id, stageId, name: id }) as never;
    const board = {
      stages: [
        { id: 'a', deals: [deal('1', 'a'), deal('2', 'a'), deal('3', 'a')] },
        { id: 'b', deals: [deal('4', 'b')] },
      ],
    } as never;
    const on = (id: string, stageId: string) => ({ id, data: { current: { stageId } } });
    const place = (dealId: string, over: ReturnType<typeof on> | null) => {
      const p = dropPlace(board, dealId, over);
      return p && [p.stage.id, p.afterDealId];
    };
    expect(place('1', on('3', 'a'))).toEqual(['a', '3']); // down past two cards
    expect(place('3', on('1', 'a'))).toEqual(['a', null]); // to the top
    expect(place('1', on('2', 'a'))).toEqual(['a', '2']);
    expect(place('2', on('2', 'a'))).toBeNull(); // its own place
    expect(place('3', on('stage:a', 'a'))).toBeNull(); // its column, where it is last already
    expect(place('1', on('stage:a', 'a'))).toEqual(['a', '3']);
    expect(place('2', on('4', 'b'))).toEqual(['b', null]); // another stage, before the card it is dropped on
    expect(place('2', on('stage:b', 'b'))).toEqual(['b', '4']);
    expect(place('2', null)).toBeNull();
  });
});
