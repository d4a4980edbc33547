// Server-side helpers for web analytics ingestion: the tracker's payload, bot filtering, the daily
// salted visitor hash, traffic source classification, device/browser/OS and country. No routes here.
export * from './country.js';
export * from './event.js';
export * from './traffic.js';
export * from './user-agent.js';
export * from './visitor.js';
