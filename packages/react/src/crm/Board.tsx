import {
  type Announcements,
  closestCorners,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type ComponentPropsWithoutRef,
  createContext,
  forwardRef,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
  useContext,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Slot } from 'radix-ui';
import { format } from '../shared/format.js';
import type { BoardDeal, BoardStage, PipelineBoardData } from './hooks.js';
import { type PipelineBoardStrings, pipelineBoardStrings } from './strings.js';

// Unstyled parts of a pipeline board: `Board.Root` holds the drag and drop (mouse, touch, keyboard, with
// announcements), `Board.Column` is a stage a deal can be dropped on, `Board.Cards` lists a stage's deals
// (virtualized when there are many), `Board.Card` is one draggable deal. The styled `<PipelineBoard>` is built
// from exactly these; a host builds its own board on them.

/** What every part of one board reads. */
export interface BoardContextValue {
  board: PipelineBoardData;
  /** Nothing can be dragged (a CLIENT member, or a move under way). */
  readOnly: boolean;
  /** The deal being dragged, if any. */
  active: BoardDeal | null;
  t: PipelineBoardStrings;
}
const BoardContext = createContext<BoardContextValue | null>(null);

/**
 * The board around the calling part, for a host's own parts.
 *
 * @example const { board, active } = useBoard('MyPart')
 */
export function useBoard(part = 'useBoard'): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error(`<Board.${part}> must be used inside <Board.Root>.`);
  return value;
}

/**
 * Mouse and pen drags start after 5 px of movement, so a click on a card stays a click; touch is left to the
 * touch sensor (a long press), so a finger can still scroll the columns.
 */
class MouseAndPenSensor extends PointerSensor {
  static override activators = [
    {
      eventName: 'onPointerDown' as const,
      handler: ({ nativeEvent }: ReactPointerEvent) =>
        nativeEvent.isPrimary && nativeEvent.button === 0 && nativeEvent.pointerType !== 'touch',
    },
  ];
}

const stageOf = (board: PipelineBoardData, stageId: unknown) => board.stages.find((stage) => stage.id === stageId);
const dealOf = (board: PipelineBoardData, dealId: unknown) =>
  board.stages.flatMap((stage) => stage.deals).find((deal) => deal.id === dealId) ?? null;
/** The stage a drop target stands for: a column (`stage:<id>`) or a card in it. */
const targetStage = (board: PipelineBoardData, data: Record<string, unknown> | undefined) => stageOf(board, data?.stageId);

/** Where a drop puts a deal: its stage, and the deal it now follows there (`null`: first). */
export interface DropPlace {
  stage: BoardStage;
  afterDealId: string | null;
}

/**
 * Where dropping `dealId` on `over` (a card or a column) puts it, or null when nothing would change. On a card it
 * takes that card's place (in its own stage the cards between shift, as in a sortable list); on a column it goes
 * last.
 *
 * @example const place = dropPlace(board, active.id, over) // { stage, afterDealId: 'deal_2' }
 */
export function dropPlace(
  board: PipelineBoardData,
  dealId: unknown,
  over: { id: unknown; data: { current?: Record<string, unknown> } } | null,
): DropPlace | null {
  const deal = dealOf(board, dealId);
  const stage = over ? targetStage(board, over.data.current) : undefined;
  if (!deal || !stage) return null;
  const others = stage.deals.filter((d) => d.id !== deal.id);
  const overIndex = stage.deals.findIndex((d) => d.id === over!.id);
  // On a card: its index in the list without the dragged deal is where the dragged one lands.
  const index = overIndex === -1 ? others.length : overIndex;
  // Dropped on its own place (its card, or its column when it is last there): no move.
  if (stage.id === deal.stageId && stage.deals[index]?.id === deal.id) return null;
  return { stage, afterDealId: others[index - 1]?.id ?? null };
}

export interface RootProps extends ComponentPropsWithoutRef<'div'> {
  /** The board, as `usePipelineBoard` returns it. */
  board: PipelineBoardData;
  /**
   * Called when a deal is dropped on another stage or another place in its own (not when it is dropped back
   * where it was), with the deal it now follows (`null`: first in the stage).
   */
  onMove: (deal: BoardDeal, to: BoardStage, afterDealId: string | null) => void;
  /** Nothing can be dragged. */
  readOnly?: boolean;
  /** The dragged card as it follows the pointer (default: none, the card itself moves). */
  overlay?: (deal: BoardDeal) => ReactNode;
  /** The strings of the announcements and instructions. */
  strings?: PipelineBoardStrings;
  /** Render your own element instead of `<div>`, with the root's attributes. */
  asChild?: boolean;
}

/**
 * Makes its columns and cards a drag and drop board: drag with the mouse (after 5 px), a long press on touch, or
 * the keyboard (focus a card, Space, arrow keys, Space), every step announced to screen readers.
 *
 * @example
 * <Board.Root
 *   board={data}
 *   onMove={(deal, stage, afterDealId) => move.mutate({ dealId: deal.id, fromStageId: deal.stageId, stageId: stage.id, afterDealId })}
 * >
 *   {data.stages.map((stage) => (
 *     <Board.Column key={stage.id} stage={stage}>
 *       <Board.Cards stage={stage}>{(deal) => <Board.Card deal={deal}>{deal.name}</Board.Card>}</Board.Cards>
 *     </Board.Column>
 *   ))}
 * </Board.Root>
 */
export const Root = forwardRef<HTMLDivElement, RootProps>(function Root(
  { board, onMove, readOnly = false, overlay, strings = pipelineBoardStrings, asChild, children, ...props },
  ref,
) {
  const t = strings;
  const [activeId, setActiveId] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(MouseAndPenSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const active = activeId ? dealOf(board, activeId) : null;
  const value = useMemo(() => ({ board, readOnly, active, t }), [board, readOnly, active, t]);

  const name = (id: unknown) => dealOf(board, id)?.name ?? '';
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      format(t.pickedUp, { deal: name(active.id), stage: stageOf(board, dealOf(board, active.id)?.stageId)?.name ?? '' }),
    onDragOver: ({ active, over }) =>
      over ? format(t.over, { deal: name(active.id), stage: targetStage(board, over.data.current)?.name ?? '' }) : undefined,
    onDragEnd: ({ active, over }) => {
      const from = stageOf(board, dealOf(board, active.id)?.stageId);
      const place = dropPlace(board, active.id, over);
      if (place && place.stage === from) {
        const rest = place.stage.deals.filter((d) => d.id !== active.id);
        const position = place.afterDealId === null ? 1 : rest.findIndex((d) => d.id === place.afterDealId) + 2;
        return format(t.reordered, { deal: name(active.id), position, stage: place.stage.name });
      }
      return format(place ? t.dropped : t.droppedBack, { deal: name(active.id), stage: (place?.stage ?? from)?.name ?? '' });
    },
    onDragCancel: ({ active }) => format(t.cancelled, { deal: name(active.id) }),
  };

  const end = ({ active, over }: DragEndEvent) => {
    setActiveId(null);
    const deal = dealOf(board, active.id);
    const place = dropPlace(board, active.id, over);
    if (deal && place) onMove(deal, place.stage, place.afterDealId);
  };

  const Element = asChild ? Slot.Root : 'div';
  return (
    <BoardContext.Provider value={value}>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t.instructions } }}
        onDragStart={({ active }: DragStartEvent) => setActiveId(String(active.id))}
        onDragEnd={end}
        onDragCancel={() => setActiveId(null)}
      >
        <Element ref={ref} {...props} data-scope="pipeline-board" data-part="board" data-dragging={active ? '' : undefined}>
          {children}
        </Element>
        {overlay && <DragOverlay dropAnimation={null}>{active ? overlay(active) : null}</DragOverlay>}
      </DndContext>
    </BoardContext.Provider>
  );
});

export interface ColumnProps extends ComponentPropsWithoutRef<'section'> {
  /** The stage this column shows. */
  stage: BoardStage;
  /** Render your own element instead of `<section>`, with the column's attributes. */
  asChild?: boolean;
}

/**
 * One stage: a drop target for deals (`data-over` while a deal hovers it), named by the stage for screen readers.
 *
 * @example <Board.Column stage={stage}><h3>{stage.name}</h3><Board.Cards stage={stage}>{renderCard}</Board.Cards></Board.Column>
 */
export const Column = forwardRef<HTMLElement, ColumnProps>(function Column({ stage, asChild, ...props }, ref) {
  const { readOnly } = useBoard('Column');
  const { setNodeRef, isOver } = useDroppable({ id: `stage:${stage.id}`, data: { stageId: stage.id }, disabled: readOnly });
  const Element = asChild ? Slot.Root : 'section';
  return (
    <Element
      ref={(node: HTMLElement | null) => {
        setNodeRef(node);
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      }}
      aria-label={stage.name}
      {...props}
      data-scope="pipeline-board"
      data-part="column"
      data-stage={stage.id}
      data-closed={stage.isClosed ? (stage.isWon ? 'won' : 'lost') : undefined}
      data-over={isOver || undefined}
    />
  );
});

export interface CardsProps extends Omit<ComponentPropsWithoutRef<'ol'>, 'children'> {
  /** The stage whose deals to list. */
  stage: BoardStage;
  /** Renders one deal (usually a `Board.Card`). */
  children: (deal: BoardDeal) => ReactNode;
  /** Estimated height of a card in pixels, until it is measured (virtualized lists only). */
  estimateSize?: number;
  /** Lists longer than this render only the cards in view (default 40). */
  virtualizeAbove?: number;
}

/**
 * A stage's deals, in the server's order. Long lists render only what is in view (TanStack Virtual), so a board
 * of thousands of deals scrolls smoothly; the list element is then the scroll container and needs a height.
 *
 * @example <Board.Cards stage={stage} style={{ maxHeight: 600 }}>{(deal) => <Board.Card deal={deal}>{deal.name}</Board.Card>}</Board.Cards>
 */
export const Cards = forwardRef<HTMLOListElement, CardsProps>(function Cards(
  { stage, children, estimateSize = 96, virtualizeAbove = 40, ...props },
  ref,
) {
  const ids = useMemo(() => stage.deals.map((deal) => deal.id), [stage.deals]);
  const virtual = stage.deals.length > virtualizeAbove;
  return (
    <SortableContext items={ids} strategy={verticalListSortingStrategy}>
      {virtual ? (
        <VirtualCards ref={ref} stage={stage} estimateSize={estimateSize} {...props}>
          {children}
        </VirtualCards>
      ) : (
        <ol ref={ref} {...props} data-scope="pipeline-board" data-part="cards">
          {stage.deals.map((deal) => (
            <li key={deal.id} data-scope="pipeline-board" data-part="item">
              {children(deal)}
            </li>
          ))}
        </ol>
      )}
    </SortableContext>
  );
});

const VirtualCards = forwardRef<HTMLOListElement, Omit<CardsProps, 'virtualizeAbove'> & { estimateSize: number }>(function VirtualCards(
  { stage, children, estimateSize, style, ...props },
  ref,
) {
  const scroller = useRef<HTMLOListElement | null>(null);
  const virtualizer = useVirtualizer({
    count: stage.deals.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateSize,
    overscan: 6,
    getItemKey: (index) => stage.deals[index]!.id,
  });
  return (
    <ol
      ref={(node) => {
        scroller.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      }}
      {...props}
      style={{ ...style, overflowY: 'auto', position: 'relative' }}
      data-scope="pipeline-board"
      data-part="cards"
      data-virtual=""
    >
      <li aria-hidden style={{ height: virtualizer.getTotalSize(), listStyle: 'none' }} />
      {virtualizer.getVirtualItems().map((item) => (
        <li
          key={item.key}
          ref={virtualizer.measureElement}
          data-index={item.index}
          data-scope="pipeline-board"
          data-part="item"
          aria-setsize={stage.deals.length}
          aria-posinset={item.index + 1}
          style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
        >
          {children(stage.deals[item.index]!)}
        </li>
      ))}
    </ol>
  );
});

export interface CardProps extends ComponentPropsWithoutRef<'article'> {
  /** The deal this card stands for. */
  deal: BoardDeal;
  /** Render your own element instead of `<article>`, with the card's attributes and drag handlers. */
  asChild?: boolean;
}

/**
 * One draggable deal: focusable, picked up with Space or Enter, dragged with the mouse after 5 px or with a long
 * press on touch (`data-dragging` while it moves). Buttons inside it stay buttons: only the card itself starts a
 * drag.
 *
 * @example <Board.Card deal={deal}><h4>{deal.name}</h4></Board.Card>
 */
export const Card = forwardRef<HTMLElement, CardProps>(function Card({ deal, asChild, style, ...props }, ref) {
  const { readOnly, t } = useBoard('Card');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: deal.id,
    data: { stageId: deal.stageId },
    disabled: readOnly,
    attributes: { role: 'article', roleDescription: t.roleDescription },
  });
  const Element = asChild ? Slot.Root : 'article';
  return (
    <Element
      ref={(node: HTMLElement | null) => {
        setNodeRef(node);
        setActivatorNodeRef(node);
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      }}
      {...(readOnly ? { tabIndex: 0 } : { ...attributes, ...listeners })}
      aria-label={deal.name}
      {...props}
      style={{ ...style, transform: CSS.Translate.toString(transform), transition }}
      data-scope="pipeline-board"
      data-part="card"
      data-deal={deal.id}
      data-dragging={isDragging || undefined}
    />
  );
});
