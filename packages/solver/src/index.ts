export { planScorer, scorePlan, solve } from './solve.ts';
export * from './types.ts';
export { parseInstance, solverInstanceSchema } from './schema.ts';
