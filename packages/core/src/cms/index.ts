export * from './enums.js';
export * from './rows.gen.js';
export * from './schema-fields.js';
export * from './contracts.js';
export * from './client.js';
export * from './publishing-contracts.js';
