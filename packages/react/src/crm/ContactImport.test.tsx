import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderWith, startServer } from '../test/server.js';
import { ContactImport, guessMapping } from './ContactImport.js';

// The import against the reference server: the check is the server's dry run, the import its job (run here with
// `runJobs`, the clock of a test), the error report its errors.csv.

let t: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  t = await startServer({ now: '2026-03-10T08:00:00Z' });
  await t.sdk.crm.contacts.create({ firstName: 'Eve', lastName: 'Existing', email: 'eve@import.test' });
});
afterAll(() => t?.close());

const csv = [
  'First name,Surname,E-mail,Company,Notes',
  'Ada,Lovelace,ada@import.test,Analytical,x',
  'Cy,Young,not-an-email,,',
  'Eve,Again,eve@import.test,,',
  'Dee,Dunn,dee@import.test,Dunn & Co,',
].join('\n');
const count = (root: HTMLElement, key: string) => root.querySelector(`[data-count="${key}"] dd`)?.textContent;

describe('ContactImport', () => {
  it('guesses the fields from header names, each field once', () => {
    expect(guessMapping(['First name', 'Surname', 'E-mail', 'Email', 'Zip', 'Notes'])).toEqual({
      'First name': 'firstName',
      Surname: 'lastName',
      'E-mail': 'email',
      Email: '',
      Zip: 'postalCode',
      Notes: '',
    });
  });

  it('maps the columns, checks without writing, imports with progress and offers the refused lines as CSV', async () => {
    const user = userEvent.setup();
    let imported = 0;
    const { container } = renderWith(t.sdk, <ContactImport pollInterval={20} onImported={(row) => (imported = row.createdCount)} />);
    fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [new File([csv], 'leads.csv', { type: 'text/csv' })] } });
    const company = (await screen.findByLabelText('Company')) as HTMLSelectElement;
    expect(company.value).toBe('companyName');
    expect((screen.getByLabelText('Notes') as HTMLSelectElement).value).toBe('');
    expect((screen.getByLabelText('Surname') as HTMLSelectElement).value).toBe('lastName');

    // Without a last name the import cannot start, and says why.
    await user.selectOptions(screen.getByLabelText('Surname'), '');
    expect(screen.getByText('Map a column to First name and one to Last name.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Check' }) as HTMLButtonElement).disabled).toBe(true);
    await user.selectOptions(screen.getByLabelText('Surname'), 'lastName');

    await user.click(screen.getByRole('button', { name: 'Check' }));
    await waitFor(() => expect(container.querySelector('[data-part="progress"], [data-part="outcome"]')).toBeTruthy());
    await t.runJobs();
    await waitFor(() => expect(container.querySelector('[data-part="outcome"]')?.getAttribute('data-status')).toBe('COMPLETED'));
    const checked = container.querySelector<HTMLElement>('[data-part="outcome"]')!;
    expect(within(checked).getByText('Check: nothing has been written yet')).toBeTruthy();
    expect([count(checked, 'created'), count(checked, 'skipped'), count(checked, 'refused')]).toEqual(['2', '1', '1']);
    expect(within(checked).getByText('Line 3')).toBeTruthy();
    expect((await t.sdk.crm.contacts.list({ q: 'ada@import.test' })).data).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Import' }));
    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    await t.runJobs();
    await screen.findByText('Import finished', {}, { timeout: 5000 });
    const result = container.querySelector<HTMLElement>('[data-part="outcome"]')!;
    expect([count(result, 'created'), count(result, 'updated'), count(result, 'skipped'), count(result, 'refused')]).toEqual([
      '2',
      '0',
      '1',
      '1',
    ]);
    expect(imported).toBe(2);
    expect((await t.sdk.crm.contacts.list({ q: 'dee@import.test' })).data[0]).toMatchObject({ companyName: 'Dunn & Co' });

    const link = await screen.findByRole('link', { name: 'Download error report' });
    expect(link.getAttribute('download')).toBe('leads-errors.csv');
    const report = decodeURIComponent(link.getAttribute('href')!.replace(/^data:text\/csv;charset=utf-8,/, ''));
    const lines = report.trim().split(/\r?\n/);
    expect(lines[0]).toBe('line,column,field,message');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^3,E-mail,email,/);
  });
});
