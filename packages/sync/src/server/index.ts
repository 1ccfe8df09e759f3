export * from './room.ts';
export * from './hub.ts';
