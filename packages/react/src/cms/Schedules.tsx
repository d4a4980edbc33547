import type { ContentEditorStrings } from './strings.js';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';
import { StringsOverride } from './parts.js';
import { useId, useState } from 'react';
import type { SpokeStackError } from '@spokestack/core';
import { publishAction, type PublishAction, type ScheduleRow, type ScheduleStatus } from '@spokestack/core/cms';
import { Badge, type Tone } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import { useEntryEditorContext } from './controller.js';
import { useCancelSchedule, useCreateSchedule, useSchedules } from './hooks/schedules.js';
import { useActionRow } from './review-actions.js';
import { metaKey, useDraftError, useDraftValue } from './store.js';
import { format, useStrings } from './strings.js';

const statusTone: Record<ScheduleStatus, Tone> = { PENDING: 'info', EXECUTED: 'success', FAILED: 'danger', CANCELLED: 'neutral' };
const actionLabels: Record<PublishAction, string> = {
  PUBLISH: 'Publish',
  UPDATE: 'Update live version',
  UNPUBLISH: 'Unpublish',
  ARCHIVE: 'Archive',
};
/** A server refusal in words: its detail (which names the rule), never a status code or a problem type. */
const wordsOf = (error: SpokeStackError) => error.detail || error.errors.map((e) => e.message).join('; ') || error.title;

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const pad = (n: number) => String(n).padStart(2, '0');
/** `datetime-local` text for a moment, in the viewer's time zone. */
function localInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The entry's `expiresAt`, bound to the draft (autosaved with it): when it passes, the server unpublishes the entry
 * by itself. Shared by every language.
 */
function ExpiryInput({ readOnly }: { readOnly: boolean }) {
  const t = useStrings();
  const id = useId();
  const [value, setValue] = useDraftValue(metaKey('expiresAt'));
  const error = useDraftError(metaKey('expiresAt'));
  const current = typeof value === 'string' ? localInput(new Date(value)) : '';
  return (
    <div data-scope="schedule" data-part="expiry" data-state={error ? 'invalid' : undefined}>
      <label htmlFor={id}>{t.expiresAt}</label>
      <input
        id={id}
        type="datetime-local"
        value={current}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          const when = new Date(e.target.value);
          setValue(e.target.value && !Number.isNaN(when.getTime()) ? when.toISOString() : null);
        }}
      />
      {!readOnly && current && (
        <Button size="sm" variant="ghost" onClick={() => setValue(null)}>
          {t.expiresNever}
        </Button>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" data-scope="schedule" data-part="error">
          {error}
        </p>
      )}
    </div>
  );
}

export interface SchedulePanelProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** Replacements for the editor's strings (i18n), over those of the enclosing editor. */
  overrides?: Partial<ContentEditorStrings>;
  /** Class name of the root element. */
  className?: string;
  /** Labels of the actions (i18n). */
  actionLabels?: Partial<Record<PublishAction, string>>;
}

// The part itself; the export below adds its `overrides`.
const SchedulePanelRoot = forwardRef<HTMLElement, Omit<SchedulePanelProps, 'overrides'>>(function SchedulePanelRoot(
  { className, actionLabels: labelOverrides, ...props },
  ref,
) {
  const editor = useEntryEditorContext();
  const t = useStrings();
  const labels = { ...actionLabels, ...labelOverrides };
  const schedules = useSchedules(editor.entryId);
  const create = useCreateSchedule();
  const cancel = useCancelSchedule();
  const ids = useId();
  const { readiness, has } = useActionRow(editor);
  const [chosen, setAction] = useState<PublishAction | null>(null);
  const [at, setAt] = useState(() => localInput(new Date(Date.now() + 3_600_000)));
  if (!editor.entryId || editor.mode === 'create') return null;
  const entryId = editor.entryId;
  const locale = editor.mode === 'translation' ? editor.locale : undefined;
  const rows = schedules.data ?? [];
  const live = locale ? Boolean(editor.translation?.publishedSlug) : editor.entry?.publishedSlug != null;
  // Only what the entry's state and workflow allow: publishing (and updating what is live) follows the readiness
  // check's `schedule` action; unpublishing needs nothing; archiving is the source's.
  const allowed: Record<PublishAction, boolean> = {
    PUBLISH: has('schedule') && !live,
    UPDATE: has('schedule') && live,
    UNPUBLISH: true,
    ARCHIVE: !locale && has('archive'),
  };
  const offered = publishAction.filter((a) => allowed[a]);
  const action = chosen && allowed[chosen] ? chosen : offered[0]!;
  const why = readiness?.actions.find((a) => a.action === 'schedule' && !a.available)?.reason;
  const add = () => {
    const when = new Date(at);
    if (Number.isNaN(when.getTime())) return;
    create.mutate({ entryId, action, scheduledFor: when.toISOString(), ...(locale && action !== 'ARCHIVE' ? { locale } : {}) });
  };
  return (
    <section ref={ref} data-scope="schedule" data-part="root" className={className} {...props} aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} data-scope="schedule" data-part="title">
        {t.scheduleTitle}
      </h3>
      {schedules.isPending ? (
        <Spinner size="sm" />
      ) : schedules.isError ? (
        <ErrorState error={schedules.error} onRetry={() => schedules.refetch()} />
      ) : rows.length === 0 ? (
        <p data-scope="schedule" data-part="empty">
          {t.scheduleEmpty}
        </p>
      ) : (
        <ul data-scope="schedule" data-part="list">
          {rows.map((schedule: ScheduleRow) => (
            <li key={schedule.id} data-scope="schedule" data-part="item" data-state={schedule.status}>
              <span>
                {labels[schedule.action]}
                {schedule.locale ? ` (${schedule.locale})` : ''}
              </span>
              <time dateTime={schedule.scheduledFor}>{dateTime.format(new Date(schedule.scheduledFor))}</time>
              <Badge tone={statusTone[schedule.status]}>{schedule.status.toLowerCase()}</Badge>
              {schedule.status === 'FAILED' && schedule.error && (
                <span role="note">{format(t.scheduleFailed, { error: schedule.error })}</span>
              )}
              {schedule.status === 'PENDING' && !editor.readOnly && (
                <Button
                  size="sm"
                  variant="ghost"
                  loading={cancel.isPending && cancel.variables === schedule.id}
                  onClick={() => cancel.mutate(schedule.id)}
                >
                  {t.scheduleCancel}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ExpiryInput readOnly={editor.readOnly || editor.mode === 'translation'} />
      {!editor.readOnly && (
        // A group, not a <form>: the panel sits inside the editor's form, and forms do not nest.
        <div role="group" aria-label={t.scheduleAdd} data-scope="schedule" data-part="form">
          {/* First, so the short list of actions below is explained before it is read. */}
          {why && (
            <p id={`${ids}-why`} data-scope="schedule" data-part="hint">
              {format(t.scheduleWhy, { reason: why })}
            </p>
          )}
          <label>
            <span>{t.scheduleAction}</span>
            <select
              value={action}
              aria-describedby={why ? `${ids}-why` : undefined}
              onChange={(e) => setAction(e.target.value as PublishAction)}
            >
              {offered.map((a) => (
                <option key={a} value={a}>
                  {labels[a]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t.scheduleAt}</span>
            <input
              type="datetime-local"
              required
              value={at}
              min={localInput(new Date())}
              onChange={(e) => setAt(e.target.value)}
              // Enter schedules here instead of submitting the editor's form around the panel.
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
          </label>
          <Button size="sm" variant="secondary" loading={create.isPending} disabled={!at} onClick={add}>
            {t.scheduleAdd}
          </Button>
          {[create, cancel].map(
            (mutation, i) =>
              mutation.isError && (
                <p key={i} role="alert" data-scope="schedule" data-part="error">
                  {format(i === 0 ? t.scheduleAddFailed : t.scheduleCancelFailed, { reason: wordsOf(mutation.error) })}
                </p>
              ),
          )}
        </div>
      )}
    </section>
  );
});

/**
 * The entry's publishing schedule: pending, done, failed (with the error) and cancelled actions, soonest first,
 * each pending one cancellable; the entry's expiry; and a picker that schedules publish, update, unpublish or
 * archive of the language being edited at a time in the viewer's time zone.
 *
 * @example <SchedulePanel /> // inside a ContentEditor or EntryForm.Root
 */
export const SchedulePanel = forwardRef<HTMLElement, SchedulePanelProps>(function SchedulePanel({ overrides, ...props }, ref) {
  return (
    <StringsOverride overrides={overrides}>
      <SchedulePanelRoot ref={ref} {...props} />
    </StringsOverride>
  );
});
