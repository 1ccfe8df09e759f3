export * from './normalize.ts';
export * from './columns.ts';
export * from './tables.ts';
export * from './guests.ts';
export * from './draw.ts';
