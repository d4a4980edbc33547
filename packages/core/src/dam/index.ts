export * from './enums.js';
export * from './rows.gen.js';
export * from './uploads.js';
export * from './links.js';
export * from './folders.js';
export * from './versions.js';
export * from './operations.js';
export * from './client.js';
