export * from './protocol.ts';
export * from './client-state.ts';
export * from './client-engine.ts';
export * from './socket-transport.ts';
export * from './history.ts';
export * from './presence-list.ts';
export * from './ghosts.ts';
