/**
 * The domain's checks of untrusted input, built with zod: the id and text schemas, every command's schema
 * (commandSchema, parseCommand), the floor's measures, and the guest sheet import (it checks each row with the
 * text schemas). A browser loads this on demand (the web's app/validation.ts); everything else is in core.ts.
 */
import './issue-words.ts';
export * from './id-schema.ts';
export * from './text.ts';
export * from './commands.ts';
export {
  coordinate as coordinateSchema,
  rotation as rotationSchema,
  roomSide as roomSideSchema,
  tableSide as tableSideSchema,
  fixtureSide as fixtureSideSchema,
  imageIdSchema,
  backgroundSchema,
  MAX_FLOOR_MOVES,
} from './floor/commands.ts';
export * from './import/guests.ts';
