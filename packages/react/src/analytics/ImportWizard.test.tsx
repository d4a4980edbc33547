import { readFile } from 'node:fs/promises';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '@spokestack/core/analytics';
import { renderWith, startServer } from '../test/server.js';
import { ImportWizard } from './index.js';

// The wizard against the reference server: the preview is the server's dry run of the real Meta Ads sample
// export (the server package's fixture), the import its real write, the figures afterwards its query engine.

let t: Awaited<ReturnType<typeof startServer>>;
let metaId: string;
beforeAll(async () => {
  t = await startServer({ now: '2026-09-10T08:00:00Z' });
  metaId = (await t.sdk.analytics.platforms.create({ platform: 'META_ADS', name: 'Northwind Meta', accountId: 'act_7', credentials: {} }))
    .id;
  await t.sdk.analytics.platforms.create({ platform: 'GOOGLE_ADS', name: 'Northwind Google', accountId: '123-456', credentials: {} });
});
afterAll(() => t?.close());

const fixture = new URL('../../../server/test/fixtures/analytics/meta-ads-ad-daily.csv', import.meta.url);
const count = (root: HTMLElement, key: string) => root.querySelector(`[data-count="${key}"] dd`)?.textContent;

describe('ImportWizard', () => {
  it('previews the detected platform, mapping and first rows, imports, and shows the counts and refused lines', async () => {
    const user = userEvent.setup();
    const imported: ImportResult[] = [];
    // The sample export, and one line whose day is no date: refused, the rest imported.
    const text = await readFile(fixture, 'utf8');
    const bad = [
      '"Fall Sale — Prospecting","Lookalike 1% US","Carousel — Boots",someday',
      '120208813470530187,120208813470610187,120208813470720187,active,,,1,1,1,,1.00,1,1,,,,,2026-09-01,2026-09-02',
    ].join(',');
    const file = new File([`${text.trimEnd()}\n${bad}\n`], 'meta-ads.csv', { type: 'text/csv' });
    renderWith(t.sdk, <ImportWizard locale="en-US" onImported={(result) => imported.push(result)} />);

    const connection = (await screen.findByLabelText('Ad account', {}, { timeout: 15_000 })) as HTMLSelectElement;
    expect([...connection.options].map((o) => o.textContent)).toEqual(['Northwind Google · Google Ads', 'Northwind Meta · Meta']);
    await user.selectOptions(connection, metaId);
    await user.upload(screen.getByLabelText('CSV export'), file);

    const detected = await screen.findByText('Detected: Meta', {}, { timeout: 15_000 });
    expect(detected).toBeTruthy();
    const mapping = screen.getByRole('table', { name: 'Columns' });
    const mapped = within(mapping)
      .getAllByRole('row')
      .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(mapped).toContainEqual(['Day', 'Day']);
    expect(mapped).toContainEqual(['Spend', 'Amount spent (USD)']);
    const preview = screen.getByRole('table', { name: 'First rows' });
    expect(within(preview).getAllByRole('row')[1]!.textContent).toContain('Fall Sale — Prospecting');
    // The dry run wrote nothing.
    expect((await t.sdk.analytics.adCampaigns.list()).data).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(document.querySelector('[data-scope="import-wizard"][data-part="result"]')).toBeTruthy(), {
      timeout: 15_000,
    });
    const outcome = document.querySelector<HTMLElement>('[data-part="result"]')!;
    expect(count(outcome, 'campaigns')).toBe('2');
    expect(count(outcome, 'ads')).toBe('3');
    expect(outcome.querySelector('[data-sum="spend"] dd')?.textContent).toBe('$214.57');
    expect(within(outcome).getByText('Line 9')).toBeTruthy();
    const report = within(outcome).getByRole('link', { name: 'Download refused lines (CSV)' }) as HTMLAnchorElement;
    expect(decodeURIComponent(report.href)).toContain('9,Day,someday,');
    expect(imported).toHaveLength(1);

    // What the dashboard reads afterwards is what the file says.
    const written = await t.sdk.analytics.metrics.query({ from: '2026-09-01', to: '2026-09-02', compare: false });
    expect(written.totals.metrics.spend).toBe('214.57');

    fireEvent.click(within(outcome).getByRole('button', { name: 'Import another file' }));
    expect(document.querySelector('[data-part="result"]')).toBeNull();
  });

  it('says what the server refused when a file is not an export it can read', async () => {
    const user = userEvent.setup();
    renderWith(t.sdk, <ImportWizard platformId={metaId} />);
    await user.upload(await screen.findByLabelText('CSV export', {}, { timeout: 15_000 }), new File(['name,age\nada,36\n'], 'people.csv'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/./), { timeout: 15_000 });
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
  });
});
