export * from './protocol.ts';
export * from './client-state.ts';
export * from './client-engine.ts';
export * from './socket-transport.ts';
export * from './history.ts';
/** the client half of per-user undo: stacks of my confirmed commands (undoStacks.issued, .confirmed, …) */
export * as undoStacks from './client-undo.ts';
export type { KeyValueStorage, UndoStacks } from './client-undo.ts';
export * from './presence-list.ts';
export * from './ghosts.ts';
export { newCommandId } from './command-id.ts';
