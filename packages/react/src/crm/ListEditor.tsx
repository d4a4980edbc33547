import { type ComponentPropsWithoutRef, type FormEvent, forwardRef, useEffect, useId, useState } from 'react';
import type { SegmentRule } from '@spokestack/core/crm';
import { useOverrides } from '../overrides.js';
import { format } from '../shared/format.js';
import { Button } from '../ui/Button.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import type { ClassNames } from '../ui/utils.js';
import { SegmentBuilder, type SegmentBuilderProps } from './SegmentBuilder.js';
import { type ContactListRow, emptyGroups, useContactList, useSaveDynamicList } from './segments.js';
import { type ListEditorStrings, listEditorStrings } from './strings.js';

type Part = 'name' | 'description' | 'builder' | 'actions' | 'saved';

export interface ListEditorProps extends Omit<ComponentPropsWithoutRef<'form'>, 'children' | 'onSubmit'> {
  /** The dynamic list to edit; without it, saving creates a new DYNAMIC list. */
  listId?: string | null;
  /** Called after each save with the list as the server returned it (`memberCount` exact). */
  onSaved?: (list: ContactListRow) => void;
  /** Passed to the segment builder (its debounce, class names, strings). */
  builderProps?: Omit<SegmentBuilderProps, 'value' | 'onChange' | 'problem' | 'disabled'>;
  /** Class name of the root element. */
  className?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<Part>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<ListEditorStrings>;
}

/**
 * Creates or edits a dynamic contact list: its name, an optional description and its segment, built with a live
 * count; saving shows how many contacts the list holds now. A refused save explains itself on the rules.
 *
 * @example <ListEditor onSaved={(list) => navigate(`/lists/${list.id}`)} />
 */
export const ListEditor = forwardRef<HTMLFormElement, ListEditorProps>(function ListEditor(
  { listId, onSaved, builderProps, className, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('listEditor', listEditorStrings, overrides);
  const ids = useId();
  const existing = useContactList(listId);
  const save = useSaveDynamicList(listId);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [rules, setRules] = useState<SegmentRule | null>(null);
  const [loadedId, setLoadedId] = useState<string | null>(null);
  // Fill the form once per list loaded (not on every refetch, which would drop unsaved edits).
  useEffect(() => {
    const row = existing.data;
    if (!row || row.id === loadedId) return;
    setLoadedId(row.id);
    setName(row.name);
    setDescription(row.description ?? '');
    setRules(row.segmentRules);
  }, [existing.data, loadedId]);

  if (listId && existing.isPending) return <Spinner overrides={{ label: t.loading }} />;
  if (listId && existing.isError) return <ErrorState error={existing.error} onRetry={() => existing.refetch()} />;

  const hasRules = rules?.kind === 'group' ? rules.rules.length > 0 : rules !== null;
  const ready = name.trim() !== '' && hasRules && rules !== null && emptyGroups(rules).length === 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || !rules) return;
    save.mutate(
      { name: name.trim(), description: description.trim() || null, segmentRules: rules },
      { onSuccess: (row) => onSaved?.(row) },
    );
  };
  const nameProblem = save.error?.fieldError('body.name');
  const saved = save.data ?? (save.isIdle ? undefined : existing.data);
  return (
    <form
      ref={ref}
      aria-labelledby={`${ids}-title`}
      noValidate
      {...props}
      onSubmit={submit}
      data-scope="list-editor"
      data-part="root"
      data-state={save.isPending ? 'saving' : save.isSuccess ? 'saved' : 'editing'}
      className={className}
    >
      <h2 id={`${ids}-title`} data-scope="list-editor" data-part="title">
        {listId ? t.titleEdit : t.titleNew}
        {existing.data && !save.data && (
          <span data-scope="list-editor" data-part="members">
            {format(t.members, { count: existing.data.memberCount.toLocaleString() })}
          </span>
        )}
      </h2>
      <div data-scope="list-editor" data-part="name" className={classNames?.name}>
        <label htmlFor={`${ids}-name`}>{t.name}</label>
        <input
          id={`${ids}-name`}
          value={name}
          required
          maxLength={200}
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby={nameProblem ? `${ids}-name-problem` : undefined}
          disabled={save.isPending}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        {nameProblem && (
          <p id={`${ids}-name-problem`} data-scope="list-editor" data-part="problem">
            {nameProblem}
          </p>
        )}
      </div>
      <div data-scope="list-editor" data-part="description" className={classNames?.description}>
        <label htmlFor={`${ids}-description`}>{t.description}</label>
        <textarea
          id={`${ids}-description`}
          rows={2}
          maxLength={2000}
          value={description}
          disabled={save.isPending}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
      </div>
      <SegmentBuilder
        {...builderProps}
        className={classNames?.builder ?? builderProps?.className}
        value={rules}
        onChange={(next) => (setRules(next), save.reset())}
        problem={save.error}
        disabled={save.isPending}
      />
      {save.isError && save.error.status !== 400 && <ErrorState error={save.error} />}
      <div data-scope="list-editor" data-part="actions" className={classNames?.actions}>
        <Button type="submit" disabled={!ready} loading={save.isPending}>
          {t.save}
        </Button>
        {!ready && !save.isPending && (
          <span data-scope="list-editor" data-part="hint">
            {name.trim() === '' ? t.needsName : t.needsRule}
          </span>
        )}
        {save.isSuccess && saved && (
          <span role="status" data-scope="list-editor" data-part="saved" className={classNames?.saved}>
            {saved.memberCount === 1 ? t.savedOne : format(t.saved, { count: saved.memberCount.toLocaleString() })}
          </span>
        )}
      </div>
    </form>
  );
});
