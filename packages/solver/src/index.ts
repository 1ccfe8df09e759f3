export { planScorer, prepare, scorePlan, solve, type PreparedInstance } from './solve.ts';
export * from './types.ts';
export { parseInstance, solverInstanceSchema } from './schema.ts';
