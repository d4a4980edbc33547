import { type ComponentPropsWithoutRef, type FormEvent, forwardRef, type ReactNode, useId, useMemo, useState } from 'react';
import { DropdownMenu } from 'radix-ui';
import { useOverrides } from '../overrides.js';
import { useMe } from '../platform/me.js';
import { useMemberNames } from '../platform/members.js';
import { format } from '../shared/format.js';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import * as Dialog from '../ui/Dialog.js';
import { EmptyState } from '../ui/EmptyState.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import { type ClassNames, usePortalContainer } from '../ui/utils.js';
import * as Board from './Board.js';
import { formatDate, formatMoney } from './format.js';
import { type BoardDeal, type BoardFilters, type BoardStage, type PipelineBoardData, useMoveDeal, usePipelineBoard } from './hooks.js';
import { type PipelineBoardStrings, pipelineBoardStrings } from './strings.js';

type Part = 'header' | 'filters' | 'columns' | 'column' | 'columnHeader' | 'cards' | 'card' | 'notice';

export interface PipelineBoardProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** The pipeline to show. */
  pipelineId: string;
  /** The filters the board opens with (owner, month of expected close). */
  defaultFilters?: BoardFilters;
  /** Called when a deal's name is clicked: open your deal page or a `<DealDialog>`. */
  onOpenDeal?: (deal: BoardDeal) => void;
  /** Hide the owner and month filters. */
  hideFilters?: boolean;
  /** Shown instead of the default empty state when the pipeline has no deals. */
  empty?: ReactNode;
  /** Locale of amounts and dates (default: the browser's). */
  locale?: string;
  /** Class name of the root element. */
  className?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<Part>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<PipelineBoardStrings>;
}

/** A move that waits for its lost reason. */
type PendingLoss = { deal: BoardDeal; stage: BoardStage; afterDealId?: string | null };

/**
 * A pipeline as a board: a column per stage with its count, total and probability-weighted total, and a card per
 * deal. Deals move by drag and drop (mouse, touch, keyboard, announced to screen readers) or each card's "Move to"
 * menu; the card moves at once and goes back, with a message, if the server refuses (someone else moved it
 * first). Dropping on a lost stage asks for the reason. Filters by owner and month of expected close; long
 * columns are virtualized. A client's members see it read-only.
 *
 * @example <PipelineBoard pipelineId={pipeline.id} onOpenDeal={(deal) => setOpenDeal(deal.id)} />
 */
export const PipelineBoard = forwardRef<HTMLElement, PipelineBoardProps>(function PipelineBoard(
  { pipelineId, defaultFilters = {}, onOpenDeal, hideFilters, empty, locale, className, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('pipelineBoard', pipelineBoardStrings, overrides);
  const ids = useId();
  const [filters, setFilters] = useState<BoardFilters>(defaultFilters);
  const [pendingLoss, setPendingLoss] = useState<PendingLoss | null>(null);
  const [notice, setNotice] = useState<{ title: string; detail: string } | null>(null);
  const [status, setStatus] = useState('');
  const board = usePipelineBoard(pipelineId, filters);
  const move = useMoveDeal(pipelineId);
  const me = useMe();
  const readOnly = me.data?.actor.role === 'CLIENT';
  const state = board.isError ? 'error' : board.isPending ? 'loading' : board.data.stages.some((s) => s.count > 0) ? 'ready' : 'empty';

  const send = (
    deal: BoardDeal,
    stage: BoardStage,
    afterDealId: string | null | undefined,
    lost?: { lostReason: string; lostReasonDetails?: string },
  ) => {
    setNotice(null);
    const within = stage.id === deal.stageId;
    const position = afterDealId ? stage.deals.filter((d) => d.id !== deal.id).findIndex((d) => d.id === afterDealId) + 2 : 1;
    move.mutate(
      { dealId: deal.id, fromStageId: deal.stageId, stageId: stage.id, afterDealId, ...lost },
      {
        onSuccess: () =>
          setStatus(
            within
              ? format(t.reordered, { deal: deal.name, position, stage: stage.name })
              : format(t.moved, { deal: deal.name, stage: stage.name }),
          ),
        onError: (error) =>
          setNotice({
            title: format(t.refused, { deal: deal.name }),
            detail: error.status === 409 ? t.conflict : (error.detail ?? error.title),
          }),
      },
    );
  };
  // A lost stage asks why, unless the deal only changes places within it.
  const requestMove = (deal: BoardDeal, stage: BoardStage, afterDealId?: string | null) => {
    if (stage.isClosed && !stage.isWon && stage.id !== deal.stageId) setPendingLoss({ deal, stage, afterDealId });
    else send(deal, stage, afterDealId);
  };

  return (
    <section
      ref={ref}
      aria-labelledby={`${ids}-title`}
      aria-busy={board.isFetching || undefined}
      {...props}
      data-scope="pipeline-board"
      data-part="root"
      data-state={state}
      data-readonly={readOnly || undefined}
      className={className}
    >
      <header data-scope="pipeline-board" data-part="header" className={classNames?.header}>
        <h2 id={`${ids}-title`} data-scope="pipeline-board" data-part="title">
          {board.data?.pipeline.name ?? t.loading}
          {readOnly && <Badge tone="info">{t.readOnly}</Badge>}
        </h2>
        {!hideFilters && state !== 'error' && (
          <Filters value={filters} onChange={setFilters} board={board.data} t={t} className={classNames?.filters} />
        )}
      </header>
      {notice && (
        <div role="alert" data-scope="pipeline-board" data-part="notice" className={classNames?.notice}>
          <strong>{notice.title}</strong> <span>{notice.detail}</span>
          <Button size="sm" variant="ghost" onClick={() => setNotice(null)}>
            {t.dismiss}
          </Button>
        </div>
      )}
      <p role="status" data-scope="pipeline-board" data-part="status">
        {status}
      </p>
      {board.data?.missingRates.length ? (
        <p data-scope="pipeline-board" data-part="hint">
          {format(t.missingRates, { currencies: board.data.missingRates.join(', ') })}
        </p>
      ) : null}
      {state === 'error' ? (
        <ErrorState error={board.error} onRetry={() => board.refetch()} retrying={board.isRefetching} />
      ) : state === 'loading' ? (
        <Spinner size="lg" overrides={{ label: t.loading }} />
      ) : state === 'empty' && !filters.ownerId && !filters.closeMonth ? (
        (empty ?? <EmptyState title={t.empty} description={t.emptyHint} />)
      ) : (
        <Board.Root
          board={board.data!}
          onMove={requestMove}
          readOnly={readOnly}
          strings={t}
          overlay={(deal) => (
            <div data-scope="pipeline-board" data-part="card" data-overlay="" className={classNames?.card}>
              <DealCardBody deal={deal} board={board.data!} t={t} locale={locale} />
            </div>
          )}
          className={classNames?.columns}
        >
          {board.data!.stages.map((stage) => (
            <Board.Column key={stage.id} stage={stage} className={classNames?.column}>
              <StageHeader stage={stage} currency={board.data!.currency} t={t} locale={locale} className={classNames?.columnHeader} />
              {stage.deals.length === 0 ? (
                <p data-scope="pipeline-board" data-part="empty-stage">
                  {t.emptyStage}
                </p>
              ) : null}
              <Board.Cards stage={stage} className={classNames?.cards}>
                {(deal) => (
                  <Board.Card deal={deal} className={classNames?.card}>
                    <DealCardBody
                      deal={deal}
                      board={board.data!}
                      t={t}
                      locale={locale}
                      onOpen={onOpenDeal}
                      onMove={readOnly ? undefined : requestMove}
                    />
                  </Board.Card>
                )}
              </Board.Cards>
            </Board.Column>
          ))}
        </Board.Root>
      )}
      <LostReasonDialog
        pending={pendingLoss}
        t={t}
        onCancel={() => setPendingLoss(null)}
        onConfirm={(reason) => {
          if (pendingLoss) send(pendingLoss.deal, pendingLoss.stage, pendingLoss.afterDealId, reason);
          setPendingLoss(null);
        }}
      />
    </section>
  );
});

/** A stage's name, count, total and weighted total. */
function StageHeader({
  stage,
  currency,
  t,
  locale,
  className,
}: {
  stage: BoardStage;
  currency: string;
  t: PipelineBoardStrings;
  locale?: string;
  className?: string;
}) {
  return (
    <header data-scope="pipeline-board" data-part="column-header" className={className}>
      <h3 data-scope="pipeline-board" data-part="stage-name">
        <span data-scope="pipeline-board" data-part="swatch" style={stage.color ? { background: stage.color } : undefined} aria-hidden />
        {stage.name}
        <span data-scope="pipeline-board" data-part="count">
          {stage.count === 1 ? t.countOne : format(t.count, { count: stage.count })}
        </span>
      </h3>
      <dl data-scope="pipeline-board" data-part="sums">
        <div>
          <dt>{t.total}</dt>
          <dd data-sum="total">{formatMoney(stage.total, currency, locale)}</dd>
        </div>
        <div>
          <dt>{t.weighted}</dt>
          <dd data-sum="weighted">{formatMoney(stage.weighted, currency, locale)}</dd>
        </div>
      </dl>
    </header>
  );
}

/** What a deal card shows: name (a button when the host opens deals), amount, close date, owner, probability. */
function DealCardBody({
  deal,
  board,
  t,
  locale,
  onOpen,
  onMove,
}: {
  deal: BoardDeal;
  board: PipelineBoardData;
  t: PipelineBoardStrings;
  locale?: string;
  onOpen?: (deal: BoardDeal) => void;
  onMove?: (deal: BoardDeal, stage: BoardStage, afterDealId?: string | null) => void;
}) {
  const members = useMemberNames();
  const owner = members.get(deal.ownerId);
  return (
    <>
      <div data-scope="pipeline-board" data-part="card-header">
        {onOpen ? (
          <button type="button" data-scope="pipeline-board" data-part="deal-name" onClick={() => onOpen(deal)}>
            {deal.name}
          </button>
        ) : (
          <span data-scope="pipeline-board" data-part="deal-name">
            {deal.name}
          </span>
        )}
        {onMove && <MoveMenu deal={deal} board={board} t={t} onMove={onMove} />}
      </div>
      <p data-scope="pipeline-board" data-part="amount">
        {deal.amount === null ? t.noAmount : formatMoney(deal.amount, deal.currency, locale)}
      </p>
      <p data-scope="pipeline-board" data-part="meta">
        <span>{deal.expectedCloseDate ? format(t.closes, { date: formatDate(deal.expectedCloseDate, locale) }) : t.noCloseDate}</span>
        {deal.probability !== null && <span>{format(t.probability, { probability: deal.probability })}</span>}
      </p>
      {owner && (
        <p data-scope="pipeline-board" data-part="owner">
          {owner}
        </p>
      )}
    </>
  );
}

/** The one-click alternative to dragging: "Move to…" any other stage, or one place up or down in its own. */
function MoveMenu({
  deal,
  board,
  t,
  onMove,
}: {
  deal: BoardDeal;
  board: PipelineBoardData;
  t: PipelineBoardStrings;
  onMove: (deal: BoardDeal, stage: BoardStage, afterDealId?: string | null) => void;
}) {
  const container = usePortalContainer();
  const own = board.stages.find((stage) => stage.id === deal.stageId);
  const index = own?.deals.findIndex((d) => d.id === deal.id) ?? -1;
  const others = own?.deals.filter((d) => d.id !== deal.id) ?? [];
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <button type="button" aria-label={format(t.moveTo, { deal: deal.name })} data-scope="pipeline-board" data-part="move-trigger">
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden fill="currentColor">
            <circle cx="3" cy="8" r="1.5" />
            <circle cx="8" cy="8" r="1.5" />
            <circle cx="13" cy="8" r="1.5" />
          </svg>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal container={container}>
        <DropdownMenu.Content align="end" sideOffset={4} data-scope="pipeline-board" data-part="move-menu">
          <DropdownMenu.Label data-scope="pipeline-board" data-part="move-label">
            {format(t.moveTo, { deal: deal.name })}
          </DropdownMenu.Label>
          {board.stages
            .filter((stage) => stage.id !== deal.stageId)
            .map((stage) => (
              <DropdownMenu.Item key={stage.id} data-scope="pipeline-board" data-part="move-item" onSelect={() => onMove(deal, stage)}>
                {stage.name}
              </DropdownMenu.Item>
            ))}
          {own && index > 0 && (
            <DropdownMenu.Item
              data-scope="pipeline-board"
              data-part="move-item"
              onSelect={() => onMove(deal, own, others[index - 2]?.id ?? null)}
            >
              {format(t.moveUp, { stage: own.name })}
            </DropdownMenu.Item>
          )}
          {own && index !== -1 && index < others.length && (
            <DropdownMenu.Item data-scope="pipeline-board" data-part="move-item" onSelect={() => onMove(deal, own, others[index]!.id)}>
              {format(t.moveDown, { stage: own.name })}
            </DropdownMenu.Item>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** Owner and month of expected close. */
function Filters({
  value,
  onChange,
  board,
  t,
  className,
}: {
  value: BoardFilters;
  onChange: (filters: BoardFilters) => void;
  board: PipelineBoardData | undefined;
  t: PipelineBoardStrings;
  className?: string;
}) {
  const id = useId();
  const members = useMemberNames();
  // Members when the credentials may list them; otherwise the owners the board shows.
  const owners = useMemo(() => {
    const known = new Map(members);
    for (const deal of board?.stages.flatMap((s) => s.deals) ?? []) if (!known.has(deal.ownerId)) known.set(deal.ownerId, deal.ownerId);
    return [...known].sort(([, a], [, b]) => a.localeCompare(b));
  }, [members, board]);
  const set = (key: keyof BoardFilters, next: string) => {
    const { [key]: _, ...rest } = value;
    onChange(next ? { ...rest, [key]: next } : rest);
  };
  return (
    <div role="group" aria-label={t.filters} data-scope="pipeline-board" data-part="filters" className={className}>
      <label htmlFor={`${id}-owner`}>{t.owner}</label>
      <select id={`${id}-owner`} value={value.ownerId ?? ''} onChange={(e) => set('ownerId', e.target.value)}>
        <option value="">{t.anyOwner}</option>
        {owners.map(([ownerId, name]) => (
          <option key={ownerId} value={ownerId}>
            {name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-month`}>{t.closeMonth}</label>
      <input id={`${id}-month`} type="month" value={value.closeMonth ?? ''} onChange={(e) => set('closeMonth', e.target.value)} />
      {(value.ownerId || value.closeMonth) && (
        <Button size="sm" variant="ghost" onClick={() => onChange({})}>
          {t.clearFilters}
        </Button>
      )}
    </div>
  );
}

/** Asks why a deal dropped on a lost stage was lost; nothing moves until it is answered. */
function LostReasonDialog({
  pending,
  t,
  onCancel,
  onConfirm,
}: {
  pending: PendingLoss | null;
  t: PipelineBoardStrings;
  onCancel: () => void;
  onConfirm: (reason: { lostReason: string; lostReasonDetails?: string }) => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [details, setDetails] = useState('');
  const close = () => {
    setReason('');
    setDetails('');
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) return;
    onConfirm({ lostReason: reason.trim(), ...(details.trim() && { lostReasonDetails: details.trim() }) });
    close();
  };
  return (
    <Dialog.Root
      open={pending !== null}
      onOpenChange={(open) => {
        if (open) return;
        close();
        onCancel();
      }}
    >
      <Dialog.Content>
        <Dialog.Title>{pending ? format(t.lostTitle, { deal: pending.deal.name }) : ''}</Dialog.Title>
        <Dialog.Description>{t.lostDescription}</Dialog.Description>
        <form onSubmit={submit} data-scope="pipeline-board" data-part="lost-form">
          <label htmlFor={`${id}-reason`}>{t.lostReason}</label>
          <input
            id={`${id}-reason`}
            required
            maxLength={500}
            autoComplete="off"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <label htmlFor={`${id}-details`}>{t.lostDetails}</label>
          <textarea id={`${id}-details`} rows={3} value={details} onChange={(e) => setDetails(e.target.value)} />
          <div data-scope="pipeline-board" data-part="lost-actions">
            <Dialog.Close asChild>
              <Button variant="ghost">{t.cancel}</Button>
            </Dialog.Close>
            <Button type="submit" variant="danger">
              {t.lostConfirm}
            </Button>
          </div>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}
