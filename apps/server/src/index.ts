export * from './app.ts';
export * from './plans.ts';
export * from './config.ts';
