export * from './plane.ts';
export * from './geometry.ts';
export * from './shapes.ts';
export * from './layout.ts';
export * from './names.ts';
export * from './name-spots.ts';
export * from './name-key.ts';
export { fixtureUnder, floorFit, floorItemName, standingRefusal } from './rule.ts';
export { gridRefusal } from './decide.ts';
