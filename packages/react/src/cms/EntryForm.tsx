import {
  type ComponentPropsWithoutRef,
  type ComponentType,
  createContext,
  type FormEvent,
  type KeyboardEvent,
  forwardRef,
  Fragment,
  memo,
  type ReactNode,
  useCallback,
  useContext,
  useId,
  useMemo,
  useState,
} from 'react';
import { Slot } from 'radix-ui';
import { useStore } from 'zustand';
import type { ContentField, ContentTypeRow, EntryAction } from '@spokestack/core/cms';
import { cx } from '../ui/utils.js';
import { type EntryEditorController, EntryEditorContext, useEntryEditorContext } from './controller.js';
import type { FieldInputs } from './fields/FieldInput.js';
import type { FieldInputProps } from './fields/types.js';
import { valueText } from './diff.js';
import { directionOf, localeName } from './locale.js';
import {
  EntryEditorStoreContext,
  type SaveState,
  useDraftDirty,
  useDraftError,
  useDraftValue,
  useEntryEditorStore,
  useSaveState,
} from './store.js';
import { type ContentEditorStrings, format, useStrings } from './strings.js';

/** What `EntryForm.Root`'s `fieldAddon` receives. */
export interface FieldAddonProps {
  /** The field it sits beside. */
  field: ContentField;
  /** The id to give what describes the field's input (the comments button: its open threads), which the input names in its
   * `aria-describedby`; the element may be empty. */
  descriptionId?: string;
}

/** What every field part reads and rarely changes: kept apart from the controller, which changes on every save. */
interface FormShape {
  type: ContentTypeRow;
  formId: string;
  mode: EntryEditorController['mode'];
  readOnly: boolean;
  dir: 'ltr' | 'rtl';
  sourceLocale: string;
  /** In a translation: the source entry's values of the fields every language shares. */
  sourceData: Record<string, unknown>;
  inputs: Partial<FieldInputs>;
  addon?: ComponentType<FieldAddonProps>;
}
const FormShapeContext = createContext<FormShape | null>(null);

function useFormShape(part: string): FormShape {
  const shape = useContext(FormShapeContext);
  if (!shape) throw new Error(`<EntryForm.${part}> must be used inside <EntryForm.Root>.`);
  return shape;
}

interface FieldShape {
  field: ContentField;
  ids: { input: string; label: string; description: string; error: string; addon: string; source: string };
  /** Shared by every language and edited in the source: shown read-only in a translation. */
  shared: boolean;
  /** A localized field of a translation, with its source value shown beside it. */
  translating: boolean;
}
const FieldContext = createContext<FieldShape | null>(null);

function useFieldShape(part: string): FieldShape {
  const shape = useContext(FieldContext);
  if (!shape) throw new Error(`<EntryForm.${part}> must be used inside <EntryForm.Field>.`);
  return shape;
}

export interface RootProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit'> {
  /** The editor from `useEntryEditor`, once `status` is `ready`. */
  editor: EntryEditorController;
  /**
   * The input of each field type. The primitives bring none of their own (they stay unstyled and light): pass
   * `defaultFieldInputs` for the built-in ones, spread with your replacements (e.g. your own rich text editor).
   */
  inputs?: Partial<FieldInputs>;
  /** Rendered next to each field's label by `EntryForm.Addon` (the styled editor puts its comments button there). */
  fieldAddon?: ComponentType<FieldAddonProps>;
  /** Renders your element (with the form's props) instead of a `<form>`. */
  asChild?: boolean;
}

/**
 * The unstyled root of an entry form: provides the editor and its draft to every part, and submits (Enter in a
 * field, a submit button) by saving. `data-state` is the save state (`saved`, `dirty`, `saving`, `error`,
 * `conflict`, `new`); `data-mode` is `create`, `edit` or `translation`.
 *
 * @example
 * const editor = useEntryEditor({ entryId })
 * if (editor.status !== 'ready') return null
 * <EntryForm.Root editor={editor} inputs={defaultFieldInputs}>
 *   <EntryForm.Field name="title" />
 *   <EntryForm.Field name="body" />
 *   <EntryForm.SaveButton />
 * </EntryForm.Root>
 */
export const Root = forwardRef<HTMLFormElement, RootProps>(function Root(
  { editor, inputs, fieldAddon, asChild = false, className, children, ...props },
  ref,
) {
  if (!editor.store || !editor.type)
    throw new Error('<EntryForm.Root> needs a ready editor: render it once useEntryEditor().status is "ready".');
  const formId = useId();
  const saveState = useStore(editor.store, (state) => state.saveState);
  const sourceData = editor.mode === 'translation' ? (editor.entry?.data as Record<string, unknown>) : undefined;
  const shape = useMemo<FormShape>(
    () => ({
      type: editor.type!,
      formId,
      mode: editor.mode,
      readOnly: editor.readOnly,
      dir: editor.dir,
      sourceLocale: editor.sourceLocale,
      sourceData: sourceData ?? {},
      inputs: inputs ?? {},
      addon: fieldAddon,
    }),
    [editor.type, formId, editor.mode, editor.readOnly, editor.dir, editor.sourceLocale, sourceData, inputs, fieldAddon],
  );
  const Comp = asChild ? Slot.Root : 'form';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!editor.readOnly) void editor.save();
  };
  return (
    <EntryEditorContext.Provider value={editor}>
      <EntryEditorStoreContext.Provider value={editor.store}>
        <FormShapeContext.Provider value={shape}>
          <Comp
            ref={ref}
            noValidate
            aria-busy={saveState === 'saving' || undefined}
            {...props}
            onSubmit={submit}
            className={className}
            data-scope="entry-form"
            data-part="root"
            data-state={saveState}
            data-mode={editor.mode}
            data-readonly={editor.readOnly || undefined}
          >
            {children}
          </Comp>
        </FormShapeContext.Provider>
      </EntryEditorStoreContext.Provider>
    </EntryEditorContext.Provider>
  );
});

/**
 * The field groups' tabs follow the WAI-ARIA tabs pattern with automatic activation: focusing a tab selects it,
 * arrow keys (mirrored right-to-left), Home and End move between tabs. Hand-written rather than Radix Tabs, whose
 * roving focus and collection cost ~5 KB gzip of the /cms budget for these few lines.
 */
function moveBetweenTabs(event: KeyboardEvent<HTMLDivElement>) {
  const tabs = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]')];
  const at = tabs.indexOf(event.target as HTMLElement);
  const step = getComputedStyle(event.currentTarget).direction === 'rtl' ? -1 : 1;
  const to = { ArrowRight: at + step, ArrowLeft: at - step, Home: 0, End: tabs.length - 1 }[event.key];
  if (at < 0 || to === undefined) return;
  event.preventDefault();
  tabs[(to + tabs.length) % tabs.length]?.focus();
}

export interface FieldsProps extends ComponentPropsWithoutRef<'div'> {
  /** Renders one field; defaults to `<EntryForm.Field name={field.name} />`. */
  renderField?: (field: ContentField) => ReactNode;
  /** Only the fields this returns true for. */
  filter?: (field: ContentField) => boolean;
}

/**
 * Every field of the content type, in schema order — grouped as the schema's `groups` say: fields in no group
 * first, then each group as a titled section (a collapsed one opens on demand) or, with `layout: 'tabs'`, as tabs.
 * Each field subscribes to its own value, so a keystroke re-renders one field, even among hundreds.
 *
 * @example <EntryForm.Fields filter={(field) => field.type !== 'json'} />
 */
export const Fields = memo(
  forwardRef<HTMLDivElement, FieldsProps>(function Fields({ renderField, filter, className, ...props }, ref) {
    const { type, formId } = useFormShape('Fields');
    const t = useStrings();
    const [tab, setTab] = useState<string | null>(null);
    const fields = filter ? type.schema.fields.filter(filter) : type.schema.fields;
    const groups = (type.schema.groups ?? [])
      .map((group) => ({ ...group, members: fields.filter((f) => group.fields.includes(f.name)) }))
      .filter((group) => group.members.length > 0);
    const render = (list: ContentField[]) =>
      list.map((field) =>
        renderField ? <Fragment key={field.name}>{renderField(field)}</Fragment> : <Field key={field.name} name={field.name} />,
      );
    const grouped = new Set(groups.flatMap((g) => g.fields));
    const active = tab ?? groups[0]?.id;
    const heading = (group: (typeof groups)[number]) => `${formId}-group-${group.id}`;
    const description = (group: (typeof groups)[number]) =>
      group.description && (
        <p data-scope="entry-form" data-part="group-description">
          {group.description}
        </p>
      );
    return (
      <div ref={ref} {...props} className={className} data-scope="entry-form" data-part="fields">
        {render(fields.filter((f) => !grouped.has(f.name)))}
        {groups.length > 0 && type.schema.layout === 'tabs' ? (
          // Every panel stays mounted (hidden when inactive), so errors and comments of other tabs keep their fields.
          <div data-scope="entry-form" data-part="tabs">
            <div role="tablist" aria-label={t.fieldGroups} onKeyDown={moveBetweenTabs} data-scope="entry-form" data-part="tab-list">
              {groups.map((group) => (
                <button
                  key={group.id}
                  type="button"
                  role="tab"
                  id={`${formId}-tab-${group.id}`}
                  aria-controls={`${formId}-panel-${group.id}`}
                  aria-selected={active === group.id}
                  tabIndex={active === group.id ? 0 : -1}
                  onFocus={() => setTab(group.id)}
                  onClick={() => setTab(group.id)}
                  data-state={active === group.id ? 'active' : 'inactive'}
                  data-scope="entry-form"
                  data-part="tab"
                >
                  {group.label}
                </button>
              ))}
            </div>
            {groups.map((group) => (
              <div
                key={group.id}
                role="tabpanel"
                id={`${formId}-panel-${group.id}`}
                aria-labelledby={`${formId}-tab-${group.id}`}
                hidden={active !== group.id}
                data-scope="entry-form"
                data-part="group"
              >
                {description(group)}
                {render(group.members)}
              </div>
            ))}
          </div>
        ) : (
          groups.map((group) =>
            group.collapsed ? (
              <details key={group.id} data-scope="entry-form" data-part="group">
                <summary data-scope="entry-form" data-part="group-title">
                  {group.label}
                </summary>
                {description(group)}
                {render(group.members)}
              </details>
            ) : (
              <section key={group.id} aria-labelledby={heading(group)} data-scope="entry-form" data-part="group">
                <h3 id={heading(group)} data-scope="entry-form" data-part="group-title">
                  {group.label}
                </h3>
                {description(group)}
                {render(group.members)}
              </section>
            ),
          )
        )}
      </div>
    );
  }),
);

export interface FieldProps extends ComponentPropsWithoutRef<'div'> {
  /** The field's name in the content type's schema. */
  name: string;
  /** Renders your element (with the field's props) instead of a `<div>`. */
  asChild?: boolean;
  /** Class names of the default parts (when no children are given). */
  classNames?: { label?: string; description?: string; input?: string; error?: string };
}

/**
 * One field: its label, help text, input and error. Give children to lay them out yourself with
 * `EntryForm.Label` / `.Description` / `.Input` / `.Error`. `data-state` is `invalid` or `dirty`; `data-type` is
 * the field type.
 *
 * @example
 * <EntryForm.Field name="title">
 *   <EntryForm.Label />
 *   <EntryForm.Input />
 *   <EntryForm.Error />
 * </EntryForm.Field>
 */
export const Field = memo(
  forwardRef<HTMLDivElement, FieldProps>(function Field({ name, asChild = false, className, classNames, children, ...props }, ref) {
    const { type, formId, mode } = useFormShape('Field');
    const field = type.schema.fields.find((f) => f.name === name);
    if (!field) throw new Error(`<EntryForm.Field name="${name}">: the content type "${type.slug}" has no such field.`);
    const base = `${formId}-${name}`;
    const shape = useMemo<FieldShape>(
      () => ({
        field,
        shared: mode === 'translation' && !field.localized,
        translating: mode === 'translation' && Boolean(field.localized) && sourceTypes.has(field.type),
        ids: {
          input: `${base}-input`,
          label: `${base}-label`,
          description: `${base}-description`,
          error: `${base}-error`,
          addon: `${base}-addon`,
          source: `${base}-source`,
        },
      }),
      [field, mode, base],
    );
    const error = useDraftError(name);
    const dirty = useDraftDirty(name);
    const Comp = asChild ? Slot.Root : 'div';
    return (
      <FieldContext.Provider value={shape}>
        <Comp
          ref={ref}
          {...props}
          className={className}
          data-scope="entry-form"
          data-part="field"
          data-field={name}
          data-type={field.type}
          data-state={error ? 'invalid' : dirty ? 'dirty' : undefined}
          data-required={field.required || undefined}
          data-shared={shape.shared || undefined}
        >
          {children ?? (
            <>
              <Label className={classNames?.label} />
              <Description className={classNames?.description} />
              {shape.translating ? (
                // While translating, the source language's value sits beside the input, to translate from.
                <div data-scope="entry-form" data-part="side-by-side">
                  <Source />
                  <Input className={classNames?.input} />
                </div>
              ) : (
                <Input className={classNames?.input} />
              )}
              {/* After the input in the tab order (label → input → its comments); the stylesheet shows it beside the label. */}
              <Addon />
              <FieldError className={classNames?.error} />
            </>
          )}
        </Comp>
      </FieldContext.Provider>
    );
  }),
);

export type LabelProps = ComponentPropsWithoutRef<'label'>;

/**
 * The field's label (its `label`, else its name), marked when required; clicking it focuses the input.
 *
 * @example <EntryForm.Label>Headline</EntryForm.Label>
 */
export const Label = forwardRef<HTMLLabelElement, LabelProps>(function Label({ children, className, ...props }, ref) {
  const { field, ids } = useFieldShape('Label');
  const t = useStrings();
  return (
    <label ref={ref} id={ids.label} htmlFor={ids.input} {...props} className={className} data-scope="entry-form" data-part="label">
      {children ?? field.label ?? field.name}
      {field.required && (
        <span data-scope="entry-form" data-part="required" aria-hidden title={t.required}>
          {' *'}
        </span>
      )}
    </label>
  );
});

/**
 * What `EntryForm.Root`'s `fieldAddon` renders for this field (in the styled editor: its comments); nothing without
 * one.
 *
 * @example <EntryForm.Field name="title"><EntryForm.Label /><EntryForm.Input /><EntryForm.Addon /></EntryForm.Field>
 */
export function Addon() {
  const { field, ids } = useFieldShape('Addon');
  const { addon: Component } = useFormShape('Addon');
  return Component ? <Component field={field} descriptionId={ids.addon} /> : null;
}

export type DescriptionProps = ComponentPropsWithoutRef<'p'>;

/**
 * The field's help text, and in a translation the note that a shared field is edited in the source language.
 * Renders nothing when there is neither.
 *
 * @example <EntryForm.Description />
 */
export const Description = forwardRef<HTMLParagraphElement, DescriptionProps>(function Description({ children, className, ...props }, ref) {
  const { field, ids, shared } = useFieldShape('Description');
  const { sourceLocale } = useFormShape('Description');
  const t = useStrings();
  const text =
    children ?? [field.description, shared ? format(t.sharedField, { locale: localeName(sourceLocale) }) : null].filter(Boolean).join(' ');
  if (!text) return null;
  return (
    <p ref={ref} id={ids.description} {...props} className={className} data-scope="entry-form" data-part="description">
      {text}
    </p>
  );
});

/** Field types whose source value reads as text beside a translation (media and JSON do not). */
const sourceTypes = new Set<ContentField['type']>(['text', 'richtext', 'slug', 'select', 'tags', 'number', 'date']);

export type SourceProps = ComponentPropsWithoutRef<'div'>;

/**
 * While a translation is edited: the source language's value of this localized field, read-only and labelled
 * ("English (source)"), so the translator has something to work from; the input names it in its description.
 * Renders nothing outside a translation, for shared fields, and for media and JSON fields.
 *
 * @example <EntryForm.Field name="title"><EntryForm.Label /><EntryForm.Source /><EntryForm.Input /></EntryForm.Field>
 */
export const Source = forwardRef<HTMLDivElement, SourceProps>(function Source({ className, ...props }, ref) {
  const { field, ids, translating } = useFieldShape('Source');
  const { sourceLocale, sourceData } = useFormShape('Source');
  const t = useStrings();
  if (!translating) return null;
  const text = valueText(field, sourceData[field.name], { yes: t.yes, no: t.no });
  return (
    <div
      ref={ref}
      role="group"
      aria-labelledby={`${ids.source}-label`}
      {...props}
      className={className}
      data-scope="entry-form"
      data-part="source"
    >
      <span id={`${ids.source}-label`} data-scope="entry-form" data-part="source-label">
        {format(t.sourceValue, { locale: localeName(sourceLocale) })}
      </span>
      <div id={ids.source} lang={sourceLocale} dir={directionOf(sourceLocale)} data-scope="entry-form" data-part="source-value">
        {text || t.noValue}
      </div>
    </div>
  );
});

export type ErrorProps = ComponentPropsWithoutRef<'p'>;

/**
 * The field's problem (from the server's 400 or found locally), announced when it appears; nothing otherwise.
 *
 * @example <EntryForm.Error />
 */
const FieldError = forwardRef<HTMLParagraphElement, ErrorProps>(function Error({ className, ...props }, ref) {
  const { field, ids } = useFieldShape('Error');
  const error = useDraftError(field.name);
  return (
    <p
      ref={ref}
      id={ids.error}
      role={error ? 'alert' : undefined}
      hidden={!error}
      {...props}
      className={className}
      data-scope="entry-form"
      data-part="error"
    >
      {error}
    </p>
  );
});

export interface InputProps {
  /** Class name of the input's wrapper. */
  className?: string;
  /** Renders this component instead of the built-in input of the field type. */
  as?: ComponentType<FieldInputProps>;
}

/**
 * The field's input, chosen by its type (text, rich text, number, …), bound to the draft. Read-only for the CLIENT
 * role, in `readOnly` editors, and for shared fields while editing a translation.
 *
 * @example <EntryForm.Input as={MyColorPicker} />
 */
export function Input({ className, as }: InputProps) {
  const { field, ids, shared, translating } = useFieldShape('Input');
  const { readOnly, dir, sourceData, inputs, addon, mode } = useFormShape('Input');
  const store = useEntryEditorStore();
  const [value, setValue] = useDraftValue(field.name);
  const error = useDraftError(field.name);
  const description = field.description || shared;
  const setLocalError = useCallback((message: string | null) => store.getState().setLocalError(field.name, message), [store, field.name]);
  // Remount inputs that keep state of their own (rich text, JSON text) when the draft is replaced.
  const generation = useStore(store, (state) => state.generation);
  const Component = (as ?? inputs[field.type]) as ComponentType<FieldInputProps> | undefined;
  if (!Component)
    throw new Error(
      `<EntryForm.Input>: no input for "${field.type}" fields. Pass inputs={defaultFieldInputs} (or your own) to <EntryForm.Root>.`,
    );
  return (
    <div className={className} data-scope="entry-form" data-part="control">
      <Component
        key={generation}
        field={field}
        value={shared ? sourceData[field.name] : value}
        onChange={setValue}
        id={ids.input}
        labelId={ids.label}
        describedBy={cx(
          description ? ids.description : undefined,
          translating ? ids.source : undefined,
          error ? ids.error : undefined,
          addon && mode !== 'create' ? ids.addon : undefined,
        )}
        invalid={Boolean(error)}
        readOnly={readOnly || shared}
        dir={shared ? 'ltr' : dir}
        setLocalError={setLocalError}
      />
    </div>
  );
}

export interface SaveStatusProps extends ComponentPropsWithoutRef<'span'> {
  /** Text per state; defaults to the editor strings. */
  labels?: Partial<Record<SaveState, ReactNode>>;
}

/** What the save status says once an action succeeded. */
const doneText: Record<EntryAction, keyof ContentEditorStrings> = {
  submit: 'submitted',
  approve: 'decided',
  publish: 'published',
  unpublish: 'unpublished',
  schedule: 'scheduled',
  archive: 'archived',
  unarchive: 'unarchived',
};

/**
 * Says where the draft stands — saved, unsaved changes, saving, not saved (with errors), conflict — and what the last
 * workflow or publish action did ("Published", until the next edit): the editor's one polite live region, so screen
 * readers hear each once. A read-only editor saves nothing, so there it tells only actions. `data-state` carries the
 * save state and `data-action` the action for styling.
 *
 * @example <EntryForm.SaveStatus labels={{ saved: 'Enregistré' }} />
 */
export const SaveStatus = forwardRef<HTMLSpanElement, SaveStatusProps>(function SaveStatus({ labels, className, ...props }, ref) {
  const state = useSaveState();
  const done = useStore(useEntryEditorStore(), (s) => s.actionDone);
  const t = useStrings();
  const { readOnly } = useFormShape('SaveStatus');
  const text: Record<SaveState, ReactNode> = {
    new: t.stateNew,
    saved: t.stateSaved,
    dirty: t.stateDirty,
    saving: t.stateSaving,
    error: t.stateError,
    conflict: t.stateConflict,
    ...labels,
  };
  return (
    <span
      ref={ref}
      role="status"
      aria-live="polite"
      {...props}
      className={className}
      data-scope="entry-form"
      data-part="save-status"
      data-state={state}
      data-action={done ?? undefined}
    >
      {/* Nothing is saved from a read-only editor, so there it says only what an action (an approval) did. */}
      {done ? t[doneText[done]] : readOnly ? null : text[state]}
    </span>
  );
});

/**
 * What a save button needs: whether to show it at all, its label, whether a save runs or there is nothing to
 * save, and the save itself. `EntryForm.SaveButton` is built on it; so is the styled editor's.
 *
 * @example
 * const save = EntryForm.useSaveButton()
 * return save.hidden ? null : <MyButton busy={save.saving} onClick={save.save}>{save.label}</MyButton>
 */
export function useSaveButton() {
  const editor = useEntryEditorContext();
  const state = useSaveState();
  const t = useStrings();
  return {
    hidden: editor.readOnly,
    label: editor.mode === 'create' ? t.create : t.save,
    saving: state === 'saving',
    disabled: state === 'saved' || state === 'conflict',
    save: () => void editor.save(),
  };
}

export interface SaveButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'onClick'> {
  /** Renders your element (with the button's props) instead of a `<button>`. */
  asChild?: boolean;
}

/**
 * Saves now ("Create entry" before the first save). Hidden for read-only editors; `aria-busy` and
 * `data-state="saving"` while saving; disabled when there is nothing to save.
 *
 * @example <EntryForm.SaveButton className="my-button" />
 */
export const SaveButton = forwardRef<HTMLButtonElement, SaveButtonProps>(function SaveButton(
  { asChild = false, children, disabled, ...props },
  ref,
) {
  const save = useSaveButton();
  if (save.hidden) return null;
  const Comp = asChild ? Slot.Root : 'button';
  return (
    <Comp
      ref={ref}
      type="button"
      {...props}
      disabled={disabled || save.disabled || save.saving}
      aria-busy={save.saving || undefined}
      onClick={save.save}
      data-scope="entry-form"
      data-part="save-button"
      data-state={save.saving ? 'saving' : undefined}
    >
      {children ?? save.label}
    </Comp>
  );
});

/** One of the conflict's two choices, as `EntryForm.Conflict` renders it (a `<button>` unless `actionAs` says otherwise). */
export type ConflictActionProps = ComponentPropsWithoutRef<'button'> & { 'data-action': 'reload' | 'overwrite' };

export interface ConflictProps extends ComponentPropsWithoutRef<'div'> {
  /** Renders the reload and overwrite choices (default a plain `<button>`); `data-action` says which one it is. */
  actionAs?: ComponentType<ConflictActionProps>;
}

function ConflictButton(props: ConflictActionProps) {
  return <button type="button" {...props} />;
}

/**
 * Shown while a save conflicts with someone else's: says so, keeps the local changes, and offers to reload their
 * version or to overwrite it with these changes. Renders nothing otherwise.
 *
 * @example <EntryForm.Conflict actionAs={MyButton} />
 */
export const Conflict = forwardRef<HTMLDivElement, ConflictProps>(function Conflict(
  { className, actionAs: Action = ConflictButton, ...props },
  ref,
) {
  const editor = useEntryEditorContext();
  const store = useEntryEditorStore();
  const conflictVersion = useStore(store, (state) => (state.saveState === 'conflict' ? state.conflictVersion : null));
  const t = useStrings();
  if (conflictVersion === null) return null;
  return (
    <div ref={ref} role="alert" {...props} className={className} data-scope="entry-form" data-part="conflict">
      <p data-scope="entry-form" data-part="conflict-title">
        {t.conflictTitle}
      </p>
      <p data-scope="entry-form" data-part="conflict-description">
        {format(t.conflictDescription, { version: conflictVersion })}
      </p>
      <div data-scope="entry-form" data-part="conflict-actions">
        <Action data-action="reload" onClick={() => void editor.reload()}>
          {t.reload}
        </Action>
        <Action data-action="overwrite" onClick={() => void editor.overwrite()}>
          {t.overwrite}
        </Action>
      </div>
    </div>
  );
});

/**
 * The last save's failure when no field explains it (a network error, a rule about the whole entry, problems of
 * fields this form does not show), or null.
 *
 * @example const error = EntryForm.useFormError(); return error ? <MyAlert>{error.message}</MyAlert> : null
 */
export function useFormError() {
  return useStore(useEntryEditorStore(), (state) => state.formError);
}

export type FormErrorProps = ComponentPropsWithoutRef<'div'>;

/**
 * The last save's failure when no field explains it (see `useFormError`), announced as an alert: a title and the
 * server's detail. Renders nothing otherwise.
 *
 * @example <EntryForm.FormError />
 */
export const FormError = forwardRef<HTMLDivElement, FormErrorProps>(function FormError({ className, ...props }, ref) {
  const error = useFormError();
  const t = useStrings();
  if (!error) return null;
  return (
    <div ref={ref} role="alert" {...props} className={className} data-scope="entry-form" data-part="form-error">
      <p data-scope="entry-form" data-part="form-error-title">
        {t.saveFailed}
      </p>
      <p data-scope="entry-form" data-part="form-error-detail">
        {error.message}
      </p>
    </div>
  );
});

export { FieldError as Error };
