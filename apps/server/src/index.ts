export * from './app.ts';
export * from './plans.ts';
export * from './config.ts';
export { healthReply, type SeatfoldApi } from './http/routes.ts';
