import { type ComponentPropsWithoutRef, type ReactNode, forwardRef, useEffect, useId, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactImportField } from '@spokestack/core/crm';
import { useOverrides } from '../overrides.js';
import { useSpokeStack } from '../provider.js';
import { format } from '../shared/format.js';
import { Button } from '../ui/Button.js';
import { ErrorState } from '../ui/ErrorState.js';
import type { ClassNames } from '../ui/utils.js';
import { type ContactImportRow, importRunning, useContactImport, useContactImportErrors } from './hooks.js';
import { type ContactImportStrings, contactImportStrings } from './strings.js';

type Part = 'file' | 'mapping' | 'dedupe' | 'actions' | 'check' | 'progress' | 'result';
type Mapping = Record<string, ContactImportField | ''>;

export interface ContactImportProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** An import already started (after a page reload, from a list of imports): shows its progress or result. */
  importId?: string;
  /** How often a running import is polled, in ms (default 1000). */
  pollInterval?: number;
  /** Called once an import (not a check) has finished, with the server's counters. */
  onImported?: (result: ContactImportRow) => void;
  /** Class name of the root element. */
  className?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<Part>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<ContactImportStrings>;
}

/** The contact fields, in the order the strings list them (the strings are typed to cover every field). */
const fields = Object.keys(contactImportStrings)
  .filter((key) => key.startsWith('field_'))
  .map((key) => key.slice('field_'.length) as ContactImportField);

/** Header names people use for each field, compared lower-case without spaces or punctuation. */
const aliases: Record<string, ContactImportField> = {
  ...Object.fromEntries(fields.map((field) => [field.toLowerCase(), field])),
  first: 'firstName',
  givenname: 'firstName',
  forename: 'firstName',
  last: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  emailaddress: 'email',
  mail: 'email',
  telephone: 'phone',
  tel: 'phone',
  phonenumber: 'phone',
  cell: 'mobile',
  mobilephone: 'mobile',
  title: 'jobTitle',
  position: 'jobTitle',
  company: 'companyName',
  organization: 'companyName',
  organisation: 'companyName',
  address: 'addressLine1',
  street: 'addressLine1',
  address2: 'addressLine2',
  town: 'city',
  region: 'state',
  province: 'state',
  zip: 'postalCode',
  zipcode: 'postalCode',
  postcode: 'postalCode',
  type: 'contactType',
  leadsource: 'source',
  labels: 'tags',
  consent: 'marketingConsent',
  optin: 'marketingConsent',
  consentsource: 'marketingConsentSource',
};

/** A default mapping from the header names; a field goes to the first column that names it, the rest are ignored. */
export function guessMapping(columns: string[]): Mapping {
  const taken = new Set<string>();
  return Object.fromEntries(
    columns.map((column) => {
      const field = aliases[column.toLowerCase().replace(/[^a-z0-9]/g, '')];
      if (!field || taken.has(field)) return [column, ''];
      taken.add(field);
      return [column, field];
    }),
  );
}

/** The header line of a CSV (quoted names with commas, `""` escapes), read from the file's first 64 KB only. */
export async function readColumns(file: Blob): Promise<string[]> {
  const text = (await file.slice(0, 65_536).text()).replace(/^\uFEFF/, '');
  const columns: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') columns.push(cell.trim()), (cell = '');
    else if (c === '\n' || c === '\r') break;
    else cell += c;
  }
  columns.push(cell.trim());
  return columns.filter(Boolean);
}

/**
 * Imports contacts from a CSV: the file's columns mapped to contact fields (guessed from the header names), what
 * to do with an email that exists, a check that counts what would be created, updated and refused without writing
 * anything, then the import with a progress bar while its job runs, its counts, and the refused lines as a CSV to
 * download.
 *
 * @example <ContactImport onImported={(result) => toast(`${result.createdCount} contacts imported`)} />
 */
export const ContactImport = forwardRef<HTMLElement, ContactImportProps>(function ContactImport(
  { importId: startedId, pollInterval, onImported, className, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('contactImport', contactImportStrings, overrides);
  const sdk = useSpokeStack();
  const queryClient = useQueryClient();
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [dedupe, setDedupe] = useState<'skip' | 'update'>('skip');
  const [fileId, setFileId] = useState<string | null>(null);
  const [checkId, setCheckId] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(startedId ?? null);
  const check = useContactImport(checkId, pollInterval);
  const run = useContactImport(importId, pollInterval);
  const columns = Object.keys(mapping);
  const mapped = Object.values(mapping);
  const ready = file && mapped.includes('firstName') && mapped.includes('lastName');

  const start = useMutation({
    mutationFn: async (dryRun: boolean) => {
      // The file is uploaded once, on the first check or import, and reused until another file is chosen.
      const id = fileId ?? (await sdk.platform.files.upload(file!, { name: file!.name })).id;
      setFileId(id);
      const only = Object.fromEntries(Object.entries(mapping).filter(([, field]) => field)) as Record<string, ContactImportField>;
      return sdk.crm.contactImports.create({ fileId: id, mapping: only, dedupe, dryRun });
    },
    onSuccess: (row) => (row.dryRun ? setCheckId(row.id) : setImportId(row.id)),
  });

  const finished = run.data && !importRunning(run.data) ? run.data : undefined;
  // Once per finished import (a ref, since `onImported` is often a new function on every render).
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (finished?.status !== 'COMPLETED' || reported.current === finished.id) return;
    reported.current = finished.id;
    void queryClient.invalidateQueries({ queryKey: ['spokestack', 'crm', 'contacts'] });
    onImported?.(finished);
  }, [finished, onImported, queryClient]);

  async function choose(chosen: File | undefined) {
    setFile(chosen ?? null);
    setFileId(null);
    setCheckId(null);
    setImportId(null);
    setFileProblem(null);
    setMapping({});
    start.reset();
    if (!chosen) return;
    try {
      const found = await readColumns(chosen);
      if (!found.length) setFileProblem(t.noColumns);
      setMapping(guessMapping(found));
    } catch {
      setFileProblem(t.unreadable);
    }
  }

  const busy = start.isPending || importRunning(check.data) || importRunning(run.data);
  const state = finished ? 'done' : run.data ? 'importing' : check.data ? 'checked' : file ? 'mapping' : 'empty';
  return (
    <section
      ref={ref}
      aria-labelledby={`${ids}-title`}
      {...props}
      data-scope="contact-import"
      data-part="root"
      data-state={state}
      className={className}
    >
      <h2 id={`${ids}-title`} data-scope="contact-import" data-part="title">
        {t.title}
      </h2>
      <div data-scope="contact-import" data-part="file" className={classNames?.file}>
        <label htmlFor={`${ids}-file`}>{t.file}</label>
        <input
          id={`${ids}-file`}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${ids}-file-hint`}
          disabled={busy}
          onChange={(event) => void choose(event.currentTarget.files?.[0])}
        />
        <p id={`${ids}-file-hint`} data-scope="contact-import" data-part="hint">
          {t.fileHint}
        </p>
        {fileProblem && (
          <p role="alert" data-scope="contact-import" data-part="problem">
            {fileProblem}
          </p>
        )}
      </div>

      {columns.length > 0 && !importId && (
        <>
          <fieldset data-scope="contact-import" data-part="mapping" className={classNames?.mapping}>
            <legend>{t.mapping}</legend>
            <p data-scope="contact-import" data-part="hint">
              {t.mappingHint}
            </p>
            {columns.map((column, i) => (
              <div key={column} data-scope="contact-import" data-part="column">
                <label htmlFor={`${ids}-col-${i}`}>{column}</label>
                <select
                  id={`${ids}-col-${i}`}
                  value={mapping[column]}
                  disabled={busy}
                  onChange={(event) => {
                    const field = event.currentTarget.value as ContactImportField | '';
                    setMapping((m) => ({ ...m, [column]: field }));
                    setCheckId(null);
                  }}
                >
                  <option value="">{t.ignore}</option>
                  {fields.map((field) => (
                    <option key={field} value={field}>
                      {t[`field_${field}`]}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            {!ready && (
              <p data-scope="contact-import" data-part="problem">
                {t.needsNames}
              </p>
            )}
          </fieldset>
          <fieldset data-scope="contact-import" data-part="dedupe" className={classNames?.dedupe}>
            <legend>{t.dedupe}</legend>
            {(['skip', 'update'] as const).map((choice) => (
              <label key={choice}>
                <input
                  type="radio"
                  name={`${ids}-dedupe`}
                  value={choice}
                  checked={dedupe === choice}
                  disabled={busy}
                  onChange={() => (setDedupe(choice), setCheckId(null))}
                />
                {t[`dedupe_${choice}`]}
              </label>
            ))}
          </fieldset>
          <div data-scope="contact-import" data-part="actions" className={classNames?.actions}>
            <Button
              variant="secondary"
              disabled={!ready || busy}
              loading={start.isPending && start.variables}
              onClick={() => start.mutate(true)}
            >
              {importRunning(check.data) ? t.checking : t.check}
            </Button>
            <Button disabled={!ready || busy} loading={start.isPending && !start.variables} onClick={() => start.mutate(false)}>
              {t.import}
            </Button>
          </div>
        </>
      )}

      {start.isError && <ErrorState error={start.error} onRetry={() => start.mutate(start.variables)} />}
      {check.isError && <ErrorState error={check.error} onRetry={() => check.refetch()} />}
      {run.isError && <ErrorState error={run.error} onRetry={() => run.refetch()} />}

      {check.data && !importId && <Outcome row={check.data} t={t} title={t.checked} className={classNames?.check} dryRun />}
      {run.data && importRunning(run.data) && <Progress row={run.data} t={t} className={classNames?.progress} />}
      {finished && (
        <Outcome
          row={finished}
          t={t}
          title={finished.status === 'FAILED' ? format(t.failed, { reason: finished.failureReason ?? '' }) : t.done}
          className={classNames?.result}
        >
          {finished.errorCount > 0 && <ErrorReport importId={finished.id} fileName={finished.fileName} t={t} />}
          <Button variant="secondary" onClick={() => void choose(undefined)}>
            {t.again}
          </Button>
        </Outcome>
      )}
    </section>
  );
});

function Progress({ row, t, className }: { row: ContactImportRow; t: ContactImportStrings; className?: string }) {
  const percent = row.totalBytes ? Math.round((row.processedBytes * 100) / row.totalBytes) : 0;
  return (
    <div data-scope="contact-import" data-part="progress" className={className}>
      <div
        role="progressbar"
        aria-label={t.progress}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% · ${format(t.rows, { rows: row.processedRows })}`}
        data-scope="contact-import"
        data-part="track"
      >
        <div data-scope="contact-import" data-part="bar" style={{ width: `${percent}%` }} />
      </div>
      <p aria-live="polite">
        {t.importing} {format(t.rows, { rows: row.processedRows })}
      </p>
    </div>
  );
}

/** The counts of a check or a finished import, and its first refused lines. */
function Outcome({
  row,
  t,
  title,
  dryRun,
  className,
  children,
}: {
  row: ContactImportRow;
  t: ContactImportStrings;
  title: string;
  dryRun?: boolean;
  className?: string;
  children?: ReactNode;
}) {
  if (importRunning(row)) return <Progress row={row} t={t} className={className} />;
  const counts = [
    [dryRun ? t.wouldCreate : t.created, row.createdCount, 'created'],
    [dryRun ? t.wouldUpdate : t.updated, row.updatedCount, 'updated'],
    [dryRun ? t.wouldSkip : t.skipped, row.skippedCount, 'skipped'],
    [dryRun ? t.wouldRefuse : t.refused, row.errorCount, 'refused'],
  ] as const;
  return (
    <div role="status" data-scope="contact-import" data-part="outcome" data-status={row.status} className={className}>
      <h3>{title}</h3>
      <dl data-scope="contact-import" data-part="counts">
        {counts.map(([label, count, key]) => (
          <div key={key} data-count={key}>
            <dt>{label}</dt>
            <dd>{count}</dd>
          </div>
        ))}
      </dl>
      {row.errors.length > 0 ? (
        <>
          <h4>{t.firstErrors}</h4>
          <ul data-scope="contact-import" data-part="errors">
            {row.errors.slice(0, 5).map((error) => (
              <li key={`${error.line}:${error.column}`}>
                <strong>{format(t.errorLine, { line: error.line })}</strong>
                {error.column ? ` · ${error.column}` : ''}: {error.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        row.status === 'COMPLETED' && <p>{t.noErrors}</p>
      )}
      {children && (
        <div data-scope="contact-import" data-part="actions">
          {children}
        </div>
      )}
    </div>
  );
}

/** A link that saves the refused lines as a CSV file (a `data:` URL, so there is no object URL to revoke). */
function ErrorReport({ importId, fileName, t }: { importId: string; fileName: string; t: ContactImportStrings }) {
  const csv = useContactImportErrors(importId);
  if (csv.isError) return <ErrorState error={csv.error} onRetry={() => csv.refetch()} />;
  if (csv.data === undefined) return null;
  return (
    <Button asChild variant="secondary">
      <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv.data)}`} download={`${fileName.replace(/\.csv$/i, '')}-errors.csv`}>
        {t.report}
      </a>
    </Button>
  );
}
