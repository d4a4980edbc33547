import { type ComponentPropsWithoutRef, forwardRef, useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportResult } from '@spokestack/core/analytics';
import { useOverrides } from '../overrides.js';
import { useSpokeStack } from '../provider.js';
import { format } from '../shared/format.js';
import { useResourceList } from '../shared/query.js';
import { Button } from '../ui/Button.js';
import { EmptyState } from '../ui/EmptyState.js';
import { ErrorState } from '../ui/ErrorState.js';
import { Spinner } from '../ui/Spinner.js';
import type { ClassNames } from '../ui/utils.js';
import { formatMetric } from './format.js';
import { type ImportWizardStrings, importWizardStrings } from './import-strings.js';

// The CSV import of an ad platform's report export, in the order people check one: the file, what the server
// detected (platform, how sure, which column fills which field, the first rows and their sums) from a dry run
// that writes nothing, then the import itself, its counts and the lines it refused. Every figure is the
// server's: the browser parses nothing.

type Part = 'connection' | 'file' | 'detected' | 'mapping' | 'preview' | 'actions' | 'progress' | 'result' | 'refused';

export interface ImportWizardProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** The connection to import into; without it the wizard lists the organization's Meta Ads and Google Ads accounts. */
  platformId?: string;
  /** Called once an import has written its rows (the dashboard's figures are refreshed already). */
  onImported?: (result: ImportResult) => void;
  /** Locale of numbers (default: the browser's). */
  locale?: string;
  /** Class name of the root element. */
  className?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<Part>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<ImportWizardStrings>;
}

const reportPlatforms = new Set(['META_ADS', 'GOOGLE_ADS']);
const shownFields = ['date', 'campaign', 'adSet', 'ad', 'spend', 'impressions', 'clicks', 'conversions'] as const;

/**
 * Imports a Meta Ads Manager or Google Ads CSV export into an ad account: pick the file, see the platform the
 * server detected, its column mapping, the first rows and the file's sums (a dry run, nothing written), then
 * import with progress, and read the counts written and the refused lines (downloadable as CSV). Loaded on
 * demand: the dashboard's bundle does not carry it.
 *
 * @example <ImportWizard platformId={connection.id} onImported={(r) => toast(`${r.rows} lines imported`)} />
 */
export const ImportWizard = forwardRef<HTMLElement, ImportWizardProps>(function ImportWizard(
  { platformId, onImported, locale, className, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('importWizard', importWizardStrings, overrides);
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  const ids = useId();
  const connections = useResourceList(sdk.analytics.platforms, { sort: 'name', limit: 200 }, { enabled: !platformId });
  const choices = (connections.data?.rows ?? []).filter((c) => reportPlatforms.has(c.platform));
  const [picked, setPicked] = useState('');
  const connection = platformId ?? (picked || choices[0]?.id);
  const [file, setFile] = useState<File | null>(null);

  const preview = useMutation({
    mutationFn: (chosen: File) => sdk.analytics.platforms.import(connection!, chosen, { dryRun: true }),
  });
  const run = useMutation({
    mutationFn: () => sdk.analytics.platforms.import(connection!, file!),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['spokestack', 'analytics'] });
      onImported?.(result);
    },
  });

  function choose(chosen: File | undefined) {
    setFile(chosen ?? null);
    run.reset();
    preview.reset();
    if (chosen) preview.mutate(chosen);
  }

  const state = run.isSuccess
    ? 'done'
    : run.isPending
      ? 'importing'
      : preview.isSuccess
        ? 'preview'
        : preview.isPending
          ? 'reading'
          : file
            ? 'error'
            : 'empty';
  const p = (part: Part) => ({ 'data-scope': 'import-wizard', 'data-part': part, className: classNames?.[part] });

  if (!platformId && connections.isError)
    return <ErrorState error={connections.error} onRetry={() => connections.refetch()} retrying={connections.isRefetching} />;
  if (!platformId && connections.isPending) return <Spinner />;

  return (
    <section
      ref={ref}
      aria-labelledby={`${ids}-title`}
      {...props}
      data-scope="import-wizard"
      data-part="root"
      data-state={state}
      className={className}
    >
      <h2 id={`${ids}-title`} data-scope="import-wizard" data-part="title">
        {t.title}
      </h2>
      {!connection ? (
        <EmptyState title={t.noConnections} />
      ) : (
        <>
          {!platformId && (
            <div {...p('connection')}>
              <label htmlFor={`${ids}-connection`}>{t.connection}</label>
              <select
                id={`${ids}-connection`}
                value={connection}
                disabled={run.isPending}
                onChange={(e) => (setPicked(e.target.value), choose(undefined))}
              >
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} · {(t as Record<string, string>)[`platform_${c.platform}`] ?? c.platform}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div {...p('file')}>
            <label htmlFor={`${ids}-file`}>{t.file}</label>
            <input
              // A new input after "Import another file", so choosing the same file again still fires `change`.
              key={run.isSuccess ? 'done' : 'file'}
              id={`${ids}-file`}
              type="file"
              accept=".csv,text/csv"
              aria-describedby={`${ids}-hint`}
              disabled={run.isPending}
              onChange={(e) => choose(e.currentTarget.files?.[0])}
            />
            <p id={`${ids}-hint`} data-scope="import-wizard" data-part="hint">
              {t.fileHint}
            </p>
          </div>
        </>
      )}

      {preview.isPending && <Spinner overrides={{ label: t.reading }} />}
      {preview.isError && <ErrorState error={preview.error} onRetry={() => file && preview.mutate(file)} />}
      {preview.data && !run.isSuccess && <Preview result={preview.data} t={t} locale={locale} p={p} />}

      {preview.data && !run.isSuccess && (
        <div {...p('actions')}>
          <Button disabled={run.isPending || preview.data.rows === 0} loading={run.isPending} onClick={() => run.mutate()}>
            {t.import}
          </Button>
        </div>
      )}
      {run.isPending && (
        <div {...p('progress')}>
          {/* One request reads and writes the whole file: the bar has no figure to move, so it is indeterminate. */}
          <div role="progressbar" aria-label={t.progress} data-scope="import-wizard" data-part="track">
            <div data-scope="import-wizard" data-part="bar" />
          </div>
          <p aria-live="polite">{format(t.importing, { rows: preview.data?.rows ?? 0 })}</p>
        </div>
      )}
      {run.isError && <ErrorState error={run.error} onRetry={() => run.mutate()} />}
      {run.data && (
        <Outcome
          result={run.data}
          currency={preview.data ? currencyOf(preview.data) : null}
          t={t}
          locale={locale}
          p={p}
          again={() => choose(undefined)}
        />
      )}
    </section>
  );
});

/** The currency the file's rows state (a dry run's first row), for its money sums; none when it names none. */
const currencyOf = (result: ImportResult) => ((result.preview?.[0] as { currency?: string | null } | undefined)?.currency ?? null) || null;

type PartProps = (part: Part) => { 'data-scope': string; 'data-part': Part; className?: string };

/** What the dry run read: platform and confidence, the mapping, the first rows, the period and the file's sums. */
function Preview({ result, t, locale, p }: { result: ImportResult; t: ImportWizardStrings; locale?: string; p: PartProps }) {
  const currency = currencyOf(result);
  const platform = (t as Record<string, string>)[`platform_${result.platform}`] ?? result.platform;
  const percent = new Intl.NumberFormat(locale, { style: 'percent' }).format(result.confidence);
  const rows = (result.preview ?? []).slice(0, 5) as Record<string, unknown>[];
  const name = (ref: unknown) => (ref && typeof ref === 'object' ? String((ref as { name?: unknown }).name ?? '') : '');
  const cell = (row: Record<string, unknown>, field: (typeof shownFields)[number]) =>
    field === 'campaign' || field === 'adSet' || field === 'ad' ? name(row[field]) : String(row[field] ?? '');
  const fields = shownFields.filter((field) => rows.some((row) => cell(row, field) !== ''));
  const label = (field: string) =>
    (t as Record<string, string>)[`field_${field}`] ?? (t as Record<string, string>)[`field_${field}Name`] ?? field;
  return (
    <>
      <div {...p('detected')} role="status">
        <strong>{format(t.detected, { platform })}</strong> <span>{format(t.confidence, { percent })}</span>
        {result.period && <p>{format(t.period, { from: result.period.from, to: result.period.to })}</p>}
        <p>{format(t.lines, { rows: result.rows, totals: result.skippedTotals })}</p>
      </div>
      <table {...p('mapping')}>
        <caption>{t.mapping}</caption>
        <thead>
          <tr>
            <th scope="col">{t.field}</th>
            <th scope="col">{t.column}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(result.columns).map(([field, header]) => (
            <tr key={field}>
              <th scope="row">{label(field)}</th>
              <td>{header}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.unmapped.length > 0 && (
        <p data-scope="import-wizard" data-part="unmapped">
          {format(t.unmapped, { columns: result.unmapped.join(', ') })}
        </p>
      )}
      {rows.length > 0 && (
        // Focusable, so a keyboard can scroll a wide preview sideways (axe: scrollable-region-focusable).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it.
        <div data-scope="import-wizard" data-part="scroll" role="region" aria-label={t.preview} tabIndex={0}>
          <table {...p('preview')}>
            <caption>{t.preview}</caption>
            <thead>
              <tr>
                {fields.map((field) => (
                  <th key={field} scope="col">
                    {label(field)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={String(row.line ?? i)}>
                  {fields.map((field) => (
                    <td key={field}>{cell(row, field)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Sums result={result} currency={currency} t={t} locale={locale} />
      {result.errorCount > 0 && <Refused result={result} t={t} p={p} />}
    </>
  );
}

/** The file's own sums (what the platform's report says it spent), to check against the platform's UI. */
function Sums({ result, currency, t, locale }: { result: ImportResult; currency: string | null; t: ImportWizardStrings; locale?: string }) {
  const items = [
    [t.spend, formatMetric('spend', result.totals.spend, currency, locale), 'spend'],
    [t.impressions, formatMetric('impressions', result.totals.impressions, null, locale), 'impressions'],
    [t.clicks, formatMetric('clicks', result.totals.clicks, null, locale), 'clicks'],
    [t.conversions, formatMetric('conversions', result.totals.conversions, null, locale), 'conversions'],
  ] as const;
  return (
    <dl data-scope="import-wizard" data-part="sums">
      {items.map(([label, value, key]) => (
        <div key={key} data-sum={key}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The lines the server refused, with why, and the list as a CSV file. */
function Refused({ result, t, p }: { result: ImportResult; t: ImportWizardStrings; p: PartProps }) {
  const csv = [
    'line,column,value,message',
    ...result.errors.map((e) => [e.line, e.column ?? '', e.value ?? '', e.message].map((v) => csvCell(String(v))).join(',')),
  ].join('\r\n');
  return (
    <div {...p('refused')}>
      <h3>
        {t.refused} ({result.errorCount})
      </h3>
      <ul>
        {result.errors.slice(0, 10).map((e) => (
          <li key={`${e.line}:${e.field}:${e.message}`}>
            <strong>{format(t.refusedLine, { line: e.line })}</strong>
            {e.column ? ` · ${e.column}` : ''}
            {e.value ? ` (“${e.value}”)` : ''}: {e.message}
          </li>
        ))}
      </ul>
      <Button asChild variant="secondary" size="sm">
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`} download="refused-lines.csv">
          {t.report}
        </a>
      </Button>
    </div>
  );
}

/** A CSV cell, quoted when needed; a leading =, +, - or @ is prefixed so a spreadsheet does not run it. */
const csvCell = (value: string) => {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The finished import: what it wrote, the file's sums, and the refused lines. */
function Outcome({
  result,
  currency,
  t,
  locale,
  p,
  again,
}: {
  result: ImportResult;
  currency: string | null;
  t: ImportWizardStrings;
  locale?: string;
  p: PartProps;
  again: () => void;
}) {
  const w = result.written;
  const counts = [
    [t.rows, result.rows, 'rows'],
    [t.campaigns, w.campaigns, 'campaigns'],
    [t.adSets, w.adSets, 'adSets'],
    [t.ads, w.ads, 'ads'],
    [t.days, w.campaignDays + w.adSetDays + w.adDays + w.accountDays, 'days'],
  ] as const;
  return (
    <div {...p('result')} role="status">
      <h3>{t.done}</h3>
      <dl data-scope="import-wizard" data-part="counts">
        {counts.map(([label, count, key]) => (
          <div key={key} data-count={key}>
            <dt>{label}</dt>
            <dd>{new Intl.NumberFormat(locale).format(count)}</dd>
          </div>
        ))}
      </dl>
      <Sums result={result} currency={currency} t={t} locale={locale} />
      {!result.complete && (
        <p data-scope="import-wizard" data-part="problem">
          {t.incomplete}
        </p>
      )}
      {result.errorCount > 0 ? <Refused result={result} t={t} p={p} /> : <p>{t.noneRefused}</p>}
      <div data-scope="import-wizard" data-part="actions">
        <Button variant="secondary" onClick={again}>
          {t.again}
        </Button>
      </div>
    </div>
  );
}
