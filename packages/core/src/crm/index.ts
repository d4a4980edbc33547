export * from './enums.js';
export * from './rows.gen.js';
export { currency, money } from './common.js';
export * from './contacts.js';
export * from './deals.js';
export * from './timeline.js';
export * from './products.js';
export * from './operations.js';
export * from './client.js';
