// Report importers: the CSV exports of Meta Ads Manager and Google Ads, read as they stream. COLUMNS.md
// beside this file documents the column mapping.
export * from './decode.js';
export * from './platforms.js';
export * from './report.js';
export * from './values.js';
