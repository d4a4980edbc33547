import { type FormEvent, forwardRef, useEffect, useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CrmDeal, PipelineStage } from '@spokestack/core/crm';
import { useOverrides } from '../overrides.js';
import { useMe } from '../platform/me.js';
import { useMemberNames } from '../platform/members.js';
import { useSpokeStack } from '../provider.js';
import { format } from '../shared/format.js';
import { useResource, useResourceList, useUpdateResource } from '../shared/query.js';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import * as Dialog from '../ui/Dialog.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import type { ClassNames } from '../ui/utils.js';
import { formatDate } from './format.js';
import { crmKeys, useDealHistory } from './hooks.js';
import { type DealDialogStrings, dealDialogStrings } from './strings.js';

type Part = 'details' | 'history' | 'contacts';

export interface DealDialogProps {
  /** The deal to show; `null` closes the dialog. */
  dealId: string | null;
  /** Called with `false` when the dialog closes (Escape, the close button, a click outside). */
  onOpenChange: (open: boolean) => void;
  /** Locale of amounts and dates (default: the browser's). */
  locale?: string;
  /** Class name of the dialog panel. */
  className?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<Part>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<DealDialogStrings>;
}

/**
 * One deal in a dialog: its fields (name, amount, expected close; editable but for a client's members), its
 * stage history with the days spent in each stage, and its contacts with their roles. Saving refreshes every
 * board of the pipeline.
 *
 * @example <DealDialog dealId={openDeal} onOpenChange={(open) => !open && setOpenDeal(null)} />
 */
export const DealDialog = forwardRef<HTMLDivElement, DealDialogProps>(function DealDialog(
  { dealId, onOpenChange, locale, className, classNames, overrides },
  ref,
) {
  const t = useOverrides('dealDialog', dealDialogStrings, overrides);
  const sdk = useSpokeStack();
  const deal = useResource(sdk.crm.deals, dealId);
  return (
    <Dialog.Root open={dealId !== null} onOpenChange={onOpenChange}>
      <Dialog.Content ref={ref} className={className} aria-describedby={undefined}>
        <Dialog.Title>{deal.data?.name ?? t.loading}</Dialog.Title>
        {deal.isError ? (
          <ErrorState error={deal.error} onRetry={() => deal.refetch()} />
        ) : !deal.data ? (
          <Spinner overrides={{ label: t.loading }} />
        ) : (
          <DealBody deal={deal.data} t={t} locale={locale} classNames={classNames} />
        )}
      </Dialog.Content>
    </Dialog.Root>
  );
});

function DealBody({
  deal,
  t,
  locale,
  classNames,
}: {
  deal: CrmDeal;
  t: DealDialogStrings;
  locale?: string;
  classNames?: ClassNames<Part>;
}) {
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  const ids = useId();
  const me = useMe();
  const members = useMemberNames();
  const readOnly = me.data?.actor.role === 'CLIENT';
  const pipeline = useResource(sdk.crm.pipelines, deal.pipelineId);
  // The generic pipeline row types `stages` as JSON; the server validated them as stages.
  const stages = (pipeline.data?.stages ?? []) as PipelineStage[];
  const stageName = (id: string | null) => stages.find((s) => s.id === id)?.name ?? id ?? '';
  const history = useDealHistory(deal.id);
  const contacts = useResourceList(sdk.crm.dealContacts, { dealId: deal.id });
  const [draft, setDraft] = useState({
    name: deal.name,
    amount: deal.amount ?? '',
    expectedCloseDate: deal.expectedCloseDate?.slice(0, 10) ?? '',
  });
  useEffect(
    () => setDraft({ name: deal.name, amount: deal.amount ?? '', expectedCloseDate: deal.expectedCloseDate?.slice(0, 10) ?? '' }),
    [deal.name, deal.amount, deal.expectedCloseDate],
  );
  const save = useUpdateResource(sdk.crm.deals, {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: crmKeys.boards(deal.pipelineId) }),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate({
      id: deal.id,
      body: {
        name: draft.name.trim(),
        amount: draft.amount.trim() || null,
        expectedCloseDate: draft.expectedCloseDate ? `${draft.expectedCloseDate}T00:00:00.000Z` : null,
      },
    });
  };

  return (
    <div data-scope="deal-dialog" data-part="body">
      <form
        onSubmit={submit}
        data-scope="deal-dialog"
        data-part="details"
        className={classNames?.details}
        aria-labelledby={`${ids}-details`}
      >
        <h3 id={`${ids}-details`}>{t.details}</h3>
        <label htmlFor={`${ids}-name`}>{t.name}</label>
        <input
          id={`${ids}-name`}
          required
          maxLength={200}
          value={draft.name}
          readOnly={readOnly}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
        <label htmlFor={`${ids}-amount`}>
          {t.amount} ({deal.currency})
        </label>
        <input
          id={`${ids}-amount`}
          inputMode="decimal"
          pattern="\d+(\.\d{1,2})?"
          value={draft.amount}
          readOnly={readOnly}
          onChange={(e) => setDraft({ ...draft, amount: e.target.value })}
        />
        <label htmlFor={`${ids}-close`}>{t.expectedCloseDate}</label>
        <input
          id={`${ids}-close`}
          type="date"
          value={draft.expectedCloseDate}
          readOnly={readOnly}
          onChange={(e) => setDraft({ ...draft, expectedCloseDate: e.target.value })}
        />
        <dl data-scope="deal-dialog" data-part="facts">
          <div>
            <dt>{t.stage}</dt>
            <dd>{stageName(deal.stageId)}</dd>
          </div>
          <div>
            <dt>{t.probability}</dt>
            <dd>{deal.probability ?? 0}%</dd>
          </div>
          <div>
            <dt>{t.owner}</dt>
            <dd>{members.get(deal.ownerId) ?? '—'}</dd>
          </div>
          {deal.lostReason && (
            <div>
              <dt>{t.lostReason}</dt>
              <dd>{deal.lostReason}</dd>
            </div>
          )}
        </dl>
        {save.isError && <ErrorState error={save.error} />}
        {!readOnly && (
          <div data-scope="deal-dialog" data-part="actions">
            {save.isSuccess && !save.isPending && <span role="status">{t.saved}</span>}
            <Button type="submit" loading={save.isPending}>
              {t.save}
            </Button>
          </div>
        )}
      </form>
      <section data-scope="deal-dialog" data-part="history" className={classNames?.history} aria-labelledby={`${ids}-history`}>
        <h3 id={`${ids}-history`}>{t.history}</h3>
        {history.isPending ? (
          <Spinner />
        ) : !history.data?.length ? (
          <p>{t.noHistory}</p>
        ) : (
          <ol>
            {history.data.map((entry) => (
              <li key={entry.id}>
                <strong>
                  {entry.fromStageId
                    ? format(t.movedFrom, { from: stageName(entry.fromStageId), to: stageName(entry.toStageId) })
                    : format(t.created, { stage: stageName(entry.toStageId) })}
                </strong>
                <span>
                  {formatDate(entry.changedAt, locale)}
                  {entry.fromStageId && entry.daysInStage !== null
                    ? ` · ${format(t.daysInStage, { days: entry.daysInStage, stage: stageName(entry.fromStageId) })}`
                    : ''}
                  {members.get(entry.changedById) ? ` · ${members.get(entry.changedById)}` : ''}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section data-scope="deal-dialog" data-part="contacts" className={classNames?.contacts} aria-labelledby={`${ids}-contacts`}>
        <h3 id={`${ids}-contacts`}>{t.contacts}</h3>
        {contacts.isPending ? (
          <Spinner />
        ) : !contacts.data?.rows.length ? (
          <p>{t.noContacts}</p>
        ) : (
          <ul>
            {contacts.data.rows.map((link) => (
              <DealContactRow
                key={link.id}
                contactId={link.contactId}
                role={link.role}
                primary={deal.primaryContactId === link.contactId}
                t={t}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function DealContactRow({
  contactId,
  role,
  primary,
  t,
}: {
  contactId: string;
  role: string | null;
  primary: boolean;
  t: DealDialogStrings;
}) {
  const sdk = useSpokeStack();
  const contact = useResource(sdk.crm.contacts, contactId);
  const name: string = contact.data
    ? [contact.data.firstName, contact.data.lastName].filter(Boolean).join(' ') || String(contact.data.email ?? '')
    : '…';
  return (
    <li>
      <span>{name}</span>
      {role && <Badge>{(t as Record<string, string>)[`role_${role}`] ?? role}</Badge>}
      {primary && <Badge tone="info">{t.primary}</Badge>}
    </li>
  );
}
