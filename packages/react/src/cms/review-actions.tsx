import { useId, useRef, useState } from 'react';
import type { EntryAction, EntryReadiness } from '@spokestack/core/cms';
import * as Dialog from '../ui/Dialog.js';
import { Button } from '../ui/Button.js';
import type { EntryEditorController } from './controller.js';
import { useEntryReadiness } from './hooks/publishing.js';
import { useStrings } from './strings.js';

// What the workflow and the publishing actions share: the action row derived in one place (the server's readiness,
// computed by core's `entryActions` from the entry's state, its workflow, the caller's role and what blocks
// publishing), and one way to run an action and show its refusal.

/** Saves pending changes first, so what is submitted, approved or published is what is on screen. */
export async function savedFirst(editor: EntryEditorController): Promise<boolean> {
  if (!editor.readOnly) await editor.save();
  const state = editor.store?.getState();
  return !state || (state.saveState !== 'error' && state.saveState !== 'conflict' && Object.keys(state.dirty).length === 0);
}

/**
 * The readiness of the language being edited and which actions of the row are available now; nothing is
 * available until it has loaded, so a row never shows an action the entry's state does not allow.
 */
export function useActionRow(editor: EntryEditorController): {
  readiness: EntryReadiness | undefined;
  has: (action: EntryAction) => boolean;
} {
  const query = useEntryReadiness(
    editor.mode === 'create' ? null : editor.entryId,
    editor.mode === 'translation' ? editor.locale : undefined,
  );
  const readiness = query.data;
  return { readiness, has: (action) => Boolean(readiness?.actions.some((a) => a.action === action && a.available)) };
}

const formOf = (from: Element | null | undefined) => from?.closest<HTMLElement>('[data-scope="entry-form"][data-part="root"]') ?? null;
const inputs =
  'input:not([type="hidden"]):not([type="file"]):not([readonly]):not([disabled]), textarea:not([readonly]), select:not([disabled]), ' +
  '[contenteditable="true"]';

/**
 * Takes the user to a problem: the field `name` (default: the first invalid one), scrolled into view with its first
 * control focused; else the action's error message. Runs after the next paint, once the error is on screen.
 *
 * @example focusProblem(button, 'hero')
 */
export function focusProblem(from: Element | null | undefined, name?: string): void {
  const form = formOf(from);
  if (!form) return;
  requestAnimationFrame(() => {
    const field = form.querySelector<HTMLElement>(
      name ? `[data-scope="entry-form"][data-part="field"][data-field="${CSS.escape(name)}"]` : '[data-part="field"][data-state="invalid"]',
    );
    // A field in a collapsed section or another tab is shown first (focusing a tab selects it).
    const section = field?.closest('details');
    if (section && !section.open) section.open = true;
    const panel = field?.closest<HTMLElement>('[role="tabpanel"][hidden]');
    if (panel) {
      form.querySelector<HTMLElement>(`[role="tab"][aria-controls="${CSS.escape(panel.id)}"]`)?.focus();
      requestAnimationFrame(() => focusProblem(form, field?.getAttribute('data-field') ?? undefined));
      return;
    }
    // The invalid control itself, or the first input of an invalid group (a media item's alt text), before any button.
    const invalid = field?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = field
      ? ((invalid?.matches(inputs) ? invalid : invalid?.querySelector<HTMLElement>(inputs)) ??
        field.querySelector<HTMLElement>(inputs) ??
        field.querySelector<HTMLElement>('button:not([disabled])'))
      : form.querySelector<HTMLElement>('[data-scope="content-editor"][data-part="action-error"]');
    target?.scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
  });
}

/**
 * Runs a workflow or publish action after saving the draft. A refusal is recorded as that action's (the fields it
 * names marked, the save state left alone) and the user is taken to the first problem; true when it ran.
 *
 * @example await runAction(editor, 'publish', button, () => publish.mutateAsync({ id }))
 */
export async function runAction(
  editor: EntryEditorController,
  action: EntryAction,
  from: Element | null | undefined,
  run: () => Promise<unknown>,
): Promise<boolean> {
  const form = formOf(from);
  if (!(await savedFirst(editor))) {
    focusProblem(form);
    return false;
  }
  try {
    await run();
    editor.store?.getState().setActionDone(action);
    return true;
  } catch (error) {
    editor.store?.getState().setActionError(action, error);
    focusProblem(form);
    return false;
  }
}

/** A dialog asking for text (a note, feedback) before an action runs. */
export function AskDialog({
  trigger,
  title,
  label,
  required,
  confirm,
  onConfirm,
  pending,
}: {
  trigger: string;
  title: string;
  label: string;
  required: boolean;
  confirm: string;
  /** Runs the action; false when it was refused (focus then goes to the problem, not back to the trigger). */
  onConfirm: (text: string, trigger: HTMLElement | null) => Promise<boolean>;
  pending: boolean;
}) {
  const t = useStrings();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const id = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const refused = useRef(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button ref={triggerRef} size="sm" variant={required ? 'secondary' : 'primary'}>
          {trigger}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content
        onCloseAutoFocus={(event) => {
          if (refused.current) event.preventDefault();
          refused.current = false;
        }}
      >
        <Dialog.Title>{title}</Dialog.Title>
        <form
          data-scope="review"
          data-part="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (required && !text.trim()) return;
            void onConfirm(text.trim(), triggerRef.current).then((ran) => {
              refused.current = !ran;
              setOpen(false);
              if (ran) setText('');
            });
          }}
        >
          <label htmlFor={id}>{label}</label>
          <textarea
            id={id}
            rows={4}
            required={required}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={required ? `${id}-hint` : undefined}
          />
          {required && <p id={`${id}-hint`}>{t.feedbackRequired}</p>}
          <div data-scope="review" data-part="buttons">
            <Dialog.Close asChild>
              <Button variant="secondary">{t.cancel}</Button>
            </Dialog.Close>
            <Button type="submit" loading={pending} disabled={required && !text.trim()}>
              {confirm}
            </Button>
          </div>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}
