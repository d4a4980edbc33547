import { DropdownMenu } from 'radix-ui';
import { type ComponentPropsWithoutRef, type ReactNode, forwardRef, useId, useState } from 'react';
import { useOverrides } from '../overrides.js';
import { useMemberNames } from '../platform/members.js';
import { format } from '../shared/format.js';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { EmptyState } from '../ui/EmptyState.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import { type ClassNames, usePortalContainer } from '../ui/utils.js';
import { type MyTask, type TaskAction, useMyTasks, useTaskAction } from './hooks.js';
import { type TaskListStrings, taskListStrings } from './strings.js';

type Part = 'title' | 'list' | 'item' | 'actions' | 'notice';

export interface TaskListProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** Locale of dates (default: the browser's). */
  locale?: string;
  /** Class name of the root element. */
  className?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<Part>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<TaskListStrings>;
}

const day = 86_400_000;

/**
 * The caller's open tasks, soonest due first (overdue ones marked), each completed, deferred by a day or a week, or
 * handed to another member in one step. What the server answers is what the list shows: a completed or reassigned
 * task leaves it, a recurring one comes back as its next occurrence.
 *
 * @example <TaskList locale="en-GB" />
 */
export const TaskList = forwardRef<HTMLElement, TaskListProps>(function TaskList(
  { locale, className, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('taskList', taskListStrings, overrides);
  const ids = useId();
  const tasks = useMyTasks();
  const act = useTaskAction();
  const members = useMemberNames();
  const [status, setStatus] = useState('');
  const [notice, setNotice] = useState<{ title: string; detail: string } | null>(null);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const state = tasks.isError ? 'error' : tasks.isPending ? 'loading' : tasks.data.length ? 'ready' : 'empty';

  const run = (task: MyTask, action: TaskAction, done: string) => {
    setNotice(null);
    act.mutate(action, {
      onSuccess: () => setStatus(done),
      onError: (error) => setNotice({ title: format(t.refused, { task: task.title }), detail: error.detail ?? error.title }),
    });
  };
  const defer = (task: MyTask, by: number) => {
    const dueDate = new Date(Math.max(task.dueDate ? Date.parse(task.dueDate) : 0, Date.now()) + by).toISOString();
    run(task, { kind: 'defer', taskId: task.id, dueDate }, format(t.deferred, { task: task.title, date: when.format(new Date(dueDate)) }));
  };

  return (
    <section
      ref={ref}
      aria-labelledby={`${ids}-title`}
      aria-busy={tasks.isFetching || undefined}
      {...props}
      data-scope="task-list"
      data-part="root"
      data-state={state}
      className={className}
    >
      <h3 id={`${ids}-title`} data-scope="task-list" data-part="title" className={classNames?.title}>
        {t.title}
      </h3>
      {notice && (
        <div role="alert" data-scope="task-list" data-part="notice" className={classNames?.notice}>
          <strong>{notice.title}</strong> <span>{notice.detail}</span>
          <Button size="sm" variant="ghost" onClick={() => setNotice(null)}>
            {t.dismiss}
          </Button>
        </div>
      )}
      <p role="status" data-scope="task-list" data-part="status">
        {status}
      </p>
      {state === 'error' ? (
        <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} retrying={tasks.isRefetching} />
      ) : state === 'loading' ? (
        <Spinner overrides={{ label: t.loading }} />
      ) : state === 'empty' ? (
        <EmptyState title={t.empty} description={t.emptyHint} />
      ) : (
        <ul data-scope="task-list" data-part="list" className={classNames?.list}>
          {tasks.data!.map((task) => {
            const overdue = !!task.dueDate && Date.parse(task.dueDate) < Date.now();
            return (
              <li
                key={task.id}
                aria-label={task.title}
                data-scope="task-list"
                data-part="item"
                data-overdue={overdue || undefined}
                className={classNames?.item}
              >
                <div data-scope="task-list" data-part="summary">
                  <span data-scope="task-list" data-part="task-title">
                    {task.title}
                  </span>
                  <span data-scope="task-list" data-part="due">
                    {task.dueDate ? format(t.due, { date: when.format(new Date(task.dueDate)) }) : t.noDue}
                    {overdue && <Badge tone="danger">{t.overdue}</Badge>}
                  </span>
                </div>
                <div data-scope="task-list" data-part="actions" className={classNames?.actions}>
                  <Button
                    size="sm"
                    aria-label={format(t.completeLabel, { task: task.title })}
                    disabled={act.isPending}
                    onClick={() => run(task, { kind: 'complete', taskId: task.id }, format(t.completed, { task: task.title }))}
                  >
                    {t.complete}
                  </Button>
                  <Menu label={format(t.deferLabel, { task: task.title })} text={t.defer}>
                    <MenuItem onSelect={() => defer(task, day)}>{t.deferDay}</MenuItem>
                    <MenuItem onSelect={() => defer(task, 7 * day)}>{t.deferWeek}</MenuItem>
                  </Menu>
                  {members.size > 1 && (
                    <Menu label={format(t.reassignLabel, { task: task.title })} text={t.reassign}>
                      {[...members]
                        .filter(([id]) => id !== task.assignedToId)
                        .map(([id, name]) => (
                          <MenuItem
                            key={id}
                            onSelect={() =>
                              run(
                                task,
                                { kind: 'reassign', taskId: task.id, assignedToId: id },
                                format(t.reassigned, { task: task.title, name }),
                              )
                            }
                          >
                            {name}
                          </MenuItem>
                        ))}
                    </Menu>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
});

/** A small menu button of a task's row (defer by…, reassign to…). */
function Menu({ label, text, children }: { label: string; text: string; children: ReactNode }) {
  const container = usePortalContainer();
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <Button size="sm" variant="ghost" aria-label={label}>
          {text}
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal container={container}>
        <DropdownMenu.Content align="end" sideOffset={4} data-scope="task-list" data-part="menu">
          {children}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

function MenuItem({ onSelect, children }: { onSelect: () => void; children: ReactNode }) {
  return (
    <DropdownMenu.Item data-scope="task-list" data-part="menu-item" onSelect={onSelect}>
      {children}
    </DropdownMenu.Item>
  );
}
