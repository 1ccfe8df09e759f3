export * from './room.ts';
export * from './hub.ts';
export * from './revert.ts';
