export * from './normalize.ts';
export * from './guests.ts';
export * from './draw.ts';
