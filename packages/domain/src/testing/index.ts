export * from './random.ts';
export * from './invariants.ts';
export * from './harness.ts';
