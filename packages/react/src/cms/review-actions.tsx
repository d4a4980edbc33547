import { useId, useState } from 'react';
import * as Dialog from '../ui/Dialog.js';
import { Button } from '../ui/Button.js';
import type { useEntryEditorContext } from './controller.js';
import { useStrings } from './strings.js';

// What the workflow and the publishing actions share.

/** Saves pending changes first, so what is submitted, approved or published is what is on screen. */
export async function savedFirst(editor: ReturnType<typeof useEntryEditorContext>): Promise<boolean> {
  if (!editor.readOnly) await editor.save();
  const state = editor.store?.getState();
  return !state || (state.saveState !== 'error' && state.saveState !== 'conflict' && Object.keys(state.dirty).length === 0);
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
  onConfirm: (text: string) => Promise<void>;
  pending: boolean;
}) {
  const t = useStrings();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const id = useId();
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant={required ? 'secondary' : 'primary'}>
          {trigger}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Title>{title}</Dialog.Title>
        <form
          data-scope="review"
          data-part="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (required && !text.trim()) return;
            void onConfirm(text.trim()).then(() => {
              setOpen(false);
              setText('');
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
