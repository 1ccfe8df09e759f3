export * from './random.ts';
export * from './invariants.ts';
