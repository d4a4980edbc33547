import type { Meta, StoryObj } from '@storybook/react-vite';
import { Board, PipelineBoard, usePipelineBoard } from '@spokestack/react/crm';
import { fakeCrmSdk } from './fake-sdk.js';

/** The pipeline board on an in-memory story SDK (stories/crm/fake-sdk.ts). Drag a card, or use its ⋯ menu. */
const meta = {
  title: 'CRM/PipelineBoard',
  component: PipelineBoard,
  subcomponents: { 'Board.Root': Board.Root, 'Board.Column': Board.Column, 'Board.Card': Board.Card } as never,
  args: { pipelineId: 'pip_story', locale: 'en-US' },
  argTypes: { onOpenDeal: { action: 'open deal' } },
  parameters: { spokestack: { client: fakeCrmSdk() } },
} satisfies Meta<typeof PipelineBoard>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Six stages with their counts, totals and weighted totals; drag cards between them (mouse, touch, keyboard). */
export const Default: Story = {};

/** A pipeline without deals yet. */
export const Empty: Story = { parameters: { spokestack: { client: fakeCrmSdk({ deals: 0 }) } } };

/** The board is on its way. */
export const Loading: Story = { parameters: { spokestack: { client: fakeCrmSdk({ hang: true }) } } };

/** The board could not load; Try again asks once more. */
export const Error: Story = { parameters: { spokestack: { client: fakeCrmSdk({ offline: true }) } } };

/** 2,000 deals: every column renders only the cards in view, and scrolls smoothly. */
export const TwoThousandDeals: Story = { parameters: { spokestack: { client: fakeCrmSdk({ deals: 2000 }) } } };

/** A client's member: their client's deals only, "View only", nothing to drag. */
export const ClientReadOnly: Story = { parameters: { spokestack: { client: fakeCrmSdk({ role: 'CLIENT' }) } } };

/** Every move is refused (someone else moved the deal first): the card goes back and the board says why. */
export const MoveRefused: Story = { parameters: { spokestack: { client: fakeCrmSdk({ refuseMoves: true }) } } };

/** The unstyled parts, composed by a host: stage names and deal names only, in its own markup. */
export const Primitives: Story = {
  render: function PrimitivesStory() {
    const { data } = usePipelineBoard('pip_story');
    if (!data) return <p>Loading…</p>;
    return (
      <Board.Root board={data} onMove={() => {}} style={{ display: 'flex', gap: 16 }}>
        {data.stages.map((stage) => (
          <Board.Column key={stage.id} stage={stage} style={{ flex: 1, border: '1px solid #ccc', padding: 8 }}>
            <strong>{stage.name}</strong>
            <Board.Cards stage={stage} style={{ listStyle: 'none', padding: 0 }}>
              {(deal) => (
                <Board.Card deal={deal} style={{ padding: 4, margin: '4px 0', background: '#f4f4f5' }}>
                  {deal.name}
                </Board.Card>
              )}
            </Board.Cards>
          </Board.Column>
        ))}
      </Board.Root>
    );
  },
};
