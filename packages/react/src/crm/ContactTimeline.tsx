import { type ComponentPropsWithoutRef, forwardRef, useId } from 'react';
import { useOverrides } from '../overrides.js';
import { format } from '../shared/format.js';
import { Badge } from '../ui/Badge.js';
import { Button } from '../ui/Button.js';
import { EmptyState } from '../ui/EmptyState.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import type { ClassNames } from '../ui/utils.js';
import { type TimelineEntry, useContactTimeline } from './hooks.js';
import { type ContactTimelineStrings, contactTimelineStrings } from './strings.js';

type Part = 'title' | 'list' | 'item' | 'more';

export interface ContactTimelineProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** The contact whose timeline to show. */
  contactId: string;
  /** Entries per page (default 25). */
  pageSize?: number;
  /** Locale of dates (default: the browser's). */
  locale?: string;
  /** Class name of the root element. */
  className?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<Part>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<ContactTimelineStrings>;
}

/**
 * One contact's timeline as the server merges it: pinned notes first, then emails, calls, meetings, deals won
 * and lost, form submissions and notes, newest first, a page at a time.
 *
 * @example <ContactTimeline contactId={contact.id} />
 */
export const ContactTimeline = forwardRef<HTMLElement, ContactTimelineProps>(function ContactTimeline(
  { contactId, pageSize, locale, className, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('contactTimeline', contactTimelineStrings, overrides);
  const ids = useId();
  const timeline = useContactTimeline(contactId, pageSize);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section
      ref={ref}
      aria-labelledby={`${ids}-title`}
      {...props}
      data-scope="contact-timeline"
      data-part="root"
      data-state={timeline.isError ? 'error' : timeline.isPending ? 'loading' : timeline.data?.rows.length ? 'ready' : 'empty'}
      className={className}
    >
      <h3 id={`${ids}-title`} data-scope="contact-timeline" data-part="title" className={classNames?.title}>
        {t.title}
      </h3>
      {timeline.isError ? (
        <ErrorState error={timeline.error} onRetry={() => timeline.refetch()} />
      ) : timeline.isPending ? (
        <Spinner overrides={{ label: t.loading }} />
      ) : !timeline.data.rows.length ? (
        <EmptyState title={t.empty} description={t.emptyHint} />
      ) : (
        <ol data-scope="contact-timeline" data-part="list" className={classNames?.list}>
          {timeline.data.rows.map((entry) => (
            <li
              key={`${entry.kind}:${entry.id}`}
              data-scope="contact-timeline"
              data-part="item"
              data-kind={entry.kind}
              className={classNames?.item}
            >
              <Entry entry={entry} t={t} />
              <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>
            </li>
          ))}
        </ol>
      )}
      {timeline.hasNextPage && (
        <Button
          variant="secondary"
          size="sm"
          loading={timeline.isFetchingNextPage}
          onClick={() => timeline.fetchNextPage()}
          className={classNames?.more}
        >
          {t.more}
        </Button>
      )}
    </section>
  );
});

function Entry({ entry, t }: { entry: TimelineEntry; t: ContactTimelineStrings }) {
  if (entry.kind === 'note') {
    return (
      <div data-scope="contact-timeline" data-part="entry">
        <strong>
          {t.note} {entry.pinned && <Badge tone="info">{t.pinned}</Badge>}
        </strong>
        <p>{entry.note.content}</p>
      </div>
    );
  }
  const { activity } = entry;
  const type = (t as Record<string, string>)[`type_${activity.activityType}`] ?? activity.activityType;
  return (
    <div data-scope="contact-timeline" data-part="entry">
      <strong>{type}</strong>
      <p>
        {activity.subject}
        {activity.duration ? ` · ${format(t.minutes, { minutes: activity.duration })}` : ''}
      </p>
      {activity.description && (
        <p data-scope="contact-timeline" data-part="description">
          {activity.description}
        </p>
      )}
    </div>
  );
}
