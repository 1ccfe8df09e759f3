export * from './room.ts';
export * from './hub.ts';
export * from './revert.ts';
export * from './buckets.ts';
export * from './limits.ts';
export * from './unload.ts';
export { EventPush } from './room-push.ts';
export { storeErrorOf } from './room-core.ts';
// The protocol's checks (zod), for a server that lists or checks the requests itself; the browser never loads them.
export { isRequestType, parseGhost, REQUEST_SCHEMAS, REQUEST_TYPES } from '../protocol/schemas.ts';
export { runSliced } from './slices.ts';
