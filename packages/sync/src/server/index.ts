export * from './room.ts';
export * from './hub.ts';
export * from './revert.ts';
export * from './limits.ts';
export * from './unload.ts';
export { EventPush } from './room-push.ts';
