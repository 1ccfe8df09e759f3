export * from './app.ts';
export * from './plans.ts';
export * from './config.ts';
export { releaseStartupMemory } from './memory.ts';
export { type SeatfoldApi } from './http/routes.ts';
export { healthReply } from './http/health.ts';
export { openAuth, AuthStore } from './auth/index.ts';
