export * from './enums.js';
export * from './rows.gen.js';
export * from './client.js';
export * from './collect.js';
export * from './metrics.js';
export * from './operations.js';
export * from './imports.js';
export * from './web.js';
