export * from './plane.ts';
export * from './geometry.ts';
export * from './shapes.ts';
export * from './layout.ts';
export { floorItemName } from './decide.ts';
export {
  coordinate as coordinateSchema,
  rotation as rotationSchema,
  roomSide as roomSideSchema,
  tableSide as tableSideSchema,
  fixtureSide as fixtureSideSchema,
  imageIdSchema,
  backgroundSchema,
  MAX_FLOOR_MOVES,
} from './commands.ts';
