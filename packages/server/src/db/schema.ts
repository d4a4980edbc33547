// Every table of the platform, one module per feature; drizzle-kit and the contract generator read this.
export * from '../platform/schema.js';
export * from '../cms/schema.js';
export * from '../dam/schema.js';
export * from '../analytics/schema.js';
export * from '../crm/schema.js';
