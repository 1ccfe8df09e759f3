export { solve } from './solve.ts';
export * from './types.ts';
