// The whole domain: core.ts (no zod: model, decide, evolve, queries, types) and validation.ts (the zod checks).
export * from './core.ts';
export * from './validation.ts';
